import { shippedFiles } from '../../../../test/support/shipped-rulesets';
import { reviewWarnings, withWarnings } from './warnings';

const v2020 = { metadata: { version: '2020', reviewBy: '2021-12-31' } };

describe('reviewWarnings', () => {
  it('warns, in Chinese by default, when asked for 2026-03-01 from the 2020 version reviewed by 2021-12-31', () => {
    expect(reviewWarnings(v2020, '2026-03-01')).toEqual([
      { code: 'past-review-date', message: '所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时' },
    ]);
  });

  it('says the same in English when asked for English', () => {
    expect(reviewWarnings(v2020, '2026-03-01', 'en')).toEqual([
      {
        code: 'past-review-date',
        message: 'The standards of version 2020 were due for review by 2021-12-31 and may be out of date',
      },
    ]);
  });

  it('stays silent up to and on the review date, and starts the day after', () => {
    expect(reviewWarnings(v2020, '2020-06-30')).toEqual([]);
    expect(reviewWarnings(v2020, '2021-12-31')).toEqual([]);
    expect(reviewWarnings(v2020, '2022-01-01')).toHaveLength(1);
  });

  it('stays silent for a version that declares no review date', () => {
    expect(reviewWarnings({ metadata: { version: 'x' } }, '2999-12-31')).toEqual([]);
  });
});

describe('withWarnings', () => {
  it('leaves an answer without warnings untouched (the same object, so the same bytes)', () => {
    const answer = { totals: { monthly: '1.00' } };
    expect(withWarnings(answer, [])).toBe(answer);
  });

  it('adds the warnings last, at the top level, without changing any other field', () => {
    const answer = { totals: { monthly: '1.00' } };
    const warned = withWarnings(answer, reviewWarnings(v2020, '2026-03-01'));
    expect(JSON.stringify(warned)).toBe(
      '{"totals":{"monthly":"1.00"},"warnings":[{"code":"past-review-date","message":"所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时"}]}',
    );
    expect(answer).toEqual({ totals: { monthly: '1.00' } });
  });
});

describe('the shipped versions', () => {
  const shipped = shippedFiles().map(
    (f) =>
      (f.document as { metadata: { version: string; effectiveFrom: string; reviewBy?: string } }).metadata,
  );

  it('each declare a review date at the end of the year after the year they take effect', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(5);
    for (const m of shipped)
      expect({ version: m.version, reviewBy: m.reviewBy }).toEqual({
        version: m.version,
        reviewBy: `${Number(m.effectiveFrom.slice(0, 4)) + 1}-12-31`,
      });
  });
});
