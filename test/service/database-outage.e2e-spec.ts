/**
 * The database goes away and comes back (docs/api.md, `GET /api/health`: "database: down (still 200)
 * when the database is unreachable but published rulesets are served from memory").
 *
 * On PostgreSQL the service talks to its server through a TCP proxy of our own
 * (test/support/tcp-proxy.ts). Cutting the proxy drops every connection and refuses new ones:
 * health must say `down`, evaluation of published versions must go on from memory for callers
 * authenticated before the outage, routes that need the database must answer a problem quickly
 * (no hang, no crash), and once the proxy lets traffic through again the service must reconnect by
 * itself.
 *
 * An embedded PGlite database cannot be cut from outside the process, so without DATABASE_URL this
 * suite only checks that the service on PGlite reports its database up.
 */
import fc from 'fast-check';
import type { Response, Test } from 'supertest';

import { type ReferenceHousehold, referenceDetermination } from '../reference/shiyan-reference';
import { shippedAmounts } from '../support/shipped-rulesets';
import { ADMIN_PASSWORD, bootService, createOfficial, type TestService } from '../support/app';
import { householdArbitrary } from '../support/household-arbitrary';
import { problemViolations } from '../support/problem-details';
import { databaseAddress, startTcpProxy, type TcpProxy, throughProxy } from '../support/tcp-proxy';

const RULESET = 'shiyan-social-assistance';
const BASE = `/api/v1/rulesets/${RULESET}`;
const DATABASE_URL = process.env['DATABASE_URL'] || null;
/** A route that needs the database must answer within this, database or not. */
const ANSWER_WITHIN_MS = 15_000;

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes; returns the time taken. */
async function within(timeoutMs: number, intervalMs: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`still not so after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

if (!DATABASE_URL) {
  describe('database outage: needs PostgreSQL (DATABASE_URL); on PGlite only the health report is checked', () => {
    it('the outage cannot be simulated on embedded PGlite; the service on PGlite reports its database up', async () => {
      const service = await bootService({}, { databaseUrl: null });
      try {
        expect(service.database).toBe('pglite');
        const health = await service.http.get('/api/health');
        expect({ status: health.status, body: health.body as unknown }).toEqual({
          status: 200,
          body: { status: 'ok', database: 'up' },
        });
      } finally {
        await service.close();
      }
    });
  });
} else {
  describe('a PostgreSQL outage (through a TCP proxy that is cut and restored)', () => {
    const serverUrl = DATABASE_URL;
    let proxy: TcpProxy;
    let service: TestService;
    /** A caseworker system's API key, created before the outage. */
    let apiKey: string;
    /** A caseworker's access token, issued before the outage. */
    let accessToken: string;
    const asOf = '2019-06-30';
    const jurisdiction = '420325';
    let parameters: Record<string, string>;
    let households: ReferenceHousehold[];
    /** What each database route answered during the outage, for the report. */
    const duringOutage: { route: string; status: number; ms: number; type?: string }[] = [];
    const duringStall: { route: string; status: number; ms: number }[] = [];

    const bearer = (token: string): { Authorization: string } => ({ Authorization: `Bearer ${token}` });
    const health = async (): Promise<{ status: number; body: unknown }> => {
      const response = await service.http.get('/api/health').timeout(ANSWER_WITHIN_MS);
      return { status: response.status, body: response.body as unknown };
    };
    /** Lets traffic through again, waits (up to 30 s) for health to say up, and lists the versions. */
    const restoreAndListVersions = async (): Promise<string[]> => {
      proxy.restore();
      const ms = await within(30_000, 250, async () => {
        const h = await health();
        return JSON.stringify(h.body) === JSON.stringify({ status: 'ok', database: 'up' });
      });
      expect(ms).toBeLessThan(30_000);
      const versions = await service.http.get(`${BASE}/versions`).set(bearer(service.adminToken));
      expect(versions.status).toBe(200);
      return (versions.body as { version: string }[]).map((v) => v.version);
    };

    beforeAll(async () => {
      // The proxy must be up first: bootService creates its scratch database through the URL it is given.
      proxy = await startTcpProxy(databaseAddress(serverUrl));
      // Refresh the in-force index every second, so that the outage sees refreshes fail.
      service = await bootService({ REFRESH_SECONDS: '1' }, { databaseUrl: throughProxy(serverUrl, proxy) });
      expect(service.database).toBe('postgres');
      expect(new URL(service.databaseUrl ?? '').port).toBe(String(proxy.port));

      const key = await service.http
        .post('/api/v1/api-keys')
        .set(bearer(service.adminToken))
        .send({ name: 'outage case system', roles: ['caseworker'] });
      expect(key.status).toBe(201);
      apiKey = (key.body as { key: string }).key;
      accessToken = await createOfficial(service, 'outage.caseworker', ['caseworker']);

      const answer = await service.http
        .get(`${BASE}/parameters`)
        .query({ asOf, jurisdiction })
        .set(bearer(apiKey));
      expect(answer.status).toBe(200);
      parameters = (answer.body as { parameters: Record<string, string> }).parameters;
      households = fc.sample(
        householdArbitrary({
          jurisdictions: [jurisdiction],
          asOf,
          standards: {
            rural: parameters['dibao.standard.rural'] as string,
            urban: parameters['dibao.standard.urban'] as string,
          },
        }),
        { seed: 20170225, numRuns: 20 },
      );
    });

    afterAll(async () => {
      proxy?.restore(); // the scratch database is dropped through the proxy
      await service?.close();
      await proxy?.close();
    });

    /** Evaluates the sample households one by one and as a batch, and checks them against the reference. */
    async function evaluationAnswers(token: string): Promise<void> {
      const expected = households.map((h) =>
        referenceDetermination(h, asOf, parameters, shippedAmounts('2019')),
      );
      const project = (d: {
        benefits: { code: string; memberId: string | null; period: string; amount: string }[];
        totals: object;
      }) => ({
        benefits: d.benefits.map(({ code, memberId, period, amount }) => ({
          code,
          memberId,
          period,
          amount,
        })),
        totals: d.totals,
      });
      for (const [i, household] of households.slice(0, 5).entries()) {
        const one = await service.http.post(`${BASE}/evaluate`).set(bearer(token)).send({ asOf, household });
        expect(one.status).toBe(200);
        expect(project(one.body as Parameters<typeof project>[0])).toEqual(expected[i]);
      }
      const batch = await service.http
        .post(`${BASE}/evaluate/batch`)
        .set(bearer(token))
        .send({ asOf, households });
      expect(batch.status).toBe(200);
      expect((batch.body as { results: Parameters<typeof project>[0][] }).results.map(project)).toEqual(
        expected,
      );
      const answer = await service.http
        .get(`${BASE}/parameters`)
        .query({ asOf, jurisdiction })
        .set(bearer(token));
      expect(answer.status).toBe(200);
      expect((answer.body as { parameters: unknown }).parameters).toEqual(parameters);
    }

    it('before the outage: the database is up and evaluation works', async () => {
      expect(await health()).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });
      await evaluationAnswers(apiKey);
      expect(proxy.forwarded).toBeGreaterThan(0);
    });

    it('when the database goes away, health answers 200 with database "down" within a few seconds', async () => {
      proxy.cut();
      const ms = await within(5_000, 100, async () => {
        const h = await health();
        return (
          h.status === 200 && JSON.stringify(h.body) === JSON.stringify({ status: 'ok', database: 'down' })
        );
      });
      expect(ms).toBeLessThan(5_000);
    });

    it('during the outage, published versions are evaluated from memory for an API key and an access token issued before it', async () => {
      // Let the once-a-second refresh of the in-force index fail a few times first.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(proxy.refused).toBeGreaterThan(0);
      await evaluationAnswers(apiKey);
      await evaluationAnswers(accessToken);
      await evaluationAnswers(service.adminToken);
      // The rulesets list falls back to memory too.
      const rulesets = await service.http.get('/api/v1/rulesets').set(bearer(apiKey));
      expect(rulesets.status).toBe(200);
      expect((rulesets.body as { key: string }[]).map((r) => r.key)).toContain(RULESET);
    });

    it('during the outage, routes that need the database answer a problem quickly, without hanging or crashing', async () => {
      const admin = bearer(service.adminToken);
      const attempts: [string, () => Test][] = [
        ['GET versions', () => service.http.get(`${BASE}/versions`).set(admin)],
        ['GET version content', () => service.http.get(`${BASE}/versions/2019`).set(admin)],
        [
          'POST versions (create a draft)',
          () =>
            service.http
              .post(`${BASE}/versions`)
              .set(admin)
              .send({ version: 'outage-draft', basedOn: '2020', effectiveFrom: '2031-01-01' }),
        ],
        ['GET audit', () => service.http.get('/api/v1/audit').set(admin)],
        [
          'POST auth/login',
          () => service.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'x' }),
        ],
        [
          'POST api-keys',
          () =>
            service.http
              .post('/api/v1/api-keys')
              .set(admin)
              .send({ name: 'k', roles: ['caseworker'] }),
        ],
      ];
      for (const [route, attempt] of attempts) {
        const start = Date.now();
        const response = await attempt().timeout(ANSWER_WITHIN_MS + 5_000);
        const ms = Date.now() - start;
        const body = JSON.parse(response.text || '{}') as { type?: string };
        duringOutage.push({ route, status: response.status, ms, ...(body.type ? { type: body.type } : {}) });
        expect({ route, violations: problemViolations(response) }).toEqual({ route, violations: [] });
        // A server-side failure, not a blame on the caller, and not a hang.
        expect({ route, serverSide: response.status >= 500 }).toEqual({ route, serverSide: true });
        expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
      }
      // Still alive.
      expect((await health()).status).toBe(200);
    });

    // The contract's "503 or similar": a database that cannot be reached is the service's trouble,
    // not an internal error.
    it('when the database refused connections, those routes answered 503, not 500', () => {
      expect(duringOutage.length).toBeGreaterThan(0);
      expect(duringOutage.filter((a) => a.status !== 503)).toEqual([]);
    });

    it('when the database comes back, the service reconnects by itself: health says up and database routes work', async () => {
      const labels = await restoreAndListVersions();
      expect(labels).toContain('2019');
      // Nothing was half-written during the outage: the draft attempted then does not exist.
      expect(labels).not.toContain('outage-draft');
      const draft = await service.http
        .post(`${BASE}/versions`)
        .set(bearer(service.adminToken))
        .send({ version: 'after-outage', basedOn: '2020', effectiveFrom: '2031-01-01' });
      expect(draft.status).toBe(201);
      await service.login('admin', ADMIN_PASSWORD);
      await evaluationAnswers(accessToken);
    });

    describe('then the network stalls: connections stay open but nothing answers', () => {
      it('health says "down" within a few seconds, evaluation goes on, and database routes answer within about 15 s', async () => {
        proxy.stall();
        const admin = bearer(service.adminToken);
        // Sent at once, so that some of them wait on connections that were open when the network stalled.
        const timed = (
          route: string,
          test: Test,
        ): Promise<{ route: string; ms: number; response: Response }> => {
          const start = Date.now();
          return test
            .timeout(ANSWER_WITHIN_MS + 10_000)
            .then((response) => ({ route, ms: Date.now() - start, response }));
        };
        const pending = Promise.all([
          timed('GET versions', service.http.get(`${BASE}/versions`).set(admin)),
          timed('GET audit', service.http.get('/api/v1/audit').set(admin)),
          timed('GET version content', service.http.get(`${BASE}/versions/2019`).set(admin)),
          timed(
            'POST versions (create a draft)',
            service.http
              .post(`${BASE}/versions`)
              .set(admin)
              .send({ version: 'stall-draft', basedOn: '2020', effectiveFrom: '2032-01-01' }),
          ),
        ]);
        const downIn = await within(8_000, 100, async () => {
          const h = await health();
          return JSON.stringify(h.body) === JSON.stringify({ status: 'ok', database: 'down' });
        });
        expect(downIn).toBeLessThan(8_000);
        await evaluationAnswers(apiKey);
        for (const { route, ms, response } of await pending) {
          duringStall.push({ route, status: response.status, ms });
          expect({
            route,
            violations: problemViolations(response),
            serverSide: response.status >= 500,
          }).toEqual({
            route,
            violations: [],
            serverSide: true,
          });
          // query_timeout is 15 s: "about 15 s", never more.
          expect({ route, ms: Math.min(ms, ANSWER_WITHIN_MS + 1_000) }).toEqual({ route, ms });
        }
      });

      it('when the network stalled, those routes answered 503 too, including a query that timed out', () => {
        expect(duringStall.length).toBeGreaterThan(0);
        expect(duringStall.filter((a) => a.status !== 503)).toEqual([]);
      });

      it('when the network heals, the service reconnects by itself', async () => {
        // The draft attempted during the stall was not written.
        expect(await restoreAndListVersions()).not.toContain('stall-draft');
      });
    });
  });
}
