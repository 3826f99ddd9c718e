/**
 * Cross-checks the rules CLI against the independent reference implementation of docs/policy.md's
 * reference semantics: for seeded random (asOf, jurisdiction) pairs it asks the CLI for the
 * resolved parameters, evaluates seeded random households through the CLI, and requires every
 * benefit line (code, member, period, amount) and every total to equal the reference's.
 *
 * Reproduce a failure with the seed printed in its message: `REFERENCE_SEED=<seed> npx jest test/cli-reference`.
 * `RULES_CLI` points the test at another CLI entry (default the built dist/api/src/cli/main.js, what `npm run rules` runs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import fc from 'fast-check';

import {
  type ReferenceBenefit,
  type ReferenceDetermination,
  referenceAmounts,
  referenceDetermination,
} from './reference/shiyan-reference';
import { asOfArbitrary, householdArbitrary } from './support/household-arbitrary';
import { RULES_CLI } from './support/rules-cli';

const ROOT = resolve(__dirname, '..');
const RULESET = 'shiyan-social-assistance';
const CLI_ENTRY = process.env.RULES_CLI ?? RULES_CLI;
const SEED = Number(process.env.REFERENCE_SEED ?? 20170225);
const HOUSEHOLDS_PER_PAIR = 60;

/** (asOf, jurisdiction index): the index is reduced modulo the ruleset's jurisdictions once known. */
const pairs = fc.sample(fc.tuple(asOfArbitrary('2017-06-01', '2020-06-30'), fc.nat()), {
  seed: SEED,
  numRuns: 24,
  unbiased: true, // spread the dates over the whole range rather than near its ends
});

/** Runs the rules CLI (`npm run rules -- …`) directly, and returns its stdout. */
function rules(...args: string[]): string {
  return execFileSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The money-carrying part of a CLI determination, or `undefined` when it is not one. */
function project(value: unknown): ReferenceDetermination | undefined {
  if (!isRecord(value) || !Array.isArray(value.benefits) || !isRecord(value.totals)) return undefined;
  const benefits = value.benefits.map((line: unknown) => {
    const { code, memberId, period, amount } = isRecord(line) ? line : {};
    return { code, memberId, period, amount } as ReferenceBenefit;
  });
  const { monthly, annual, oneOff } = value.totals;
  return { benefits, totals: { monthly, annual, oneOff } as ReferenceDetermination['totals'] };
}

/** The ruleset's jurisdiction codes, from `rules rulesets`. */
function jurisdictionCodes(): string[] {
  const rulesets: unknown = JSON.parse(rules('rulesets'));
  const ruleset = Array.isArray(rulesets)
    ? rulesets.find((r) => isRecord(r) && r.key === RULESET)
    : undefined;
  const jurisdictions: unknown = isRecord(ruleset) ? ruleset.jurisdictions : undefined;
  const codes = Array.isArray(jurisdictions)
    ? jurisdictions.map((j: unknown) => (isRecord(j) && typeof j.code === 'string' ? j.code : ''))
    : [];
  if (codes.length === 0 || codes.includes('')) {
    throw new Error(`No jurisdictions for ${RULESET} in \`rules rulesets\`: ${JSON.stringify(rulesets)}`);
  }
  return codes;
}

/**
 * The rounding and totals of the version a CLI determination names (`ruleset.version`), read by the
 * reference from that version's file.
 */
function amountsFor(determination: unknown): ReturnType<typeof referenceAmounts> {
  const ruleset = isRecord(determination) ? determination.ruleset : undefined;
  const label = isRecord(ruleset) && typeof ruleset.version === 'string' ? ruleset.version : '';
  if (!/^[0-9A-Za-z][0-9A-Za-z.-]*$/.test(label))
    throw new Error(`No version label in ${JSON.stringify(determination)}`);
  const file = join(ROOT, 'rulesets', RULESET, `${label}.json`);
  return referenceAmounts(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}

/** The resolved parameters for one place and date, from `rules parameters`. */
function parametersFor(asOf: string, jurisdiction: string): Record<string, string> {
  const out: unknown = JSON.parse(
    rules('parameters', '--ruleset', RULESET, '--as-of', asOf, '--jurisdiction', jurisdiction),
  );
  if (!isRecord(out) || out.jurisdiction !== jurisdiction || !isRecord(out.parameters)) {
    throw new Error(`Unexpected \`rules parameters\` output: ${JSON.stringify(out)}`);
  }
  const parameters: Record<string, string> = {};
  for (const [key, value] of Object.entries(out.parameters)) {
    if (typeof value !== 'string')
      throw new Error(`Parameter ${key} is not a decimal string: ${JSON.stringify(value)}`);
    parameters[key] = value;
  }
  return parameters;
}

describe('rules CLI against the reference implementation', () => {
  let codes: string[] = [];
  let workDir = '';

  beforeAll(() => {
    codes = jurisdictionCodes();
    workDir = mkdtempSync(join(tmpdir(), 'shiyan-reference-'));
  });

  afterAll(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it.each(pairs.map(([asOf, index], i) => [i, asOf, index] as const))(
    'pair %i: households on %s agree line by line',
    (i, asOf, index) => {
      const jurisdiction = codes[index % codes.length] ?? '';
      const params = parametersFor(asOf, jurisdiction);
      const rural = params['dibao.standard.rural'];
      const urban = params['dibao.standard.urban'];
      const standards = rural !== undefined && urban !== undefined ? { rural, urban } : undefined;
      const households = fc.sample(householdArbitrary({ jurisdictions: [jurisdiction], asOf, standards }), {
        seed: SEED + i,
        numRuns: HOUSEHOLDS_PER_PAIR,
      });
      const input = join(workDir, `${asOf}-${jurisdiction}.jsonl`);
      writeFileSync(input, households.map((h) => JSON.stringify(h)).join('\n') + '\n');

      const output = rules('evaluate', '--ruleset', RULESET, '--as-of', asOf, '--input', input)
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(output).toHaveLength(households.length);

      const mismatches = households.flatMap((household, k) => {
        const engine: unknown = JSON.parse(output[k] ?? 'null');
        const reference = referenceDetermination(household, asOf, params, amountsFor(engine));
        const actual = project(engine);
        return actual !== undefined && JSON.stringify(actual) === JSON.stringify(reference)
          ? []
          : [{ household: k, input: household, reference, engine }];
      });
      if (mismatches.length > 0) {
        const report = JSON.stringify(
          { asOf, jurisdiction, params, mismatches: mismatches.slice(0, 3) },
          null,
          2,
        );
        throw new Error(
          `${mismatches.length} of ${households.length} households differ from the reference ` +
            `(REFERENCE_SEED=${SEED}, pair ${i}, ${asOf}, ${jurisdiction}); the first ones:\n${report}`,
        );
      }
    },
  );
});
