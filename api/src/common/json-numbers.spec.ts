import { nonFiniteNumbers } from './json-numbers';

describe('nonFiniteNumbers', () => {
  it('names every number JSON read as Infinity, at any depth', () => {
    const document = JSON.parse('{"tests":[{"household":{"annualNetIncome":1e400,"x":-1e999}}],"ok":1.5}');
    expect(
      nonFiniteNumbers(document)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['/tests/0/household/annualNetIncome', '/tests/0/household/x']);
    expect(nonFiniteNumbers({ a: 1, b: ['2', 3e300] })).toEqual([]);
  });
});
