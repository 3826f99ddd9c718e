/**
 * Evaluations that overlap give exactly the answers they give one at a time. json-rules-engine keeps
 * the state of a run on its Engine object; sharing one engine between overlapping runs used to drop
 * benefit lines (about 7 of the 54 embedded 2019 households evaluated with Promise.all).
 *
 * Reproduce a property failure with the seed fast-check prints, or change it with
 * `PROPERTY_SEED=<n> npx jest api/src/engine/evaluation/concurrency`.
 */
import fc from 'fast-check';

import { shippedVersions } from '../../../../test/support/shipped-rulesets';
import type { CompiledVersion } from '../model/compile-version';
import { determine } from './determine';

interface Case {
  label: string;
  version: CompiledVersion;
  household: unknown;
  asOf: string;
}

const cases: Case[] = shippedVersions().flatMap((version) =>
  version.document.tests.map((test, index) => ({
    label: `${version.version} #${index}`,
    version,
    household: test.household,
    asOf: test.asOf,
  })),
);

/** One evaluation as the exact bytes a client would get. */
const evaluate = async (c: Case): Promise<string> =>
  JSON.stringify(await determine(c.version, c.household, c.asOf));

/** Every case evaluated one at a time, in order. */
async function sequentially(): Promise<string[]> {
  const answers: string[] = [];
  for (const c of cases) answers.push(await evaluate(c));
  return answers;
}

const SEED = Number(process.env.PROPERTY_SEED ?? 20190630);

describe('concurrent evaluation', () => {
  let expected: string[];

  beforeAll(async () => {
    expected = await sequentially();
  });

  it('has embedded cases in every shipped version', () => {
    expect(cases.length).toBeGreaterThan(100);
    for (const version of shippedVersions()) expect(version.document.tests.length).toBeGreaterThan(0);
  });

  it('gives, for every embedded case of every shipped version evaluated with Promise.all, the sequential bytes', async () => {
    const answers = await Promise.all(cases.map(evaluate));
    const differing = cases.filter((_, i) => answers[i] !== expected[i]).map((c) => c.label);
    expect(differing).toEqual([]);
  });

  it('gives the sequential bytes for the 2019 households evaluated together, five times over', async () => {
    const of2019 = cases.map((c, i) => ({ c, i })).filter(({ c }) => c.version.version === '2019');
    expect(of2019.length).toBe(54);
    const rounds = await Promise.all(
      Array.from({ length: 5 }, () => Promise.all(of2019.map(({ c }) => evaluate(c)))),
    );
    for (const answers of rounds) expect(answers).toEqual(of2019.map(({ i }) => expected[i]));
  });

  it('keeps a bounded number of idle engines', async () => {
    await Promise.all(cases.map(evaluate));
    for (const version of shippedVersions()) {
      expect(version.householdRules.idleEngines).toBeGreaterThanOrEqual(1);
      expect(version.householdRules.idleEngines).toBeLessThanOrEqual(16);
      expect(version.memberRules.idleEngines).toBeLessThanOrEqual(16);
    }
  });

  it('gives the sequential bytes for random batches and interleavings of the embedded households', async () => {
    /** A batch: which cases, and how many ticks each waits before it starts. */
    const batch = fc.array(
      fc.record({ index: fc.nat({ max: cases.length - 1 }), ticks: fc.nat({ max: 5 }) }),
      { minLength: 1, maxLength: 40 },
    );
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 4 }), async (batches) => {
        // The batches overlap too: all of them start before any has finished.
        const results = await Promise.all(
          batches.map((items) =>
            Promise.all(
              items.map(async ({ index, ticks }) => {
                for (let t = 0; t < ticks; t++) await tick();
                return { index, answer: await evaluate(cases[index] as Case) };
              }),
            ),
          ),
        );
        for (const { index, answer } of results.flat()) expect(answer).toBe(expected[index]);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });
});
