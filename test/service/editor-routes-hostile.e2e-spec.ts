/**
 * Hostile requests to the routes the editor uses, and to how the editor is served, that once got a
 * 500, held every other request, or weakened the Content-Security-Policy:
 * - a body of thousands of nested arrays overflowed the stack while its problem was written (500);
 * - a document padded with hundreds of thousands of array items held the event loop while its
 *   shape was checked (every item got a JSON Pointer written, problem or not);
 * - the editor was served with `script-src 'unsafe-inline'`, so markup slipped into a page could run.
 */
import type { AddressInfo } from 'node:net';
import { bootService, type TestService } from '../support/app';
import { requestDuringHealthProbe } from '../support/health-probe';
import { bearer, expectProblem } from '../support/problem-responses';
import { SHIYAN, readRepoText } from '../support/shipped-rulesets';

const R = `/api/v1/rulesets/${SHIYAN}`;
const VERSIONS = `${R}/versions`;
/**
 * The padded check held health for 1.0 to 1.2 s here (every item got a JSON Pointer written, twice);
 * now 0.1 to 0.3 s (parsing, copying to the workers, garbage collection): a budget between the two.
 */
const HEALTH_BUDGET_MS = 500;

/** A timing can be delayed by a garbage collection on a shared machine: retried at most twice. */
jest.retryTimes(2, { logErrorsBeforeRetry: true });

describe(`editor routes under hostile requests (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let origin: string;
  let editor: string;

  const shipped = (label: string): Record<string, unknown> => {
    const document = JSON.parse(readRepoText(`rulesets/${SHIYAN}/2020.json`)) as Record<string, unknown>;
    (document['metadata'] as { version: string }).version = label;
    return document;
  };
  const post = (path: string, text: string, language = 'en') =>
    service.http
      .post(path)
      .set(bearer(editor))
      .set('Content-Type', 'application/json')
      .set('Accept-Language', language)
      .send(text);

  beforeAll(async () => {
    service = await bootService();
    await service.app.listen(0, '127.0.0.1');
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    editor = service.adminToken;
    const created = await service.http
      .post(VERSIONS)
      .set(bearer(editor))
      .send({ version: '2021', basedOn: '2020', effectiveFrom: '2021-01-01' });
    expect(created.status).toBe(201);
    // Warm-up: the first check after boot pays one-time costs (see event-loop.e2e-spec.ts).
    expect((await post(`${VERSIONS}/2021/check`, JSON.stringify(shipped('2021')))).status).toBe(200);
  });
  afterAll(async () => {
    await service?.close();
  });

  it('answers a body of 10,000 nested arrays with one problem, never a 500, on every route', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    for (const path of [`${VERSIONS}/2021/check`, `${VERSIONS}/2021/tests/run`, '/api/v1/auth/login']) {
      const problem = expectProblem(await post(path, deep), 400);
      expect(problem.type).toMatch(/\/invalid-request$/);
      expect(problem.errors).toEqual([
        { path: '', message: 'the request body must be a JSON object (got […])' },
      ]);
    }
    const zh = expectProblem(await post(`${VERSIONS}/2021/check`, deep, 'zh-CN'), 400);
    expect(zh.errors).toEqual([{ path: '', message: '请求体必须是 JSON 对象(收到 […])' }]);
    // A long string body is named by its beginning only.
    const long = expectProblem(
      await post(`${VERSIONS}/2021/check`, JSON.stringify('x'.repeat(100_000))),
      400,
    );
    expect(long.errors?.[0]?.message).toBe(
      `the request body must be a JSON object (got "${'x'.repeat(36)}...)`,
    );
    // The bodies that still are objects are refused as before, each bad field named.
    const nested = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
    const inside = expectProblem(
      await post(`${VERSIONS}/2021/check`, `{"metadata":{"key":"${SHIYAN}"},"nested":${nested}}`),
      400,
    );
    expect(inside.errors).toEqual([
      {
        path: expect.stringMatching(/^\/nested(\/0)+$/) as unknown,
        message: expect.stringContaining('nested too deeply') as unknown,
      },
    ]);
  });

  it('checks a document padded with 300,000 array items without holding other requests', async () => {
    const document = shipped('2021');
    document['parameters'] = [
      ...Array.from({ length: 300_000 }, () => 0),
      ...(document['parameters'] as unknown[]),
    ];
    const run = await requestDuringHealthProbe(origin, 20, `${VERSIONS}/2021/check`, {
      method: 'POST',
      headers: { authorization: `Bearer ${editor}`, 'accept-language': 'en' },
      body: JSON.stringify(document),
    });
    expect(run.status).toBe(200);
    const body = JSON.parse(run.text) as { valid: boolean; errors: { path: string }[]; parameters: unknown };
    expect(body.valid).toBe(false);
    expect(body.parameters).toBeNull();
    expect(body.errors.slice(0, 2).map((e) => e.path)).toEqual(['/parameters/0', '/parameters/1']);
    const slowest = Math.max(...run.during.map((s) => s.ms));
    process.stdout.write(
      `padded check: ${Math.round(run.elapsedMs)} ms; slowest health ${slowest.toFixed(1)} ms\n`,
    );
    expect(run.during.length).toBeGreaterThanOrEqual(3);
    expect(run.during.filter((s) => s.status !== 200 || s.ms >= HEALTH_BUDGET_MS)).toEqual([]);
  });

  it('still names bad field names and text anywhere in a large body', async () => {
    const document = shipped('2021');
    const parameters = document['parameters'] as Record<string, unknown>[];
    (parameters[3] as Record<string, unknown>)['bad\u0000name'] = 1;
    (parameters[5] as { basis: string }).basis = 'x\ud800';
    document['padding'] = Array.from({ length: 50_000 }, (_, i) => ({ i }));
    const problem = expectProblem(await post(`${VERSIONS}/2021/check`, JSON.stringify(document)), 400);
    expect(problem.errors?.map((e) => e.path).sort()).toEqual([
      '/parameters/3/bad\u0000name',
      '/parameters/5/basis',
    ]);
    // Names Nest would strip are refused wherever they are, named by their full path.
    const proto = shipped('2021');
    const text = JSON.stringify(proto).replace(
      '"byJurisdiction"',
      '"constructor":{"prototype":1},"byJurisdiction"',
    );
    const stripped = expectProblem(await post(`${VERSIONS}/2021/check`, text), 400);
    expect(stripped.errors).toEqual([{ path: '/parameters/0/constructor', message: 'is not a known field' }]);
  });

  it('serves the editor and the API documents with no inline script allowed, on every answer', async () => {
    for (const path of [
      '/',
      '/rulesets/x/versions/2020/json',
      '/api/docs',
      '/api/health',
      '/assets/none.js',
    ]) {
      const response = await service.http.get(path);
      const csp = String(response.headers['content-security-policy']);
      const scripts = /(?:^|;)script-src ([^;]*)/.exec(csp)?.[1];
      expect({ path, scripts }).toEqual({ path, scripts: "'self'" });
      expect(csp).toContain("script-src-attr 'none'");
      expect(csp).toContain("object-src 'none'");
    }
    // Swagger UI starts from script files, so it works under that policy.
    const docs = await service.http.get('/api/docs');
    expect(docs.status).toBe(200);
    const inline = [...docs.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].filter(
      ([, attributes, code]) => !/\bsrc=/.test(attributes ?? '') && (code ?? '').trim() !== '',
    );
    expect(inline).toEqual([]);
  });
});
