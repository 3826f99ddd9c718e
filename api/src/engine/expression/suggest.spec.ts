import fc from 'fast-check';

import { MAX_HINT_DISTANCES, MAX_HINT_NAME_LENGTH } from '../limits';
import { boundedDistance, distanceComputations, HintBudget, suggestName } from './suggest';

/** The textbook Levenshtein distance, to check the banded one against. */
function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

/** How many distances `run` computes. */
function distancesOf(run: () => void): number {
  const before = distanceComputations();
  run();
  return distanceComputations() - before;
}

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

describe('boundedDistance', () => {
  it('equals the Levenshtein distance up to the limit, and limit + 1 beyond it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }),
        fc.integer({ min: 0, max: 6 }),
        (a, b, limit) => {
          const exact = levenshtein(a, b);
          expect(boundedDistance(a, b, limit)).toBe(Math.min(exact, limit + 1));
        },
      ),
      { seed: 20190630, numRuns: 500 },
    );
  });
});

describe('the cost of hints', () => {
  it('gives no hint for a name longer than the limit, without computing a distance', () => {
    const long = 'a'.repeat(MAX_HINT_NAME_LENGTH + 1);
    expect(distancesOf(() => expect(suggestName(long, [`${long}b`])).toBeUndefined())).toBe(0);
  });

  it('skips candidates whose length differs by more than the allowed edits', () => {
    const candidates = Array.from({ length: 1000 }, (_, i) => `aVeryLongParameterName${i}`);
    expect(distancesOf(() => expect(suggestName('ab', candidates)).toBeUndefined())).toBe(0);
  });

  it('takes each distance from the budget and gives no hint once it is spent', () => {
    const budget = new HintBudget(3);
    expect(suggestName('abcd', ['abcx', 'abcy', 'abcz'], budget)).toBe('abcx');
    expect(budget.exhausted).toBe(true);
    expect(distancesOf(() => expect(suggestName('abcd', ['abcd'], budget)).toBeUndefined())).toBe(0);
  });

  it('computes at most MAX_HINT_DISTANCES distances with one default budget', () => {
    const budget = new HintBudget();
    const candidates = Array.from({ length: 500 }, (_, i) => `name${String(i).padStart(4, '0')}`);
    const computed = distancesOf(() => {
      for (let i = 0; i < 100; i++) suggestName(`nome${i}xyz`, candidates, budget);
    });
    expect(computed).toBe(MAX_HINT_DISTANCES);
    expect(budget.exhausted).toBe(true);
  });
});
