import { suggestName } from './suggest';

describe('suggestName', () => {
  it('suggests a name one typo away', () => {
    expect(suggestName('dibao.standrd.rural', ['age.adult', 'dibao.standard.rural'])).toBe(
      'dibao.standard.rural',
    );
    expect(suggestName('residnce', ['residence', 'registeredPoor'])).toBe('residence');
  });

  it('ignores case', () => {
    expect(suggestName('AnnualNetIncome', ['annualNetIncome'])).toBe('annualNetIncome');
  });

  it('picks the closest of several candidates, the first on a tie', () => {
    expect(suggestName('unitSiz', ['unitSize', 'unitSizes'])).toBe('unitSize');
    expect(suggestName('unitSizes', ['unitSize', 'unitSizes'])).toBe('unitSizes');
    expect(suggestName('abcd', ['abcx', 'abcy'])).toBe('abcx');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggestName('zzzzzzzz', ['annualNetIncome', 'residence'])).toBeUndefined();
    expect(suggestName('anything', [])).toBeUndefined();
  });

  it('allows two edits for short names and a third of the length for long ones', () => {
    expect(suggestName('abc', ['axy'])).toBe('axy'); // 2 edits
    expect(suggestName('abc', ['xyz'])).toBeUndefined(); // 3 edits
    const long = 'abcdefghijkl'; // 12 characters: up to 4 edits
    expect(suggestName(long, ['abcdefghWXYZ'])).toBe('abcdefghWXYZ');
    expect(suggestName(long, ['abcdefgVWXYZ'])).toBeUndefined();
  });
});
