import { invalidUtf8Byte } from '../common/content-type';

/** One line of a {@link utf8Lines} input: its text, or where its bytes stop being UTF-8. */
export type InputLine =
  | { number: number; text: string }
  | {
      number: number;
      /** The first byte of the line (from 0) that is not part of a UTF-8 character. */
      invalidByte: number;
    };

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of a byte stream (a file, standard input), split as `readline` splits them (`\n`,
 * `\r\n` or a lone `\r`; the last line without a break included when it has any bytes), each
 * numbered from 1 and decoded as UTF-8, except that a line whose bytes are not UTF-8 text is given
 * as such instead of being decoded with each bad byte replaced by U+FFFD (which would change a name
 * or an id without saying so). One line at a time is held.
 * @param input a stream of Buffers (no encoding set).
 */
export async function* utf8Lines(input: AsyncIterable<Buffer | string>): AsyncGenerator<InputLine> {
  let pending: Buffer[] = [];
  let number = 0;
  /** The line ended before a lone CR at the end of the last chunk (a CRLF split across chunks). */
  let afterCr = false;
  const line = (bytes: Buffer): InputLine => {
    number++;
    const invalidByte = invalidUtf8Byte(bytes);
    return invalidByte === null ? { number, text: bytes.toString('utf8') } : { number, invalidByte };
  };
  for await (const piece of input) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    let start = 0;
    if (afterCr && chunk.length > 0) {
      // The LF of a CRLF whose CR ended the last chunk.
      if (chunk[0] === LF) start = 1;
      afterCr = false;
    }
    for (let i = start; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== LF && byte !== CR) continue;
      pending.push(chunk.subarray(start, i));
      yield line(Buffer.concat(pending));
      pending = [];
      if (byte === CR) {
        if (i + 1 < chunk.length) {
          if (chunk[i + 1] === LF) i++;
        } else afterCr = true;
      }
      start = i + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  const rest = Buffer.concat(pending);
  if (rest.length > 0) yield line(rest);
}
