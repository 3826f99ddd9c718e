/**
 * The pool with real worker threads (no Nest): a batch split across workers answers exactly the
 * bytes the event loop wrote before (each household evaluated, engine errors as problems, then
 * `JSON.stringify({ results })`), whatever the split; drafts that do not compile and engine errors
 * come back as the same errors.
 */
import fc from 'fast-check';

import { householdArbitrary } from '../../../test/support/household-arbitrary';
import { shippedVersion } from '../../../test/support/shipped-rulesets';
import { toProblem } from '../common/problem-details.filter';
import { readEnvironment } from '../config/environment';
import { determine, InvalidInputError, InvalidRulesetError, type CompiledVersion } from '../engine';
import { engineWorkerFilename, VersionCompileError, WorkerPoolService } from './worker-pool.service';

/** The batch body as the service wrote it on the event loop, before the pool. */
async function onTheEventLoop(
  version: CompiledVersion,
  households: unknown[],
  asOf: string,
): Promise<string> {
  const results: object[] = [];
  for (const [index, household] of households.entries()) {
    try {
      results.push(await determine(version, household, asOf));
    } catch (e) {
      const problem = toProblem(e);
      if (problem.status >= 500) throw e;
      results.push({ ...problem, index });
    }
  }
  return JSON.stringify({ results });
}

describe('WorkerPoolService', () => {
  // The other suites' services start their workers from the build Jest's global setup made
  // (ENGINE_WORKER_FILE); this one starts them from the sources through the tsx bootstrap, as a
  // service run from sources does (Jest gives each suite its own copy of process.env).
  delete process.env['ENGINE_WORKER_FILE'];
  const pool = new WorkerPoolService(readEnvironment({ WORKER_THREADS: '2', LOG_LEVEL: 'error' }));
  const version = shippedVersion('2019');
  const source = { hash: version.contentHash, document: version.document };
  const asOf = '2019-06-30';
  const goods: unknown[] = fc.sample(householdArbitrary({ jurisdictions: ['420325', '420302'], asOf }), {
    seed: 7,
    numRuns: 300,
  });
  // Bad households here and there: each must become its problem, with its index in the whole batch.
  const households = goods.map((h, i) =>
    i % 37 === 5 ? { ...(h as object), annualNetIncome: '-1' } : i % 53 === 11 ? 42 : h,
  );

  beforeAll(() => pool.retainPublished([version.contentHash]));
  afterAll(() => pool.onModuleDestroy());

  it.each([1, 7, 50, 120, 300])('a batch of %i answers the same bytes as the event loop did', async (n) => {
    const part = households.slice(0, n);
    const bytes = await pool.batch(source, part, asOf, `Evaluating ${n} households`);
    expect(bytes.toString('utf8')).toBe(await onTheEventLoop(version, part, asOf));
  });

  it('runs the TypeScript worker through the tsx bootstrap when run from sources', () => {
    expect(engineWorkerFilename()).toMatch(/engine-worker\.bootstrap\.cjs$/);
  });

  it('a draft that does not compile is a VersionCompileError carrying the engine problems', async () => {
    const broken = { ...(version.document as object), parameters: 'none' };
    const error = await pool
      .batch({ hash: 'sha256:broken', document: broken }, households.slice(0, 60), asOf, 'x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionCompileError);
    const cause = (error as VersionCompileError).error;
    expect(cause).toBeInstanceOf(InvalidRulesetError);
    expect((cause as InvalidRulesetError).errors.map((e) => e.path)).toContain('/parameters');
  });

  it("a single household's engine error comes back as the same class and problem", async () => {
    const bad = { ...(goods[0] as object), annualNetIncome: '-1' };
    const error = await pool.evaluate(source, bad, asOf, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    const original = await determine(version, bad, asOf).catch((e: unknown) => e);
    expect(toProblem(error)).toEqual(toProblem(original));
  });

  it('reports what each worker holds: the published version, no draft', () => {
    const stats = pool.cacheStats();
    expect(stats.length).toBeGreaterThan(0);
    for (const s of stats)
      expect({ published: s.published, drafts: s.drafts }).toEqual({ published: 1, drafts: 0 });
  });
});
