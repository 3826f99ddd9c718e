/**
 * Checking content as it is edited (`POST …/check`) does its work on the engine workers: while a
 * large document is checked, and its every parameter in every jurisdiction is written into the
 * answer, the health check keeps answering within 100 ms, as it does while a large draft is saved.
 * Measured as in event-loop.e2e-spec.ts (a probe on its own thread, after one warm-up request).
 */
import type { AddressInfo } from 'node:net';
import { bootService, type TestService } from '../../support/app';
import { requestDuringHealthProbe } from '../../support/health-probe';
import { largeDraft } from '../../support/large-draft';

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;
const DATABASE = process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite';
const HEALTH_LIMIT_MS = 100;
const HEALTH_INTERVAL_MS = 20;

/** One health check can be delayed by a garbage collection on a shared machine: retried at most twice. */
jest.retryTimes(2, { logErrorsBeforeRetry: true });

describe(`the event loop stays free while large content is checked (${DATABASE})`, () => {
  let service: TestService;
  let origin: string;

  beforeAll(async () => {
    service = await bootService();
    await service.app.listen(0, '127.0.0.1');
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    const created = await service.http
      .post(VERSIONS)
      .set('Authorization', `Bearer ${service.adminToken}`)
      .send({ version: 'load-check', basedOn: '2020', effectiveFrom: '2020-01-01' });
    expect(created.status).toBe(201);
    // Warm-up: the first check after boot pays one-time costs (see event-loop.e2e-spec.ts).
    const warm = await service.http
      .post(`${VERSIONS}/load-check/check`)
      .set('Authorization', `Bearer ${service.adminToken}`)
      .send(largeDraft('load-check', 800, 'w'));
    expect(warm.status).toBe(200);
  });
  afterAll(async () => {
    await service?.close();
  });

  it('answers health within 100 ms while a large document is checked', async () => {
    const document = largeDraft('load-check', 800, 'c');
    const run = await requestDuringHealthProbe(origin, HEALTH_INTERVAL_MS, `${VERSIONS}/load-check/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.adminToken}` },
      body: JSON.stringify(document),
    });
    expect(run.status).toBe(200);
    const body = JSON.parse(run.text) as {
      valid: boolean;
      parameters: Record<string, Record<string, string>>;
    };
    expect(body.valid).toBe(true);
    // Every parameter, the 800 added ones included, in each of the ten jurisdictions.
    expect(Object.keys(body.parameters)).toHaveLength(document.jurisdictions.length);
    for (const values of Object.values(body.parameters))
      expect(Object.keys(values)).toHaveLength(document.parameters.length);
    const latencies = run.during.map((s) => s.ms);
    process.stdout.write(
      `${DATABASE}: check large content: ${Math.round(run.elapsedMs)} ms; ${latencies.length} health checks during it, slowest ${Math.max(...latencies).toFixed(1)} ms\n`,
    );
    expect(run.during.length).toBeGreaterThanOrEqual(3);
    expect(run.during.filter((s) => s.status !== 200 || s.ms >= HEALTH_LIMIT_MS)).toEqual([]);
  });
});
