/**
 * The JSON writer against `JSON.stringify` and UTF-8 encoding: every string (quotes, backslashes,
 * control characters, paired and lone surrogates, Chinese) and every value must give exactly the
 * bytes `JSON.stringify` gives once encoded.
 */
import fc from 'fast-check';

import { jsonFragment, JsonWriter } from './json-writer';

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
const bytesOf = (out: JsonWriter, start = 0): number[] => [...out.view(start)];
const expected = (text: string): number[] => [...encoder.encode(text)];

/** Any UTF-16 code unit, lone surrogates included, with the ones JSON escapes made likely. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u2028', '\ud83d', '\ude00', '低', 'é', '/'),
);
const anyString = fc.array(unit, { maxLength: 40 }).map((units) => units.join(''));

describe('JsonWriter', () => {
  it('writes any string as JSON.stringify writes it, in UTF-8', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const out = new JsonWriter(1);
        out.string(text);
        expect(bytesOf(out)).toEqual(expected(JSON.stringify(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes what JSON escapes and writes the rest as it is', () => {
    const out = new JsonWriter();
    for (const text of [
      'a"b',
      'a\\b',
      'tab\there',
      'nul\u0000',
      '低保 395.00 元',
      '😀',
      '\ud800x',
      'x\udc00',
      '\u2028',
    ])
      out.string(text);
    expect(decoder.decode(out.view())).toBe(
      '"a\\"b""a\\\\b""tab\\there""nul\\u0000""低保 395.00 元""😀""\\ud800x""x\\udc00""\u2028"',
    );
  });

  it('writes any JSON value as JSON.stringify does, and nothing where it writes nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom(undefined, -0, NaN, Infinity, () => 1, [undefined, () => 1], { a: undefined }),
        ),
        (value) => {
          const out = new JsonWriter(1);
          out.ascii('[');
          const written = out.value(value);
          const text = JSON.stringify(value) as string | undefined;
          expect(written).toBe(text !== undefined);
          expect(bytesOf(out, 1)).toEqual(text === undefined ? [] : expected(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('grows as needed, keeping what was written', () => {
    const out = new JsonWriter(1);
    const fragment = jsonFragment('{"rule":"低保 / dibao","held":true,"conditions":');
    let text = '';
    for (let i = 0; i < 2000; i++) {
      out.bytes(fragment);
      out.ascii(String(i));
      out.byte(0x2c);
      text += `{"rule":"低保 / dibao","held":true,"conditions":${i},`;
    }
    expect(decoder.decode(out.view())).toBe(text);
  });

  it('repeats what it wrote and drops what came after a mark', () => {
    const out = new JsonWriter(4);
    out.ascii('[');
    const start = out.length;
    out.string('低保');
    const end = out.length;
    out.byte(0x2c);
    out.repeat(start, end);
    const mark = out.length;
    out.string('dropped');
    out.truncate(mark);
    out.ascii(']');
    expect(decoder.decode(out.view())).toBe('["低保","低保"]');
    expect(out.at(0)).toBe(0x5b);
  });
});
