/** Path parameters (ruleset keys, version labels) that name nothing. */
import fc from 'fast-check';

import type { KnownBugExclusions } from './types';
import { wellFormedText } from './values';

/** Path parameters that name nothing, percent-encoded for the URL. */
export function oddPathParam(
  existing: readonly string[],
  exclusions: KnownBugExclusions,
): fc.Arbitrary<string> {
  const decodes = (encoded: string): string | null => {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return null;
    }
  };
  return fc
    .oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2F',
        'a%2Fb',
        '%20',
        '%E4%B8%AD',
        'null',
        'undefined',
        '0',
        '-1',
        '1e400',
        'NaN',
        '%25',
        '~',
        '%22',
        "'",
        ';',
        'a;b=c',
        '2019%20',
        '2019.',
        '%F0%9F%98%80',
        '%3Cscript%3E',
        "'%20OR%201=1--",
        '%00',
        'a%00b',
        ...(exclusions.undecodablePathEncoding ? [] : ['%E0%A4%A', '%', '%zz', '%C0%AF']),
      ),
      wellFormedText(1, 20).map((s) => encodeURIComponent(s)),
      fc.integer({ min: 41, max: 1500 }).map((n) => 'v'.repeat(n)),
    )
    .filter((encoded) => {
      const decoded = decodes(encoded);
      return decoded === null || !existing.includes(decoded);
    });
}
