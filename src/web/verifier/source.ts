/**
 * Where the verifier page's record comes from: a file the observer chose, or this server's
 * `GET /api/elections/:id/record`, streamed into a Blob. Either way the verifier reads it as a stream of
 * chunks (src/verifier/record.ts splits the lines), never as one string, and reads it twice (the second
 * pass checks the tally) — hence a download is kept whole as a Blob, whose bytes browsers hold outside
 * the JavaScript heap, on disk when large. Keeping it also means both passes read the very same bytes,
 * even while the board grows, and the observer can save the file that was checked.
 *
 * Uses only Blob, fetch and streams, so it runs in a worker, a page and Node alike.
 *
 * @example
 * ```ts
 * const blob = await downloadRecord('leader-2026', { onBytes: (n) => show(n) });
 * const report = await verifyRecord(blobSource(blob), { group });
 * ```
 */
import type { RecordSource } from '../../verifier/verify.ts';
import type { ProblemCode } from './protocol.ts';

/**
 * The largest record the page checks: 2 GB. A ballot of one five-candidate question takes about 2.5 kB
 * of record (its event and the tree head signed after it), so 2 GB is some 800 000 ballots — more than
 * any membership election this page is for, and tens of minutes of a laptop's time; a larger file is
 * far more likely a wrong choice (a disk image, a video) than a record. The command-line verifier
 * (`psephos verify`) has no such limit. A chosen file is never read whole (see blobChunks).
 */
export const MAX_RECORD_BYTES = 2_000_000_000;

/** Downloaded chunks are gathered into a Blob this often, so they leave the JavaScript heap. */
const BLOB_PART_BYTES = 8 * 1024 * 1024;

/** A problem that stops verification before there is a report (the page says it in plain words). */
export class RecordProblem extends Error {
  readonly code: ProblemCode;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;
  constructor(code: ProblemCode, message: string, server: { status?: number; code?: string } = {}) {
    super(message);
    this.name = 'RecordProblem';
    this.code = code;
    this.status = server.status;
    this.serverCode = server.code;
  }
}

/**
 * The chunks of a Blob (a File included), read as a stream; stops reading when the consumer stops.
 * @example `for await (const chunk of blobChunks(file)) hash.update(chunk);`
 */
export async function* blobChunks(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  let done = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        done = true;
        throw new RecordProblem('unreadable', `the file could not be read: ${(e as Error).message}`);
      }
      if (chunk.done) {
        done = true;
        return;
      }
      yield chunk.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
  }
}

/**
 * A record source over a Blob: each pass reads it from the start; `onChunk` hears how far it got.
 * @example `await verifyRecord(blobSource(file, (pass, read) => show(pass, read)), { group })`
 */
export function blobSource(blob: Blob, onChunk?: (pass: number, read: number) => void): RecordSource {
  let pass = 0;
  return {
    open: async function* () {
      const thisPass = ++pass;
      let read = 0;
      for await (const chunk of blobChunks(blob)) {
        read += chunk.length;
        onChunk?.(thisPass, read);
        yield chunk;
      }
    },
  };
}

/**
 * Streams the record of `election` from this server (or `origin`) into a Blob, calling `onBytes` as it
 * comes. RecordProblem `offline` when the server cannot be reached or the transfer breaks off,
 * `refused` when it answers with an error, `too-large` past `maxBytes`.
 * @example `const blob = await downloadRecord('leader-2026', { onBytes: show })`
 */
export async function downloadRecord(
  election: string,
  options: { onBytes?: (bytes: number) => void; maxBytes?: number; origin?: string } = {},
): Promise<Blob> {
  const maxBytes = options.maxBytes ?? MAX_RECORD_BYTES;
  const path = `/api/elections/${encodeURIComponent(election)}/record`;
  let response: Response;
  try {
    response = await fetch(options.origin ? new URL(path, options.origin) : path, {
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new RecordProblem('offline', `no answer from the server: ${(e as Error).message}`);
  }
  if (!response.ok || !response.body) throw await refusal(response);
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge(declared, maxBytes);
  const reader = response.body.getReader();
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw new RecordProblem('offline', `the download broke off: ${(e as Error).message}`);
    }
    if (chunk.done) break;
    bytes += chunk.value.length;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(bytes, maxBytes);
    }
    pending.push(chunk.value);
    pendingBytes += chunk.value.length;
    if (pendingBytes >= BLOB_PART_BYTES) {
      parts.push(new Blob(pending as BlobPart[]));
      pending = [];
      pendingBytes = 0;
    }
    options.onBytes?.(bytes);
  }
  parts.push(new Blob(pending as BlobPart[]));
  return new Blob(parts, { type: 'application/jsonl' });
}

function tooLarge(bytes: number, maxBytes: number): RecordProblem {
  return new RecordProblem('too-large', `the record is over ${maxBytes} bytes (${bytes} so far)`);
}

async function refusal(response: Response): Promise<RecordProblem> {
  const text = await response.text().catch(() => '');
  let code: string | undefined;
  let message = `HTTP ${response.status}`;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === 'string') code = error.code.slice(0, 64);
    if (typeof error?.message === 'string') message = error.message.slice(0, 500);
  } catch {
    // Not the server's JSON error: the status says enough.
  }
  return new RecordProblem('refused', message, { status: response.status, ...(code ? { code } : {}) });
}

/**
 * The number of events the record's last line — normally its last signed tree head — claims, for a
 * progress display only (the verifier checks that claim like every other); null when the last line is
 * not a tree head.
 * @example `await claimedEvents(blob)` → 18 (a record whose last line is the head of 18 events)
 */
export async function claimedEvents(blob: Blob): Promise<number | null> {
  try {
    const tail = await blob.slice(Math.max(0, blob.size - 4096)).text();
    const last = tail.replace(/\n$/, '').split('\n').pop() ?? '';
    const head = JSON.parse(last) as { format?: unknown; size?: unknown } | null;
    if (head?.format === 'psephos/tree-head' && Number.isSafeInteger(head.size) && (head.size as number) >= 0)
      return head.size as number;
  } catch {
    // Unreadable, not JSON, or cut by the 4 KiB window: no claim (reading the record will say more).
  }
  return null;
}
