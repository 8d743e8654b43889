/**
 * The byte layout helpers of the QR codes' compact forms: fixed-length fields, unsigned LEB128
 * integers (up to 2^53 − 1, so every JavaScript safe integer) and short length-prefixed ASCII. The
 * reader is strict: a field past the end, a non-minimal integer or bytes left over all throw
 * {@link WireError}, so each compact form has exactly one byte string per value.
 *
 * @example
 * ```ts
 * const w = new Writer();
 * w.uint(300);
 * w.fixed(new Uint8Array(32));
 * const r = new Reader(w.bytes());
 * r.uint();     // 300
 * r.fixed(32);  // the 32 bytes
 * r.end();      // throws if anything is left
 * ```
 */

/** A compact form that cannot be read. */
export class WireError extends Error {
  override name = 'WireError';
}

/** Appends fields to a growing byte string. */
export class Writer {
  private readonly parts: number[] = [];

  /** Appends bytes as they are. */
  fixed(bytes: Uint8Array): void {
    for (const b of bytes) this.parts.push(b);
  }

  /** Appends one byte. */
  byte(value: number): void {
    if (!Number.isInteger(value) || value < 0 || value > 255) throw new WireError('a byte is 0 to 255');
    this.parts.push(value);
  }

  /** Appends a non-negative safe integer as unsigned LEB128. */
  uint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) throw new WireError('not a non-negative safe integer');
    let rest = value;
    while (rest >= 128) {
      this.parts.push((rest % 128) + 128);
      rest = Math.floor(rest / 128);
    }
    this.parts.push(rest);
  }

  /** Appends printable ASCII (at most 255 characters) after its length. */
  ascii(text: string): void {
    if (text.length > 255 || !/^[\x20-\x7e]*$/.test(text)) throw new WireError('not short printable ASCII');
    this.byte(text.length);
    for (const c of text) this.parts.push(c.charCodeAt(0));
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Reads fields from a byte string, in order. */
export class Reader {
  private offset = 0;
  private readonly data: Uint8Array;

  constructor(data: Uint8Array) {
    this.data = data;
  }

  fixed(length: number): Uint8Array {
    if (this.offset + length > this.data.length) throw new WireError('the data ends too early');
    const out = this.data.slice(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  byte(): number {
    return this.fixed(1)[0]!;
  }

  uint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      const b = this.byte();
      if (i === 8 || (b === 0 && i > 0)) throw new WireError('an integer is too long or not minimal');
      value += (b % 128) * scale;
      if (b < 128) break;
      scale *= 128;
    }
    if (!Number.isSafeInteger(value)) throw new WireError('an integer is too large');
    return value;
  }

  ascii(): string {
    const bytes = this.fixed(this.byte());
    if (bytes.some((b) => b < 0x20 || b > 0x7e)) throw new WireError('not printable ASCII');
    return String.fromCharCode(...bytes);
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.offset !== this.data.length) throw new WireError('unexpected bytes after the data');
  }
}
