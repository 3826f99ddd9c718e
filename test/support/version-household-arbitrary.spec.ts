import fc from 'fast-check';

import { EvaluationError, InvalidInputError } from '../../api/src/engine/errors';
import { determine } from '../../api/src/engine/evaluation/determine';
import { compileVersion, type CompiledVersion } from '../../api/src/engine/model/compile-version';
import { fact, minimalVersion, text } from './ruleset-factory';
import { addDays, yearsBefore } from './iso-date';
import { rulesetVersionArbitrary } from './ruleset-arbitrary';
import {
  FLAWS,
  versionAsOfArbitrary,
  versionCaseArbitrary,
  versionHouseholdArbitrary,
  type VersionCase,
} from './version-household-arbitrary';

const SEED = Number(process.env.PROPERTY_SEED ?? 20170225);

type Result = 'answer' | 'invalid-input' | 'evaluation-error';

/** What the reference gives for a case; any error but the engine's (a TypeError…) is thrown on. */
async function resultOf(version: CompiledVersion, c: VersionCase): Promise<Result> {
  try {
    await determine(version, c.household, c.asOf);
    return 'answer';
  } catch (e) {
    if (e instanceof InvalidInputError) return 'invalid-input';
    if (e instanceof EvaluationError) return 'evaluation-error';
    throw e;
  }
}

describe('versionCaseArbitrary on random rulesets', () => {
  const documents = fc.sample(rulesetVersionArbitrary(), { seed: SEED, numRuns: 60 });

  it('draws households the reference mostly evaluates, each valid or invalid as intended', async () => {
    const tally = new Map<string, number>();
    const wrong: string[] = [];
    for (const [i, document] of documents.entries()) {
      const version = compileVersion(document);
      const cases = fc.sample(versionCaseArbitrary(version), { seed: SEED + i, numRuns: 25 });
      for (const c of cases) {
        const result = await resultOf(version, c);
        tally.set(result, (tally.get(result) ?? 0) + 1);
        if (c.flaw) tally.set(c.flaw, (tally.get(c.flaw) ?? 0) + 1);
        if ((c.intent === 'invalid') !== (result === 'invalid-input'))
          wrong.push(
            `ruleset ${i}: ${c.intent} (${c.flaw ?? 'no flaw'}) gave ${result}: ${JSON.stringify(c)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    const total = documents.length * 25;
    expect(tally.get('answer') ?? 0).toBeGreaterThan(total * 0.6);
    expect(tally.get('invalid-input') ?? 0).toBeGreaterThan(total * 0.05);
    expect(tally.get('evaluation-error') ?? 0).toBeGreaterThan(0);
    expect(FLAWS.filter((flaw) => !tally.has(flaw))).toEqual([]);
  });
});

describe('versionHouseholdArbitrary on a small version', () => {
  const document = minimalVersion();
  document.facts.household.push(
    fact('rent', 'money', { minimum: '0', maximum: '5000' }),
    fact('tenure', 'enum', { values: ['own', 'rent'], default: 'own' }),
    {
      name: 'emergency',
      type: 'object',
      label: text('Emergency'),
      properties: [fact('severity', 'enum', { values: ['general', 'major'], required: true })],
    },
  );
  document.facts.member.push(fact('disabled', 'boolean', { default: false }));
  const version = compileVersion(document);
  const asOf = '2020-02-29';
  const drawn = fc.sample(versionHouseholdArbitrary(version, asOf, { invalidPercent: 0 }), {
    seed: SEED,
    numRuns: 1500,
  });
  type Household = { [fact: string]: unknown; members: { id: string; birthDate: string }[] };
  const households = drawn.map((d) => d.household as Household);

  it('draws valid households with unique member ids, members within the version’s bounds', async () => {
    expect(drawn.every((d) => d.intent === 'valid')).toBe(true);
    for (const h of households.slice(0, 300)) {
      await expect(determine(version, h, asOf)).resolves.toBeDefined();
      expect(new Set(h.members.map((m) => m.id)).size).toBe(h.members.length);
      expect(h.members.length).toBeGreaterThanOrEqual(1);
      expect(h.members.length).toBeLessThanOrEqual(4);
    }
  });

  it('reaches the boundaries the rules compare with: the standard × 12, a fen either side, zero', () => {
    const incomes = new Set(households.map((h) => String(h['annualNetIncome'])));
    // support.standard is 400.00 (450.00 in A00002), compared with annualNetIncome / 12.
    for (const income of ['4800', '4800.01', '4799.99', '5400', '0']) expect(incomes).toContain(income);
  });

  it('writes money as strings and as JSON numbers, leaves optional facts and groups out or gives them', () => {
    const rents = households.map((h) => h['rent']);
    expect(rents.some((r) => typeof r === 'number')).toBe(true);
    expect(rents.some((r) => typeof r === 'string' && /\.\d\d$/.test(r))).toBe(true);
    expect(rents.some((r) => r === undefined)).toBe(true);
    expect(rents.some((r) => r === null)).toBe(true);
    expect(households.some((h) => h['emergency'] === undefined)).toBe(true);
    expect(households.some((h) => typeof h['emergency'] === 'object' && h['emergency'] !== null)).toBe(true);
    expect(households.some((h) => h['id'] !== undefined)).toBe(true);
  });

  it('puts birthdays on asOf and on the anniversaries around it', () => {
    const births = new Set(households.flatMap((h) => h.members.map((m) => m.birthDate)));
    for (const date of [
      asOf,
      yearsBefore(asOf, 18),
      addDays(yearsBefore(asOf, 18), 1),
      yearsBefore(asOf, 60),
    ])
      expect(births).toContain(date);
    // birthDate may not be after asOf: a valid household never has one.
    expect([...births].every((date) => date <= asOf)).toBe(true);
  });

  it('draws every flaw when asked for invalid households only, each refused', async () => {
    const invalid = fc.sample(versionCaseArbitrary(version, { invalidPercent: 100 }), {
      seed: SEED,
      numRuns: 400,
    });
    expect(FLAWS.filter((flaw) => !invalid.some((c) => c.flaw === flaw))).toEqual([]);
    for (const c of invalid)
      await expect(determine(version, c.household, c.asOf)).rejects.toThrow(InvalidInputError);
  });
});

describe('versionAsOfArbitrary', () => {
  it('draws dates from the effective date to three years later, the effective date itself too', () => {
    const version = compileVersion(minimalVersion());
    const dates = fc.sample(versionAsOfArbitrary(version), { seed: SEED, numRuns: 400 });
    expect(dates.every((d) => d >= '2019-01-01' && d <= '2022-01-01')).toBe(true);
    expect(dates).toContain('2019-01-01');
    expect(dates).toContain('2020-02-29');
  });
});
