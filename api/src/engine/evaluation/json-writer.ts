/**
 * JSON written straight into UTF-8 bytes: the compiled path writes a determination's answer with
 * it (see `FastFull.write`) instead of building the answer's objects, serialising them with
 * `JSON.stringify` and encoding the text, which together cost more than the evaluation itself.
 * Everything written is exactly what `JSON.stringify` and UTF-8 encoding give.
 */

const encoder = new TextEncoder();

/**
 * The characters `JSON.stringify` writes otherwise than as themselves: the quote, the backslash,
 * control characters, and surrogates (escaped when unpaired; a string with any is left to
 * `JSON.stringify`).
 */
// eslint-disable-next-line no-control-regex -- control characters are among what JSON escapes
const NOT_PLAIN = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Fixed JSON text encoded once, to be written again and again with {@link JsonWriter.bytes}. */
export function jsonFragment(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * A growing buffer of UTF-8 JSON. Writers append; {@link JsonWriter.length} marks a place to come
 * back to ({@link JsonWriter.truncate}) when what was written after it must be dropped.
 */
export class JsonWriter {
  private buffer: Uint8Array;
  /** Bytes written so far. */
  length = 0;

  /** @param capacity bytes to start with (it grows as needed). */
  constructor(capacity = 65_536) {
    this.buffer = new Uint8Array(Math.max(1024, capacity));
  }

  /** Makes room for `bytes` more bytes. */
  private room(bytes: number): Uint8Array {
    const needed = this.length + bytes;
    if (needed > this.buffer.length) {
      const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    return this.buffer;
  }

  /** Appends bytes prepared by {@link jsonFragment}. */
  bytes(fragment: Uint8Array): void {
    const n = fragment.length;
    const buffer = this.room(n);
    let at = this.length;
    if (n > 24) buffer.set(fragment, at);
    else for (let i = 0; i < n; i++) buffer[at + i] = fragment[i] as number;
    at += n;
    this.length = at;
  }

  /** Appends text that is all ASCII and JSON as it stands (digits, signs, points, punctuation). */
  ascii(text: string): void {
    const n = text.length;
    const buffer = this.room(n);
    const at = this.length;
    for (let i = 0; i < n; i++) buffer[at + i] = text.charCodeAt(i);
    this.length = at + n;
  }

  /** Appends any text as UTF-8 (JSON text already written, such as `JSON.stringify` gives). */
  text(text: string): void {
    // A UTF-16 unit takes at most three bytes of UTF-8.
    const buffer = this.room(text.length * 3);
    this.length += encoder.encodeInto(text, buffer.subarray(this.length)).written;
  }

  /** Appends a string as `JSON.stringify` writes it: quoted, escaped where JSON needs it. */
  string(value: string): void {
    if (NOT_PLAIN.test(value)) {
      this.text(JSON.stringify(value));
      return;
    }
    const buffer = this.room(value.length * 3 + 2);
    buffer[this.length] = 0x22;
    this.length += encoder.encodeInto(value, buffer.subarray(this.length + 1)).written + 1;
    buffer[this.length++] = 0x22;
  }

  /**
   * Appends any value as `JSON.stringify` writes it. Returns false, writing nothing, where
   * `JSON.stringify` writes nothing (undefined, a function), so that an object's key is left out.
   */
  value(value: unknown): boolean {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'boolean') this.bytes(value ? TRUE : FALSE);
    else if (value === null) this.bytes(NULL);
    else {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) return false;
      this.text(text);
    }
    return true;
  }

  /** Appends one byte (an ASCII character's code). */
  byte(code: number): void {
    this.room(1)[this.length++] = code;
  }

  /** Appends again what was written from `start` to `end` (before now). */
  repeat(start: number, end: number): void {
    const buffer = this.room(end - start);
    buffer.copyWithin(this.length, start, end);
    this.length += end - start;
  }

  /** Drops what was written after `length`. */
  truncate(length: number): void {
    this.length = length;
  }

  /** The byte at `index` (written before). */
  at(index: number): number {
    return this.buffer[index] as number;
  }

  /** What was written from `start`: a view, valid until the next write. */
  view(start = 0): Uint8Array {
    return this.buffer.subarray(start, this.length);
  }
}

const TRUE = jsonFragment('true');
const FALSE = jsonFragment('false');
const NULL = jsonFragment('null');
