import fc from 'fast-check';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { utf8Lines, type InputLine } from './utf8-lines';

const collect = async (chunks: Buffer[]): Promise<InputLine[]> => {
  const lines: InputLine[] = [];
  for await (const line of utf8Lines(Readable.from(chunks, { objectMode: true }))) lines.push(line);
  return lines;
};

/** `bytes` cut at the given places (sorted, deduplicated), as a stream may deliver them. */
const cut = (bytes: Buffer, at: number[]): Buffer[] => {
  const places = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of places) {
    pieces.push(bytes.subarray(from, p));
    from = p;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
};

describe('utf8Lines', () => {
  it('splits UTF-8 text as readline does (LF, CRLF, a lone CR; the last line without a break), however the bytes arrive', async () => {
    const piece = fc.oneof(
      fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\r\n', ' ', '户', '😀', '{"id":"p1"}'),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        async (parts, at) => {
          const bytes = Buffer.from(parts.join(''), 'utf8');
          const expected: string[] = [];
          const reader = createInterface({
            input: Readable.from(cut(bytes, at)),
            crlfDelay: Infinity,
          });
          for await (const line of reader) expected.push(line);
          const lines = await collect(cut(bytes, at));
          expect(lines).toEqual(expected.map((text, i) => ({ number: i + 1, text })));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('gives a line that is not UTF-8 text as such, with its first bad byte, and goes on', async () => {
    const gbk = Buffer.from([0xbb, 0xa7, 0xd2, 0xbb]); // 户一 in GBK
    const bytes = Buffer.concat([
      Buffer.from('{"id":"户一"}\r\n{"id":"'),
      gbk,
      Buffer.from('"}\n{"id":"p3"}'),
    ]);
    for (const at of [[], [9], [8, 9, 10], [20, 21, 22, 23]]) {
      expect(await collect(cut(bytes, at))).toEqual([
        { number: 1, text: '{"id":"户一"}' },
        { number: 2, invalidByte: 7 },
        { number: 3, text: '{"id":"p3"}' },
      ]);
    }
  });

  it('keeps a character whose bytes arrive in two chunks', async () => {
    const bytes = Buffer.from('户\n');
    expect(await collect([bytes.subarray(0, 1), bytes.subarray(1)])).toEqual([{ number: 1, text: '户' }]);
  });
});
