/**
 * Value generators: JSON text with raw number tokens, Unicode and over-long strings, deep nesting,
 * unknown field names, and values wrong for string, date, label and length-limited fields.
 */
import fc from 'fast-check';

import type { KnownBugExclusions } from './types';

const RAW_MARK = '\u0001raw:';

/** A JSON number token JSON.stringify cannot write (`1e400`); {@link serialiseBody} unwraps it. */
export const rawNumber = (token: string): string => `${RAW_MARK}${token}\u0001`;

/** JSON text of `body`, with raw number tokens written as such. */
export function serialiseBody(body: unknown): string {
  return (JSON.stringify(body) ?? 'null').replace(/"\\u0001raw:([-+.0-9eE]+)\\u0001"/g, '$1');
}

const OBJECT_PROTOTYPE_NAMES = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
  '__proto__',
]);

/** Strings of any code points, lone surrogates and control characters (NUL too) included. */
export const unicodeText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'binary', minLength, maxLength });

/** Well-formed Unicode text (whole graphemes): safe for encodeURIComponent. */
export const wellFormedText = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'grapheme', minLength, maxLength });

/** Strings of `min`..`max` code points from a mix of ASCII, CJK and astral characters. */
export const longText = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min, max }), fc.constantFrom('x', '中', '😀', 'é'))
    .map(([n, unit]) => unit.repeat(n));

/** Values nested `depth` levels deep: `[[[…]]]` or `{"a":{"a":…}}`. */
export const nested = (maxDepth: number): fc.Arbitrary<unknown> =>
  fc.tuple(fc.integer({ min: 2, max: maxDepth }), fc.boolean()).map(([depth, asArray]) => {
    let value: unknown = asArray ? [] : { leaf: true };
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
    return value;
  });

/** Numbers a JSON parser turns into ±Infinity or that lose precision. */
export const oddNumber = fc.constantFrom(
  rawNumber('1e400'),
  rawNumber('-1e400'),
  rawNumber('123456789012345678901234567890'),
  rawNumber('-0'),
);

/** Names for unknown fields: ASCII identifiers or Unicode, never a known one. */
export function unknownName(known: readonly string[], exclusions: KnownBugExclusions): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,15}$/),
      wellFormedText(1, 8),
      fc.constantFrom('id ', ' ', 'ÄÖÜ', '键', 'a.b', 'a-b', '$ref', '0', 'asOf[x]', 'NaN'),
      fc.constantFrom('a/b', 'a~b', '~1', '/'),
      fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype'),
    )
    .filter(
      (name) =>
        name.length > 0 &&
        !known.includes(name) &&
        !(exclusions.prototypeFieldNames && OBJECT_PROTOTYPE_NAMES.has(name)) &&
        !(exclusions.unescapedPointerNames && /[/~]/.test(name)),
    );
}

/** Values that are not strings, for string fields. */
export function notString(exclusions: KnownBugExclusions): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant([]),
    fc.array(fc.string(), { minLength: 1, maxLength: 3 }),
    fc.constant({}),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.string(), { minKeys: 1, maxKeys: 3 }),
    nested(exclusions.maxNestingDepth),
    oddNumber,
  );
}

/** Strings that are not YYYY-MM-DD calendar dates. */
export const notADate = fc.oneof(
  fc.constantFrom(
    '2019-02-29',
    '2019-13-01',
    '2019-00-10',
    '2019-06-31',
    '2019-6-30',
    '19-06-30',
    '2019/06/30',
    '20190630',
    '2019-06-30T00:00:00Z',
    ' 2019-06-30',
    '2019-06-30 ',
    '',
    'NaN',
    '-1',
    'Infinity',
    'today',
    '２０１９-06-30',
    '2019-06-30\n',
  ),
  unicodeText(1, 12).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s)),
  longText(100, 20_000),
);

/** Strings that are not version labels (`^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$`). */
export const notALabel = fc.oneof(
  fc.constantFrom('', '.2019', '-2019', '2019 ', 'a b', '2019/1', '../2019', '2019_1', '版本', 'v😀', '%41'),
  fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z.-]{40,60}$/),
  unicodeText(1, 10).filter((s) => !/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/.test(s)),
  longText(100, 20_000),
);

/** Strings that are not valid for a field limited to `min`..`max` characters. */
export const wrongLength = (min: number, max: number): fc.Arbitrary<string> =>
  fc.oneof(
    min > 0 ? fc.string({ maxLength: min - 1 }) : fc.constant('x'.repeat(max + 1)),
    longText(max + 1, max + 5000),
  );
