import { minimalVersion } from '../../../test/support/ruleset-factory';
import { shippedDocument, shippedVersion } from '../../../test/support/shipped-rulesets';
import { canonicalJson, contentHash } from './content-hash';
import { compileVersion } from './model/compile-version';

/** The same JSON value with object keys in reverse order at every level. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  return value;
}

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: [{ z: 1, a: 2 }, 3], a: 'x' })).toBe('{"a":"x","b":[{"a":2,"z":1},3]}');
  });

  it('leaves out undefined properties and writes null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});

describe('contentHash', () => {
  it('is sha256: and 64 hex digits', () => {
    expect(contentHash({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not change with key order', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: [3, 4] } })).toBe(contentHash({ b: { d: [3, 4], c: 2 }, a: 1 }));
    const doc = minimalVersion();
    expect(contentHash(reverseKeys(doc))).toBe(contentHash(doc));
  });

  it('changes with a value, a type or an array order', () => {
    const hash = contentHash({ a: 1, b: [1, 2] });
    expect(contentHash({ a: 2, b: [1, 2] })).not.toBe(hash);
    expect(contentHash({ a: '1', b: [1, 2] })).not.toBe(hash);
    expect(contentHash({ a: 1, b: [2, 1] })).not.toBe(hash);
    expect(contentHash({ a: 1, b: [1, 2], c: null })).not.toBe(hash);
  });

  it('is what a compiled version carries, whatever the key order of its file', () => {
    const doc = minimalVersion();
    const compiled = compileVersion(doc);
    expect(compiled.contentHash).toBe(contentHash(doc));
    expect(compileVersion(reverseKeys(doc)).contentHash).toBe(compiled.contentHash);

    const shipped = shippedDocument('2019');
    expect(compileVersion(reverseKeys(shipped)).contentHash).toBe(shippedVersion('2019').contentHash);
  });

  it('changes when one parameter value of a version changes', () => {
    const doc = minimalVersion();
    const ratio = doc.parameters[1]?.values[0];
    if (ratio) ratio.value = '0.21';
    expect(compileVersion(doc).contentHash).not.toBe(compileVersion(minimalVersion()).contentHash);
  });
});
