import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { firstInvalidUtf8Byte, invalidUtf8Byte, InvalidUtf8Error } from './content-type';

describe('firstInvalidUtf8Byte', () => {
  it('finds the first bad byte of text that is not UTF-8', () => {
    // GBK's 低保 sent as if it were UTF-8: 0xb5 cannot begin a character.
    expect(firstInvalidUtf8Byte(Buffer.from([0x7b, 0x22, 0xb5, 0xcd, 0xb1, 0xa3, 0x22, 0x7d]))).toBe(2);
    // A character cut short by the end of the body.
    expect(firstInvalidUtf8Byte(Buffer.from([0x61, 0xe4, 0xbd]))).toBe(1);
    // Overlong forms, surrogates and code points above U+10FFFF are not UTF-8 either.
    expect(firstInvalidUtf8Byte(Buffer.from([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8Byte(Buffer.from([0x20, 0xe0, 0x80, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8Byte(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Byte(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8Byte(Buffer.from([0x31, 0x32, 0xff]))).toBe(2);
  });

  it('passes UTF-8 text whole', () => {
    const text = Buffer.from('{"id":"户-01 ✓ 😀","note":"\u0000\uffff"}');
    expect(firstInvalidUtf8Byte(text)).toBe(text.length);
  });

  it("agrees with Node's isUtf8 on any bytes, and the bytes before the one it names are UTF-8", () => {
    // Mostly bytes from the UTF-8 ranges, so that long valid stretches and near misses both occur.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.integer({ min: 0xc0, max: 0xff }),
    );
    const text = fc.string({ unit: 'binary', maxLength: 20 }).map((s) => [...Buffer.from(s)]);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            byte.map((b) => [b]),
            text,
          ),
          { maxLength: 30 },
        ),
        (parts) => {
          const bytes = Buffer.from(parts.flat());
          const at = firstInvalidUtf8Byte(bytes);
          expect(at === bytes.length).toBe(isUtf8(bytes));
          expect(invalidUtf8Byte(bytes)).toBe(at === bytes.length ? null : at);
          expect(isUtf8(bytes.subarray(0, at))).toBe(true);
          if (at < bytes.length) expect(isUtf8(bytes.subarray(0, at + 4))).toBe(false);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('InvalidUtf8Error', () => {
  it('is a 400 naming the byte, with a type of its own', () => {
    const error = new InvalidUtf8Error(17);
    expect(error.status).toBe(400);
    expect(error.type).toBe('entity.utf8.invalid');
    expect(error.message).toBe(
      'The request body is not UTF-8 text: byte 17 is not part of a UTF-8 character',
    );
  });
});
