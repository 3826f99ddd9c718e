import { describe, expect, it } from 'vitest';
import { mergeJson, valueAt, withValueAt } from './json-merge';

const base = {
  parameters: [
    {
      key: 'a',
      values: [
        { for: 'x', value: '100.00' },
        { for: 'y', value: '200.00' },
      ],
    },
    { key: 'b', values: [{ value: '5' }] },
  ],
  tests: [{ name: 't1' }],
};

describe('mergeJson', () => {
  it('takes each side’s change when they touch different figures', () => {
    const mine = withValueAt(base, '/parameters/0/values/0/value', '130.00');
    const theirs = withValueAt(base, '/parameters/1/values/0/value', '6');
    const result = mergeJson(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(valueAt(result.merged, '/parameters/0/values/0/value')).toBe('130.00');
    expect(valueAt(result.merged, '/parameters/1/values/0/value')).toBe('6');
    // The smallest part that only this side changed.
    expect(result.applied).toEqual(['/parameters/0']);
  });

  it('reports a figure both changed differently, with base, mine and theirs', () => {
    const mine = withValueAt(base, '/parameters/0/values/1/value', '230.00');
    const theirs = withValueAt(base, '/parameters/0/values/1/value', '215.00');
    const result = mergeJson(base, mine, theirs);
    expect(result.conflicts).toEqual([
      { path: '/parameters/0/values/1/value', base: '200.00', mine: '230.00', theirs: '215.00' },
    ]);
    expect(valueAt(result.merged, '/parameters/0/values/1/value')).toBe('215.00');
  });

  it('is no conflict when both typed the same value', () => {
    const mine = withValueAt(base, '/parameters/1/values/0/value', '7');
    const theirs = withValueAt(base, '/parameters/1/values/0/value', '7');
    expect(mergeJson(base, mine, theirs).conflicts).toEqual([]);
  });

  it('treats a list whose length changed on both sides as one figure', () => {
    const mine = { ...base, tests: [...base.tests, { name: 'mine' }] };
    const theirs = { ...base, tests: [...base.tests, { name: 'theirs' }] };
    const result = mergeJson(base, mine, theirs);
    expect(result.conflicts.map((c) => c.path)).toEqual(['/tests']);
  });
});

describe('withValueAt', () => {
  it('leaves the original untouched and escapes pointer tokens', () => {
    const doc = { 'a/b': { '~c': 1 } };
    const next = withValueAt(doc, '/a~1b/~0c', 2);
    expect(doc['a/b']['~c']).toBe(1);
    expect(valueAt(next, '/a~1b/~0c')).toBe(2);
  });
});
