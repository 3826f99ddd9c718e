/**
 * No content an editor can save may stall the service: while a CPU-heavy request runs (a
 * 1000-household batch, validating a large draft, evaluating with a large draft as `version`), the
 * health check keeps answering within 100 ms, each time it is asked. Then the limits of the worker
 * pool that makes it so: each worker keeps at most DRAFT_CACHE_SIZE compiled drafts (least recently
 * used dropped first) and the main thread none; a full queue is a 503 "service busy"; a task that
 * outlives WORKER_TASK_TIMEOUT_MS is stopped and answered with a 503 naming it, never a 500.
 *
 * The health checks are sent from a worker thread with its own event loop (see health-probe.ts),
 * over a real socket; a check counts when it was in flight at some moment of the heavy request.
 * Each kind of heavy request is sent once before it is measured: the first one after boot also
 * pays one-time costs (V8 compiling the request checks, the workers compiling the published
 * versions), and the guarantee is about the service in operation.
 */
import fc from 'fast-check';
import type { AddressInfo } from 'node:net';

import { PublishedVersionsService } from '../../../api/src/rulesets/published-versions.service';
import { WorkerPoolService } from '../../../api/src/workers/worker-pool.service';
import { bootService, type TestService } from '../../support/app';
import { requestDuringHealthProbe, type HealthSample } from '../../support/health-probe';
import { householdArbitrary } from '../../support/household-arbitrary';
import { largeDraft } from '../../support/large-draft';
import { expectProblem } from '../../support/problem-details';

const KEY = 'shiyan-social-assistance';
const BASE = `/api/v1/rulesets/${KEY}`;
const DATABASE = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';
/** The guarantee, per health request. */
const HEALTH_LIMIT_MS = 100;
/** Pause between two health checks while the heavy request runs. */
const HEALTH_INTERVAL_MS = 20;

const HOUSEHOLD = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '2400',
  assetsWithinLimit: true,
  members: [
    { id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 },
    { id: 'p2', birthDate: '1978-09-14' },
  ],
};

interface HeavyRun {
  status: number;
  body: string;
  heavyMs: number;
  /** The health checks in flight at some moment of the heavy request. */
  during: HealthSample[];
}

/** Makes draft `label` from 2020 (as `token`), and with `content` replaces its content. */
async function makeDraft(
  service: TestService,
  token: string,
  label: string,
  content?: (label: string) => object,
): Promise<void> {
  const created = await service.http
    .post(`${BASE}/versions`)
    .set('Authorization', `Bearer ${token}`)
    .send({ version: label, basedOn: '2020', effectiveFrom: '2020-01-01' });
  expect(created.status).toBe(201);
  if (!content) return;
  const saved = await service.http
    .put(`${BASE}/versions/${label}`)
    .set('Authorization', `Bearer ${token}`)
    .set('If-Match', created.headers['etag'] as string)
    .send(content(label));
  expect(saved.status).toBe(200);
}

/**
 * A health check is one sample on a shared two-core machine: a garbage collection or another process
 * can delay one by a few tens of milliseconds. A timing test that fails is run again (at most twice);
 * a real stall (the seconds these suites were written against) fails every attempt.
 */
jest.retryTimes(2, { logErrorsBeforeRetry: true });

describe(`the event loop stays free during CPU-heavy requests (${DATABASE})`, () => {
  let service: TestService;
  let origin: string;
  const asOf = '2019-06-30';
  const households = fc.sample(householdArbitrary({ jurisdictions: ['420325', '420302'], asOf }), {
    seed: 20170225,
    numRuns: 1000,
  });

  const post = (path: string, body: string) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.adminToken}`, 'content-type': 'application/json' },
      body,
    });

  /** Sends the heavy request while the probe checks health every few milliseconds. */
  async function healthDuring(path: string, body: unknown): Promise<HeavyRun> {
    const run = await requestDuringHealthProbe(origin, HEALTH_INTERVAL_MS, path, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.adminToken}` },
      body: JSON.stringify(body),
    });
    return { status: run.status, body: run.text, heavyMs: run.elapsedMs, during: run.during };
  }

  /** Several health checks overlapped the heavy request; each answered 200 within the limit. */
  function expectResponsive(run: HeavyRun, what: string): void {
    const latencies = run.during.map((s) => s.ms);
    process.stdout.write(
      `${DATABASE}: ${what}: ${Math.round(run.heavyMs)} ms; ${latencies.length} health checks during it, slowest ${Math.max(...latencies).toFixed(1)} ms\n`,
    );
    expect(run.during.length).toBeGreaterThanOrEqual(3);
    const bad = run.during
      .filter((s) => s.status !== 200 || s.ms >= HEALTH_LIMIT_MS)
      .map((s) => ({ status: s.status, ms: Math.round(s.ms) }));
    expect({ what, bad }).toEqual({ what, bad: [] });
  }

  beforeAll(async () => {
    service = await bootService();
    await service.app.listen(0, '127.0.0.1');
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    const large = (salt: string) => (label: string) => largeDraft(label, 800, salt);
    await makeDraft(service, service.adminToken, 'load-validate', large('v'));
    await makeDraft(service, service.adminToken, 'load-evaluate', large('e'));
    await makeDraft(service, service.adminToken, 'warm-up');
    // Each kind once before it is measured (see above); not the measured drafts, which stay uncompiled.
    const warmUps = [
      [`${BASE}/evaluate/batch`, { asOf, households }],
      [`${BASE}/versions/warm-up/validate`, {}],
      [`${BASE}/evaluate`, { asOf: '2020-06-30', household: HOUSEHOLD, version: 'warm-up' }],
    ] as const;
    for (const [path, body] of warmUps) expect((await post(path, JSON.stringify(body))).status).toBe(200);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers health within 100 ms while a 1000-household batch is evaluated', async () => {
    const run = await healthDuring(`${BASE}/evaluate/batch`, { asOf, households });
    expect(run.status).toBe(200);
    const results = (JSON.parse(run.body) as { results: { asOf?: string }[] }).results;
    expect(results).toHaveLength(1000);
    expect(results.every((r) => r.asOf === asOf)).toBe(true);
    expectResponsive(run, 'batch of 1000');
  });

  it('answers health within 100 ms while a large draft is validated', async () => {
    const run = await healthDuring(`${BASE}/versions/load-validate/validate`, {});
    expect(run.status).toBe(200);
    expect(JSON.parse(run.body)).toEqual(
      expect.objectContaining({ valid: true, tests: expect.objectContaining({ failed: 0 }) }),
    );
    expectResponsive(run, 'validate large draft');
  });

  it('answers health within 100 ms while a household is evaluated with a large draft as version', async () => {
    const run = await healthDuring(`${BASE}/evaluate`, {
      asOf: '2020-06-30',
      household: HOUSEHOLD,
      version: 'load-evaluate',
    });
    expect(run.status).toBe(200);
    expect((JSON.parse(run.body) as { ruleset: { version: string } }).ruleset.version).toBe('load-evaluate');
    expectResponsive(run, 'evaluate with large draft');
  });
});

describe(`the worker pool's limits (${DATABASE})`, () => {
  describe('one worker, DRAFT_CACHE_SIZE 2, no queue', () => {
    let service: TestService;
    let pool: WorkerPoolService;
    const bearer = () => `Bearer ${service.adminToken}`;
    const evaluateWith = (version: string) =>
      service.http
        .post(`${BASE}/evaluate`)
        .set('Authorization', bearer())
        .send({ asOf: '2020-06-30', household: HOUSEHOLD, version });

    beforeAll(async () => {
      // The service refuses WORKER_THREADS below 2 at start; one thread is set here to watch its cache.
      service = await bootService(
        { DRAFT_CACHE_SIZE: '2', WORKER_QUEUE_SIZE: '0' },
        { settings: { workerThreads: 1 } },
      );
      pool = service.app.get(WorkerPoolService);
      for (const label of ['d1', 'd2', 'd3', 'd4']) await makeDraft(service, service.adminToken, label);
      await makeDraft(service, service.adminToken, 'busy', (label) => largeDraft(label, 800, 'b'));
    });

    afterAll(async () => {
      await service?.close();
    });

    /** The one worker's cache as it reported it after its last task. */
    const cache = () => {
      const stats = pool.cacheStats();
      expect(stats).toHaveLength(1);
      return { drafts: stats[0]?.drafts, compiles: stats[0]?.draftCompiles };
    };

    it('evaluating 4 distinct drafts keeps the 2 used last compiled; the main thread keeps none', async () => {
      for (const label of ['d1', 'd2', 'd3', 'd4']) {
        const response = await evaluateWith(label);
        expect(response.status).toBe(200);
        expect((response.body as { ruleset: { version: string } }).ruleset.version).toBe(label);
      }
      expect(cache()).toEqual({ drafts: 2, compiles: 4 });
      // The five shipped versions are published; no draft is compiled on the main thread.
      expect(service.app.get(PublishedVersionsService).compiledCount).toBe(5);
    });

    it('drops the least recently used draft first', async () => {
      // Held now: d3, d4. Using d3 makes d4 the oldest; d1 then replaces d4.
      expect((await evaluateWith('d3')).status).toBe(200);
      expect(cache()).toEqual({ drafts: 2, compiles: 4 });
      expect((await evaluateWith('d1')).status).toBe(200);
      expect(cache()).toEqual({ drafts: 2, compiles: 5 });
      expect((await evaluateWith('d3')).status).toBe(200);
      expect(cache()).toEqual({ drafts: 2, compiles: 5 });
      expect((await evaluateWith('d4')).status).toBe(200);
      expect(cache()).toEqual({ drafts: 2, compiles: 6 });
    });

    it('answers 503 "service busy" when the worker is busy and no task may wait', async () => {
      // The validation is handed to the one worker (piscina's run) before the batch is sent: a fixed
      // delay from the request was once too short on a slow turn (the batch was answered 200).
      const piscina = (
        pool as unknown as { pool: { run: (task: { kind: string }, options: unknown) => unknown } }
      ).pool;
      const run = piscina.run.bind(piscina);
      let dispatched!: () => void;
      const validating = new Promise<void>((resolve) => (dispatched = resolve));
      piscina.run = (task, options) => {
        const result = run(task, options);
        if (task.kind === 'validate') dispatched();
        return result;
      };
      let first: Awaited<ReturnType<typeof service.http.post>>;
      let second: Awaited<ReturnType<typeof service.http.post>>;
      try {
        [first, second] = await Promise.all([
          service.http.post(`${BASE}/versions/busy/validate`).set('Authorization', bearer()),
          // Validating the large draft keeps the worker busy for hundreds of milliseconds.
          validating.then(() =>
            service.http
              .post(`${BASE}/evaluate/batch`)
              .set('Authorization', bearer())
              .send({ asOf: '2019-06-30', households: [HOUSEHOLD] }),
          ),
        ]);
      } finally {
        piscina.run = run;
      }
      expect(first.status).toBe(200);
      const problem = expectProblem(second, 503);
      expect(problem.type).toMatch(/\/service-busy$/);
      expect(problem.detail).toMatch(/busy/);
      // Once the worker is free, the same request is answered.
      const again = await service.http
        .post(`${BASE}/evaluate/batch`)
        .set('Authorization', bearer())
        .send({ asOf: '2019-06-30', households: [HOUSEHOLD] });
      expect(again.status).toBe(200);
    });
  });

  describe('WORKER_TASK_TIMEOUT_MS 1', () => {
    let service: TestService;

    beforeAll(async () => {
      service = await bootService({ WORKER_TASK_TIMEOUT_MS: '1' });
    });

    afterAll(async () => {
      await service?.close();
    });

    it('answers 503 naming the work that took too long, not 500, and keeps serving', async () => {
      const bearer = `Bearer ${service.adminToken}`;
      const validate = await service.http.post(`${BASE}/versions/2020/validate`).set('Authorization', bearer);
      const validateProblem = expectProblem(validate, 503);
      expect(validateProblem.type).toMatch(/\/task-timeout$/);
      expect(validateProblem.detail).toMatch(/^Validating version 2020 took longer than 1 ms/);

      const batch = await service.http
        .post(`${BASE}/evaluate/batch`)
        .set('Authorization', bearer)
        .send({ asOf: '2019-06-30', households: [HOUSEHOLD, HOUSEHOLD] });
      const batchProblem = expectProblem(batch, 503);
      expect(batchProblem.detail).toMatch(/^Evaluating 2 households with version 2019 took longer than 1 ms/);

      // The main thread still serves: health, and a single household under a published version.
      expect((await service.http.get('/api/health')).status).toBe(200);
      const single = await service.http
        .post(`${BASE}/evaluate`)
        .set('Authorization', bearer)
        .send({ asOf: '2019-06-30', household: HOUSEHOLD });
      expect(single.status).toBe(200);
    });
  });
});
