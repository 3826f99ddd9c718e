/** How a body travels: JSON content types, invalid JSON text, wrong types, charsets and encodings, oversize. */
import fc from 'fast-check';

import type { Encoding, KnownBugExclusions } from './types';
import { serialiseBody, unicodeText } from './values';

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=UTF-8',
  'application/problem+json',
  'application/vnd.fuzz+json',
];

const INVALID_JSON = fc.oneof(
  fc.constantFrom(
    '{',
    '}',
    '[',
    '{"a":}',
    "{'a':1}",
    '{"a":1,}',
    '[1,2',
    'NaN',
    'undefined',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":-Infinity}',
    '{"a":01}',
    '{"a":"\\x41"}',
    '{"a":"unterminated}',
    '{"a":1}{"b":2}',
    '{"a":1} trailing',
    '// comment\n{}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":0x10}',
    '{a:1}',
    'true',
    'null',
    '"a string"',
    '42',
    '\u0000',
    '{"\ud800":1',
  ),
  unicodeText(1, 40).filter((text) => {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed !== 'object' || parsed === null; // strict parsing refuses non-objects
    } catch {
      return text.trim().length > 0;
    }
  }),
);

/** Truncates a valid body somewhere, which is never valid JSON (except at its full length). */
const truncated = (text: string): fc.Arbitrary<string> =>
  fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => text.slice(0, n));

export function encodingFor(body: unknown, exclusions: KnownBugExclusions): fc.Arbitrary<Encoding> {
  const text = serialiseBody(body);
  return fc.oneof(
    {
      weight: 70,
      arbitrary: fc
        .constantFrom(...JSON_TYPES)
        .map((contentType) => ({ kind: 'json' as const, contentType })),
    },
    { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
    {
      weight: 8,
      arbitrary: fc
        .oneof(INVALID_JSON, truncated(text))
        .filter((t) => {
          try {
            JSON.parse(t);
            return false;
          } catch {
            return t.trim().length > 0;
          }
        })
        .map((t) => ({ kind: 'invalid-json' as const, text: t })),
    },
    {
      weight: 7,
      arbitrary: fc
        .constantFrom(
          'text/plain',
          'text/html',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=fuzz',
          'application/xml',
          'application/octet-stream',
          'application/jsonx',
          'json',
        )
        .map((contentType) => ({ kind: 'wrong-content-type' as const, contentType })),
    },
    {
      weight: 4,
      arbitrary: fc
        .constantFrom('latin1', 'iso-8859-1', 'koi8-r', 'shift_jis', 'bogus', 'ebcdic')
        .map((charset) => ({
          kind: 'unsupported-charset' as const,
          contentType: `application/json; charset=${charset}`,
        })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          'compress',
          'x-fuzz',
          'identity, bogus',
          ...(exclusions.undecodableContentEncoding ? [] : ['gzip', 'deflate', 'br']),
        )
        .map((contentEncoding) => ({ kind: 'unsupported-encoding' as const, contentEncoding })),
    },
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 1_100_000, max: 1_500_000 })
        .map((bytes) => ({ kind: 'oversize' as const, bytes })),
    },
  );
}
