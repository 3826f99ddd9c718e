import { shippedDocument, shippedVersion } from '../../../../test/support/shipped-rulesets';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { validateVersion } from './validate-version';

/** The shipped 2020 version with its metadata changed by `edit`. */
function v2020With(edit: (metadata: RulesetVersion['metadata']) => void): RulesetVersion {
  const document = structuredClone(shippedDocument('2020')) as RulesetVersion;
  edit(document.metadata);
  return document;
}

describe('metadata.reviewBy', () => {
  const previous = shippedVersion('2019');

  it('the shipped 2020 version, reviewed by 2021-12-31, is valid', async () => {
    const report = await validateVersion(shippedDocument('2020'), previous);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each(['2020-01-01', '2019-12-31'])(
    'on or before effectiveFrom 2020-01-01 (%s) is an error naming /metadata/reviewBy',
    async (reviewBy) => {
      const report = await validateVersion(
        v2020With((m) => (m.reviewBy = reviewBy)),
        previous,
      );
      expect(report.valid).toBe(false);
      expect(report.errors).toEqual([
        expect.objectContaining({ path: '/metadata/reviewBy', code: 'review-date' }),
      ]);
    },
  );

  it('is optional: a version without one is valid', async () => {
    const report = await validateVersion(
      v2020With((m) => delete m.reviewBy),
      previous,
    );
    expect(report.valid).toBe(true);
  });

  it('must be a calendar date (2021-02-30 is not)', async () => {
    const report = await validateVersion(
      v2020With((m) => (m.reviewBy = '2021-02-30')),
      previous,
    );
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ path: '/metadata/reviewBy', code: 'date' })]);
  });

  it.each(['3000-01-01', '9999-12-31'])(
    'must lie within 1900-01-01..2999-12-31 (%s is after it)',
    async (reviewBy) => {
      const report = await validateVersion(
        v2020With((m) => (m.reviewBy = reviewBy)),
        previous,
      );
      expect(report.valid).toBe(false);
      expect(report.errors).toEqual([
        {
          path: '/metadata/reviewBy',
          code: 'date',
          message: expect.stringMatching(/^"[0-9-]+" 不在 1900-01-01 至 2999-12-31 之间 \/ is outside/),
        },
      ]);
    },
  );

  it('2999-12-31, the last day of the range, is accepted', async () => {
    const report = await validateVersion(
      v2020With((m) => (m.reviewBy = '2999-12-31')),
      previous,
    );
    expect(report.errors).toEqual([]);
  });

  it('2019-02-30 is not a calendar date', async () => {
    const report = await validateVersion(
      v2020With((m) => (m.reviewBy = '2019-02-30')),
      previous,
    );
    expect(report.valid).toBe(false);
    expect(report.errors).toContainEqual(
      expect.objectContaining({ path: '/metadata/reviewBy', code: 'date' }),
    );
  });
});

describe('test asOf dates', () => {
  const previous = shippedVersion('2019');

  it.each([
    ['3000-07-15', 'is outside the dates 1900-01-01 to 2999-12-31'],
    ['2020-02-30', 'is not a calendar date'],
  ])('%s is an error naming the test asOf', async (asOf, says) => {
    const document = structuredClone(shippedDocument('2020')) as RulesetVersion;
    document.tests[0]!.asOf = asOf;
    const report = await validateVersion(document, previous);
    expect(report.valid).toBe(false);
    expect(report.errors).toContainEqual({
      path: '/tests/0/asOf',
      code: 'date',
      message: expect.stringContaining(says),
    });
  });
});
