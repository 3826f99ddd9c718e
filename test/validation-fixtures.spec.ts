/**
 * One row per broken fixture (test/fixtures/broken/*.json): the patched version must be reported
 * invalid with the expected error (exact path, message containing the expected text, same code),
 * or, for a `{ "valid": true }` row, be accepted (with the expected justified warning). Each base the
 * fixtures use must itself be valid, so that no fixture passes for a reason other than its patch.
 */
import { validateVersion } from '../api/src/engine';
import {
  applyFixture,
  baseDocument,
  fixtureNames,
  matches,
  previousOf,
  readFixture,
  type ExpectedError,
} from './support/broken-fixtures';

const fixtures = fixtureNames().map(readFixture);
const bases = [...new Set(fixtures.map((f) => f.base))].sort();

type Problem = { path: string; message: string; code?: string };
const show = (problems: readonly Problem[]): string =>
  problems.map((p) => `  ${p.path || '/'} [${p.code ?? '-'}] ${p.message}`).join('\n') || '  (none)';
const want = (e: ExpectedError): string => `${e.path || '/'} [${e.code ?? '-'}] containing: ${e.message}`;

describe('broken fixtures', () => {
  it('the fixtures folder is not empty', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(bases)('sanity: the unpatched base %s is valid', async (base) => {
    const report = await validateVersion(baseDocument(base), previousOf(base));
    expect({ valid: report.valid, errors: report.errors }).toEqual({ valid: true, errors: [] });
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const report = await validateVersion(applyFixture(fixture), previousOf(fixture.base));
    const expected = fixture.expect;
    const outcome = `valid: ${String(report.valid)}\nerrors:\n${show(report.errors)}\nwarnings:\n${show(report.warnings)}`;
    if ('valid' in expected) {
      if (report.valid && (!expected.warning || matches(report.warnings, expected.warning))) return;
      const warning = expected.warning ? ` with a warning at ${want(expected.warning)}` : '';
      throw new Error(`${fixture.description}\nexpected valid${warning}\n${outcome}`);
    }
    if (!report.valid && matches(report.errors, expected)) return;
    throw new Error(`${fixture.description}\nexpected an error at ${want(expected)}\n${outcome}`);
  });
});
