import { shippedDocument, shippedVersion } from '../../../../test/support/shipped-rulesets';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { validateVersion } from '../validation/validate-version';

/** The shipped 2020 version, changed by `edit`. */
function v2020With(edit: (document: RulesetVersion) => void): RulesetVersion {
  const document = structuredClone(shippedDocument('2020')) as RulesetVersion;
  edit(document);
  return document;
}

describe('a unit only on number facts', () => {
  const previous = shippedVersion('2019');

  it('the shipped 2020 version (units on integer and decimal facts only) has no unit problem', async () => {
    const report = await validateVersion(shippedDocument('2020'), previous);
    expect(report.errors.filter((e) => e.path.endsWith('/unit'))).toEqual([]);
  });

  it('names a boolean fact with unit "yuan", a date fact with "years" and a boolean derived fact with "persons", zh first', async () => {
    let paths: string[] = [];
    const document = v2020With((d) => {
      const assets = d.facts.household.findIndex((f) => f.name === 'assetsWithinLimit');
      const birth = d.facts.member.findIndex((f) => f.name === 'birthDate');
      const derived = d.derived.findIndex((f) => f.type === 'boolean');
      expect([assets, birth, derived].every((i) => i >= 0)).toBe(true);
      expect(d.facts.household[assets]!.type).toBe('boolean');
      expect(d.facts.member[birth]!.type).toBe('date');
      d.facts.household[assets]!.unit = 'yuan';
      d.facts.member[birth]!.unit = 'years';
      d.derived[derived]!.unit = 'persons';
      paths = [`/facts/household/${assets}/unit`, `/facts/member/${birth}/unit`, `/derived/${derived}/unit`];
    });
    const report = await validateVersion(document, previous);
    expect(report.valid).toBe(false);
    const unitErrors = report.errors.filter((e) => e.path.endsWith('/unit'));
    expect(unitErrors.map((e) => e.path).sort()).toEqual([...paths].sort());
    for (const e of unitErrors) {
      expect(e.code).toBe('facts');
      expect(e.message).toMatch(
        /^只有数值事实.*\/ only a number fact \(decimal, money, integer\) has a unit/,
      );
    }
    expect(unitErrors.find((e) => e.path === paths[0])?.message).toContain(
      '\'assetsWithinLimit\' is a boolean fact and cannot have the unit "yuan"',
    );
    expect(unitErrors.find((e) => e.path === paths[1])?.message).toContain("'birthDate' is a date fact");
  });

  it('keeps a unit on a number fact (an integer derived fact counted in persons)', async () => {
    const document = v2020With((d) => {
      expect(d.derived.find((f) => f.name === 'unitSize')).toMatchObject({
        type: 'integer',
        unit: 'persons',
      });
    });
    const report = await validateVersion(document, previous);
    expect(report.errors).toEqual([]);
  });
});
