/**
 * Reading an election record (`<election-id>.psephos.jsonl`): a header line, then one canonical JSON
 * object per line — a board event, or a signed tree head (`"format":"psephos/tree-head"`) placed right
 * after the event that brought the log to its size. Reading is streaming and bounded: a line longer
 * than the limit is refused before it is held whole, and a last line without its newline means the
 * file was cut short.
 *
 * The source is any async iterable of byte or text chunks, so the same reader serves a Node file
 * stream and a browser `File.stream()`.
 *
 * SPEC.md §13 (Election record).
 *
 * @example
 * ```ts
 * for await (const { text, line } of recordLines(createReadStream(path))) { … }
 * ```
 */
import { z } from 'zod';
import { Id } from '../protocol/definition.ts';
import { VerificationFailure } from './failure.ts';

export const RecordHeader = z.strictObject({
  format: z.literal('psephos/record'),
  version: z.literal(1),
  election: Id,
});
export type RecordHeader = z.infer<typeof RecordHeader>;

/** Default longest line: the credential list of a few million members fits. */
export const MAX_LINE_CHARS = 512 * 1024 * 1024;

export interface RecordLine {
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/** Splits a stream of chunks into lines, refusing over-long lines and a missing final newline. */
export async function* recordLines(
  chunks: AsyncIterable<Uint8Array | string>,
  maxLineChars = MAX_LINE_CHARS,
): AsyncGenerator<RecordLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let line = 0;
  const tooLong = () =>
    new VerificationFailure('line-too-long', `line ${line + 1} is longer than ${maxLineChars} characters`, {
      line: line + 1,
    });
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new VerificationFailure(
        'record-unreadable',
        `the record is not valid UTF-8 near line ${line + 1}`,
        { line: line + 1 },
      );
    }
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (pending.length + nl - start > maxLineChars) throw tooLong();
      line++;
      yield { text: pending + text.slice(start, nl), line };
      pending = '';
      start = nl + 1;
    }
    pending += text.slice(start);
    if (pending.length > maxLineChars) throw tooLong();
  }
  if (pending.length > 0) {
    throw new VerificationFailure('truncated-record', `the record ends in the middle of line ${line + 1}`, {
      line: line + 1,
    });
  }
}

/** Parses a line's JSON, or fails with the line number. */
export function parseLine({ text, line }: RecordLine): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new VerificationFailure('bad-event', `line ${line} is not valid JSON`, { line });
  }
}

/** True for a line holding a signed tree head rather than an event. */
export function isTreeHead(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { format?: unknown }).format === 'psephos/tree-head'
  );
}
