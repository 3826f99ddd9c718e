/**
 * Every embedded test case of every shipped ruleset version (`rulesets/*\/*.json`, `tests`), run
 * through the engine: one table test, each case its own row, failing with the differences.
 */
import { compileVersion } from '../api/src/engine/model/compile-version';
import { determine } from '../api/src/engine/evaluation/determine';
import { compareWithExpected } from '../api/src/engine/validation/test-cases';
import { shippedFiles } from './support/shipped-rulesets';

const rows = shippedFiles().flatMap(({ file, document }) => {
  const version = compileVersion(document);
  return version.document.tests.map((testCase, index) => ({
    label: `${file} #${index}: ${testCase.name}`,
    version,
    testCase,
  }));
});

describe('embedded test cases of the shipped rulesets', () => {
  test.each(rows)('$label', async ({ version, testCase }) => {
    const determination = await determine(version, testCase.household, testCase.asOf);
    expect(compareWithExpected(determination, testCase.expected)).toEqual([]);
  });
});
