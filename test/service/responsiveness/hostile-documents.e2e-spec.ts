/**
 * Hostile drafts, one per kind of content that once stalled, crashed or bloated the service
 * (test/support/hostile-documents.ts): each is saved, validated, submitted and evaluated with, while
 * `GET /api/health` is asked every few milliseconds from another thread. None may answer 500, carry Infinity or NaN or a
 * huge numeral, or keep the health check waiting; the audit stays small and memory comes back.
 *
 * The limits asserted here are the issue's guarantees for other users of the service (health within
 * 100 ms during any request; no request of a single hostile document taking more than a few
 * seconds), measured per request; throughput figures live in `npm run bench`.
 */
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Response } from 'supertest';
import type { RulesetVersion } from '../../../api/src/engine/schema/ruleset.schema';
import { bootService, type TestService } from '../../support/app';
import { requestDuringHealthProbe } from '../../support/health-probe';
import { HOSTILE_DOCUMENTS, toStringFactDocument } from '../../support/hostile-documents';
import { bearer, expectNoStackTrace, expectProblem } from '../../support/problem-responses';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;
/** The longest a health check may wait while a hostile request runs (the issue's guarantee). */
const HEALTH_BUDGET_MS = 100;
/** The longest one request about one hostile document may take ("a few seconds"). */
const REQUEST_BUDGET_MS = 5000;

const HOUSEHOLD = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '1200',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1948-03-15' }],
};

interface Timed {
  response: Response;
  elapsedMs: number;
  healthMs: number[];
}

/**
 * A health check is one sample on a shared two-core machine: a garbage collection or another process
 * can delay one by a few tens of milliseconds. A timing test that fails is run again (at most twice);
 * a real stall (the seconds these suites were written against) fails every attempt.
 */
jest.retryTimes(2, { logErrorsBeforeRetry: true });

describe('hostile documents: nothing an editor can save stalls, crashes or bloats the service', () => {
  let service: TestService;
  let token: string;
  let origin: string;
  let attempts = 0;
  const timings: { what: string; elapsedMs: number; worstHealthMs: number }[] = [];

  /**
   * Sends one request while a probe on its own thread (test/support/health-probe.ts) asks for health
   * every few milliseconds; returns the response and the latency of every health check that
   * overlapped it. The body is written before the probe starts, so the test's own work is not counted.
   */
  async function whileProbingHealth(
    what: string,
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Timed> {
    const run = await requestDuringHealthProbe(origin, 5, path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const healthMs = run.during.map((sample) => (sample.status === 200 ? sample.ms : Infinity));
    const response = {
      status: run.status,
      text: run.text,
      headers: { 'content-type': run.contentType },
      body: run.text ? (JSON.parse(run.text) as unknown) : undefined,
    } as unknown as Response;
    const elapsedMs = run.elapsedMs;
    timings.push({ what, elapsedMs, worstHealthMs: Math.max(0, ...healthMs) });
    expect(response.status).toBeLessThan(500);
    expectNoStackTrace(response);
    expect(response.text).not.toMatch(/Infinity|NaN|native code|[0-9]{200}/);
    return { response, elapsedMs, healthMs };
  }

  function expectServiceUnhindered(what: string, timed: Timed): void {
    expect({ what, slowerThanBudget: timed.elapsedMs > REQUEST_BUDGET_MS }).toEqual({
      what,
      slowerThanBudget: false,
    });
    const slowHealth = timed.healthMs.filter((ms) => ms > HEALTH_BUDGET_MS);
    expect({ what, slowHealth }).toEqual({ what, slowHealth: [] });
  }

  async function draft(label: string): Promise<string> {
    const created = await service.http
      .post(VERSIONS)
      .set(bearer(token))
      .send({ version: label, basedOn: '2020', effectiveFrom: '2020-01-01' });
    expect(created.status).toBe(201);
    return created.headers['etag'] as string;
  }

  const put = (label: string, etag: string, document: RulesetVersion): Promise<Timed> =>
    whileProbingHealth(`${label} PUT`, 'PUT', `${VERSIONS}/${label}`, document, { 'if-match': etag });
  const post = (what: string, path: string, body: object = {}): Promise<Timed> =>
    whileProbingHealth(what, 'POST', path, body);

  beforeAll(async () => {
    service = await bootService();
    token = service.adminToken;
    await service.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // The figures behind the guarantees, for whoever reads the CI log.
    process.stdout.write(
      `hostile documents (ms): ${timings.map((t) => `${t.what}: ${t.elapsedMs.toFixed(0)} (health ≤ ${t.worstHealthMs.toFixed(0)})`).join('; ')}\n`,
    );
    await service?.close();
  });

  HOSTILE_DOCUMENTS.forEach((hostile, index) => {
    it(`${hostile.name}: ${hostile.outcome.put === 'refused' ? 'refused when saved' : 'saved, then reported by validate'}`, async () => {
      // A label of its own for each attempt (see jest.retryTimes above).
      const label = `hostile-${index}-${++attempts}`;
      const etag = await draft(label);
      const document = hostile.build(label);

      const saved = await put(label, etag, document);
      expectServiceUnhindered(`${hostile.name}: PUT`, saved);
      if (hostile.outcome.put === 'refused') {
        const problem = expectProblem(saved.response, 422);
        for (const path of hostile.outcome.paths)
          expect(problem.errors?.map((e) => e.path)).toContainEqual(expect.stringMatching(path));
        return;
      }
      expect(saved.response.status).toBe(200);

      const validated = await post(`${label} validate`, `${VERSIONS}/${label}/validate`);
      expectServiceUnhindered(`${hostile.name}: validate`, validated);
      expect(validated.response.status).toBe(200);
      const report = validated.response.body as {
        valid: boolean;
        errors: { path: string; message: string }[];
      };
      expect(report.valid).toBe(false);
      for (const path of hostile.outcome.invalidAt)
        expect(report.errors.map((e) => e.path)).toContainEqual(expect.stringMatching(path));
      for (const message of hostile.outcome.messages ?? [])
        expect(report.errors.map((e) => e.message)).toContainEqual(expect.stringMatching(message));

      const submitted = await post(`${label} submit`, `${VERSIONS}/${label}/submit`);
      expectServiceUnhindered(`${hostile.name}: submit`, submitted);
      expectProblem(submitted.response, 422);

      const evaluated = await post(`${label} evaluate`, `/api/v1/rulesets/${KEY}/evaluate`, {
        asOf: '2020-07-15',
        version: label,
        household: HOUSEHOLD,
      });
      expectServiceUnhindered(`${hostile.name}: evaluate`, evaluated);
      expectProblem(evaluated.response, 422);

      const audit = await whileProbingHealth(
        `${label} audit`,
        'GET',
        `/api/v1/audit?ruleset=${KEY}&version=${encodeURIComponent(label)}`,
      );
      expectServiceUnhindered(`${hostile.name}: audit`, audit);
      expect(audit.response.status).toBe(200);
      expect(audit.response.text.length).toBeLessThan(256 * 1024);
    });
  });

  it('a fact named toString works like any other fact, or validation refuses it: never every household 422', async () => {
    const label = `hostile-tostring-${++attempts}`;
    const etag = await draft(label);
    const saved = await put(label, etag, toStringFactDocument(label));
    expect([200, 422]).toContain(saved.response.status);
    if (saved.response.status === 422) return;
    const validated = await post(`${label} validate`, `${VERSIONS}/${label}/validate`);
    const report = validated.response.body as { valid: boolean; errors: { path: string }[] };
    if (!report.valid) {
      expect(report.errors.map((e) => e.path)).toContainEqual(
        expect.stringMatching(/^\/facts\/household\/\d+/),
      );
      return;
    }
    const evaluated = await post(`${label} evaluate`, `/api/v1/rulesets/${KEY}/evaluate`, {
      asOf: '2020-07-15',
      version: label,
      household: HOUSEHOLD,
    });
    expect(evaluated.response.status).toBe(200);
  });

  it('gives memory back: the main thread holds no more than before, give or take 64 MB', async () => {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    attempts++;
    for (let round = 0; round < 3; round++) {
      for (const [index, hostile] of HOSTILE_DOCUMENTS.entries()) {
        const label = `again-${attempts}-${round}-${index}`;
        const etag = await draft(label);
        const edit = await service.http
          .put(`${VERSIONS}/${label}`)
          .set(bearer(token))
          .set('If-Match', etag)
          .send(hostile.build(label));
        expect(edit.status).toBeLessThan(500);
        await service.http.post(`${VERSIONS}/${label}/validate`).set(bearer(token));
        await service.http
          .post(`/api/v1/rulesets/${KEY}/evaluate`)
          .set(bearer(token))
          .send({ asOf: '2020-07-15', version: label, household: HOUSEHOLD });
      }
    }
    collectGarbage();
    const growthMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    expect(growthMb).toBeLessThan(64);
  });
});
