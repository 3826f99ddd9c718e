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
import {
  determine,
  InvalidInputError,
  InvalidRulesetError,
  withWarnings,
  type AnswerWarning,
  type CompiledVersion,
} from '../engine';
import { valueSymbol } from 'piscina';
import runWorkerTask from './engine-worker';
import { engineWorkerFilename, VersionCompileError, WorkerPoolService } from './worker-pool.service';
import type { WorkerReply } from './worker-protocol';

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
    expect(Buffer.concat(bytes).toString('utf8')).toBe(await onTheEventLoop(version, part, asOf));
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

  it('a single household answers the bytes res.json wrote, its warnings included', async () => {
    const warnings = [{ code: 'past-review-date', message: 'x' }] as unknown as AnswerWarning[];
    for (const [i, household] of goods.slice(0, 20).entries()) {
      const language = i % 2 === 0 ? 'zh' : 'en';
      const expected = JSON.stringify(
        withWarnings(await determine(version, household, asOf, { language }), i % 3 === 0 ? warnings : []),
      );
      const bytes = await pool.evaluate(source, household, asOf, 'x', language, i % 3 === 0 ? warnings : []);
      expect(bytes.toString('utf8')).toBe(expected);
    }
  });

  it('a worker asked for a version by its hash alone says it lacks it until it has compiled it', async () => {
    const other = shippedVersion('2017-10');
    const task = (document: unknown) => ({
      kind: 'evaluate' as const,
      version: { hash: other.contentHash, document },
      published: [other.contentHash],
      asOf: '2018-03-31',
      household: goods[0],
    });
    // The worker's handler, run here: a byte answer comes wrapped for transfer (piscina's move).
    const reply = async (document: unknown) => {
      const answer = (await runWorkerTask(task(document))) as unknown as Record<symbol, unknown>;
      return (answer[valueSymbol] ?? answer) as WorkerReply<'evaluate'>;
    };
    expect(await reply(undefined)).toMatchObject({ ok: false, stage: 'missing', hash: other.contentHash });
    expect((await reply(other.document)).ok).toBe(true);
    expect((await reply(undefined)).ok).toBe(true);
  });

  it('reports what each worker holds: the published version, no draft', () => {
    const stats = pool.cacheStats();
    expect(stats.length).toBeGreaterThan(0);
    for (const s of stats)
      expect({ published: s.published, drafts: s.drafts }).toEqual({ published: 1, drafts: 0 });
  });

  it('sends a published version by its hash alone once every worker holds it, and a draft always with its document', async () => {
    const other = shippedVersion('2018');
    const otherAsOf = '2018-06-30';
    const otherSource = { hash: other.contentHash, document: other.document };
    pool.retainPublished([version.contentHash, other.contentHash]);
    const run = jest.spyOn((pool as unknown as { pool: { run: (task: unknown) => unknown } }).pool, 'run');
    const documents = () =>
      run.mock.calls.map(([task]) => (task as { version: { document: unknown } }).version.document);
    try {
      const some = fc.sample(householdArbitrary({ jurisdictions: ['420325'], asOf: otherAsOf }), {
        seed: 11,
        numRuns: 10,
      });
      // Just published: no worker holds 2018, so every task carries the document, and none is
      // answered `missing` (each task is sent once) until both workers say they hold it.
      const holdsIt = () =>
        pool.cacheStats().length === 2 &&
        pool.cacheStats().every((s) => s.publishedHashes.includes(other.contentHash));
      for (let i = 0; i < 20 && !holdsIt(); i++)
        await Promise.all(some.slice(0, 2).map((h) => pool.evaluate(otherSource, h, otherAsOf, 'x')));
      expect(holdsIt()).toBe(true);
      expect(documents().every((d) => d === other.document)).toBe(true);
      run.mockClear();
      const answers = await Promise.all(some.map((h) => pool.evaluate(otherSource, h, otherAsOf, 'x')));
      for (const [i, bytes] of answers.entries())
        expect(bytes.toString('utf8')).toBe(JSON.stringify(await determine(other, some[i], otherAsOf)));
      // Now by its hash alone, each household once.
      expect(documents()).toEqual(some.map(() => undefined));
      run.mockClear();
      await pool.evaluate({ hash: 'sha256:draft', document: version.document }, goods[0], asOf, 'x');
      expect(documents()).toEqual([version.document]);
    } finally {
      run.mockRestore();
      pool.retainPublished([version.contentHash]);
    }
  });
});
