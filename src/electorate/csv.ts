/**
 * Reading a roll CSV as a stream of records: the encoding (UTF-8 or Windows-1252) and the delimiter are
 * detected from the first 64 KiB, files that are not text are rejected before the rest is read, and the
 * bytes are parsed by csv-parse's streaming parser while their SHA-256 is computed, so the report can name
 * exactly which file was audited.
 */
import { createHash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { CsvEncoding } from './codes.ts';
import { ElectorateError } from './errors.ts';

export type { CsvEncoding } from './codes.ts';

/** How a roll file is written. */
export interface CsvFormat {
  encoding: CsvEncoding;
  delimiter: string;
}

/** One record: its fields, and the 1-based line of the file where it ends. */
export interface CsvRecord {
  kind: 'record';
  fields: string[];
  line: number;
}

/** A record the parser could not read (a stray quote, say); parsing goes on with the next one. */
export interface CsvProblem {
  kind: 'problem';
  line: number;
  message: string;
}

/** An opened roll CSV: its detected format, its records in file order, and the file's digest once read. */
export interface CsvSource {
  format: CsvFormat;
  records: AsyncIterable<CsvRecord | CsvProblem>;
  /** Lower-case hex SHA-256 of every byte read; complete once `records` is exhausted. */
  sha256(): string;
}

const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'] as const;
const SAMPLE_LINES = 50;

/**
 * Opens a roll CSV from a byte stream (a file, an upload). Throws {@link ElectorateError} at once for an
 * empty file, binary data, UTF-16, a first line over 64 KiB or a first line with no delimiter.
 * @example
 * ```ts
 * const csv = await openCsv(createReadStream('roll.csv'));
 * for await (const r of csv.records) if (r.kind === 'record') console.log(r.line, r.fields);
 * ```
 */
export async function openCsv(
  input: AsyncIterable<Uint8Array>,
  onProgress?: (bytesRead: number) => void,
): Promise<CsvSource> {
  const iterator = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const sample = Buffer.concat(head);
  let encoding: CsvEncoding;
  let delimiter: string;
  try {
    encoding = detectEncoding(sample, ended);
    delimiter = detectDelimiter(new TextDecoder(encoding).decode(sample, { stream: !ended }), ended);
  } catch (error) {
    // Rejected on its first bytes: close the source now rather than when it is collected.
    await iterator.return?.();
    throw error;
  }

  const hash = createHash('sha256');
  const decoder = new TextDecoder(encoding, { fatal: true });
  let bytesRead = 0;
  // Every chunk goes through a fatal decoder: a UTF-8 file with bad bytes past the sample (two exports
  // pasted together) is rejected rather than imported with replacement characters. `undefined` ends the
  // stream, so a file cut in the middle of a character is rejected too.
  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new ElectorateError(
        'unsupported-encoding',
        `the file is not valid UTF-8 after byte ${bytesRead}: it mixes encodings; save it again as UTF-8 CSV`,
      );
    }
  };
  async function* checkedBytes(): AsyncGenerator<Uint8Array> {
    let pending: Uint8Array[] = head;
    // The finally block closes the source when reading stops early (an error, too many bad rows).
    try {
      for (;;) {
        for (const chunk of pending) {
          hash.update(chunk);
          const text = decode(chunk);
          bytesRead += chunk.length;
          onProgress?.(bytesRead);
          yield encoding === 'utf-8' ? chunk : Buffer.from(text);
        }
        if (ended) break;
        const next = await iterator.next();
        if (next.done) break;
        pending = [next.value];
      }
      decode(undefined);
    } finally {
      await iterator.return?.();
    }
  }

  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: 1 << 20,
  });
  const problems: CsvProblem[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => {
    problems.push({ kind: 'problem', line: error.lines ?? 0, message: error.message });
  });
  pipeline(Readable.from(checkedBytes()), parser, () => {
    // Errors reach the reader through the destroyed parser's iterator.
  });

  async function* records(): AsyncGenerator<CsvRecord | CsvProblem> {
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        // The parser reports a bad record as it reads it, ahead of the good records still buffered.
        while (problems.length > 0 && problems[0]!.line < info.lines) yield problems.shift()!;
        yield { kind: 'record', fields: record, line: info.lines };
      }
    } catch (error) {
      if (error instanceof ElectorateError) throw error;
      const { message, lines } = error as Error & { lines?: number };
      problems.push({ kind: 'problem', line: lines ?? 0, message });
    }
    yield* problems.splice(0);
  }

  return { format: { encoding, delimiter }, records: records(), sha256: () => hash.copy().digest('hex') };
}

/**
 * UTF-8 when the sample decodes as UTF-8 (with or without a byte-order mark), else Windows-1252; rejects
 * empty files, UTF-16 and binary data with a message saying what the file seems to be.
 * @example `detectEncoding(Buffer.from('id,name\n1,Zoë\n'), true)` → `'utf-8'`
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): CsvEncoding {
  if (sample.length === 0) throw new ElectorateError('empty-file', 'the file is empty');
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new ElectorateError('unsupported-encoding', 'the file is UTF-16; save it as UTF-8 CSV');
  }
  let nul = 0;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) nul++;
    else if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) || byte === 0x7f) control++;
  }
  if (nul > sample.length / 4) {
    throw new ElectorateError(
      'unsupported-encoding',
      'the file looks like UTF-16 (every other byte is zero); save it as UTF-8 CSV',
    );
  }
  if (nul > 0 || control > sample.length / 100) {
    throw new ElectorateError(
      'not-text',
      'the file is not text (it contains binary data); export the roll as CSV',
    );
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * The delimiter (comma, semicolon, tab or bar) that splits the header into the most columns and the
 * following lines into as many. Counting ignores quoted text. csv-parse's own discovery is not used
 * because it scores every character, and the spaces, dots and slashes of addresses and dates can win.
 * @example `detectDelimiter('id;name\n1;Ann\n', true)` → `';'`
 */
export function detectDelimiter(sampleText: string, complete: boolean): string {
  const lines = splitLines(sampleText, complete);
  if (lines.length === 0) {
    throw new ElectorateError(
      'line-too-long',
      `the first line is longer than ${SAMPLE_BYTES / 1024} KiB: this does not look like a roll exported as CSV`,
    );
  }
  let best: { delimiter: string; consistent: number; columns: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const columns = counts[0]!;
    if (columns === 0) continue;
    const consistent = counts.filter((c) => c === columns).length;
    if (!best || consistent > best.consistent || (consistent === best.consistent && columns > best.columns)) {
      best = { delimiter, consistent, columns };
    }
  }
  if (!best) {
    throw new ElectorateError(
      'no-delimiter',
      'the first line has no comma, semicolon, tab or bar between column names: this is not a roll CSV',
    );
  }
  return best.delimiter;
}

/** Up to SAMPLE_LINES logical lines (a quoted field may hold line breaks); the last, maybe cut, is dropped. */
function splitLines(text: string, complete: boolean): string[] {
  const lines: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && lines.length < SAMPLE_LINES; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (i > start) lines.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (complete && start < text.length && lines.length < SAMPLE_LINES) lines.push(text.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) count++;
  }
  return count;
}
