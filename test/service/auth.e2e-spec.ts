/**
 * Who may call what: every route of docs/api.md and of the OpenAPI document refuses a missing or bad
 * token (401) and a token without the role (403); login, its rate limit and the bootstrap admin;
 * security headers, body limits and problem details without stack traces.
 */
import { stripVTControlCharacters } from 'node:util';
import type { Response } from 'supertest';
import { issueAccessToken } from '../../api/src/auth/access-tokens';
import { ROLES, type Role } from '../../api/src/auth/roles';
import { ADMIN_PASSWORD, bootService, createOfficial, type TestService } from '../support/app';
import { bootBareService, keptDatabase, type BareService, type KeptDatabase } from '../support/bare-service';
import { bearer, expectNoStackTrace, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const R = `/api/v1/rulesets/${KEY}`;
const TOKEN_SECRET = 'e2e-token-secret-that-is-long-enough-0123456789';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One route: the roles its controller declares (`@Roles`), the role docs/api.md's table names, and a
 * request that gets past the guard without changing anything (bad body, published version, unknown id).
 */
interface RouteCase {
  method: Method;
  /** The path as OpenAPI writes it, `{key}`-style. */
  template: string;
  path: string;
  declared: readonly Role[];
  apiMd: Role;
  body?: object;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** What the harmless request answers once past the guard. */
  passes: number;
  /**
   * The request ends the caller's sessions (logout): the role check signs in a throwaway official
   * holding the role instead of using the shared token.
   */
  endsSession?: true;
}

const EVERY_ROLE = ROLES;
const ROUTES: RouteCase[] = [
  {
    method: 'post',
    template: '/api/v1/users',
    path: '/api/v1/users',
    declared: ['admin'],
    apiMd: 'admin',
    body: {},
    passes: 400,
  },
  {
    method: 'post',
    template: '/api/v1/api-keys',
    path: '/api/v1/api-keys',
    declared: ['admin'],
    apiMd: 'admin',
    body: {},
    passes: 400,
  },
  // Revocable access: listing and changing users and keys is the admin's; passwords and sign-out
  // are every signed-in user's own (self), so every role passes the guard.
  {
    method: 'get',
    template: '/api/v1/users',
    path: '/api/v1/users',
    declared: ['admin'],
    apiMd: 'admin',
    passes: 200,
  },
  {
    method: 'patch',
    template: '/api/v1/users/{username}',
    path: '/api/v1/users/nobody',
    declared: ['admin'],
    apiMd: 'admin',
    body: {},
    passes: 422,
  },
  {
    method: 'post',
    template: '/api/v1/users/{username}/password',
    path: '/api/v1/users/nobody/password',
    declared: ['admin'],
    apiMd: 'admin',
    body: {},
    passes: 400,
  },
  {
    method: 'get',
    template: '/api/v1/api-keys',
    path: '/api/v1/api-keys',
    declared: ['admin'],
    apiMd: 'admin',
    passes: 200,
  },
  {
    method: 'delete',
    template: '/api/v1/api-keys/{id}',
    path: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000',
    declared: ['admin'],
    apiMd: 'admin',
    passes: 404,
  },
  {
    method: 'put',
    template: '/api/v1/auth/password',
    path: '/api/v1/auth/password',
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    body: {},
    passes: 400,
  },
  {
    method: 'get',
    template: '/api/v1/auth/me',
    path: '/api/v1/auth/me',
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  {
    method: 'post',
    template: '/api/v1/auth/logout',
    path: '/api/v1/auth/logout',
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 204,
    endsSession: true,
  },
  {
    method: 'get',
    template: '/api/v1/rulesets',
    path: '/api/v1/rulesets',
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  {
    method: 'get',
    template: '/api/v1/rulesets/{key}/versions',
    path: `${R}/versions`,
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  {
    method: 'get',
    template: '/api/v1/rulesets/{key}/versions/{version}',
    path: `${R}/versions/2020`,
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions',
    path: `${R}/versions`,
    declared: ['editor'],
    apiMd: 'editor',
    body: {},
    passes: 400,
  },
  {
    method: 'put',
    template: '/api/v1/rulesets/{key}/versions/{version}',
    path: `${R}/versions/2020`,
    declared: ['editor'],
    apiMd: 'editor',
    body: {},
    headers: { 'If-Match': '"x"' },
    passes: 409,
  },
  // Accepting a draft's new test results is an edit like PUT.
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/tests/accept',
    path: `${R}/versions/2020/tests/accept`,
    declared: ['editor'],
    apiMd: 'editor',
    body: {},
    headers: { 'If-Match': '"x"' },
    passes: 400,
  },
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/validate',
    path: `${R}/versions/2020/validate`,
    declared: ['editor'],
    apiMd: 'editor',
    passes: 200,
  },
  // Checking content unsaved is for editors; any status may be checked, but not another ruleset's content.
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/check',
    path: `${R}/versions/2020/check`,
    declared: ['editor'],
    apiMd: 'editor',
    body: {},
    passes: 422,
  },
  // Whoever may read a version may read its parameters and compare it.
  {
    method: 'get',
    template: '/api/v1/rulesets/{key}/versions/{version}/parameters',
    path: `${R}/versions/2020/parameters`,
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  {
    method: 'get',
    template: '/api/v1/rulesets/{key}/diff',
    path: `${R}/diff`,
    query: { from: '2019', to: '2020' },
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  // Running the embedded tests is read-only, for those who prepare, review or measure versions.
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/tests/run',
    path: `${R}/versions/2020/tests/run`,
    declared: ['editor', 'approver', 'analyst'],
    apiMd: 'editor',
    passes: 200,
  },
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/submit',
    path: `${R}/versions/2020/submit`,
    declared: ['editor'],
    apiMd: 'editor',
    passes: 409,
  },
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/publish',
    path: `${R}/versions/2020/publish`,
    declared: ['approver'],
    apiMd: 'approver',
    passes: 409,
  },
  // docs/api.md: approvers publish and withdraw.
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/withdraw',
    path: `${R}/versions/2020/withdraw`,
    declared: ['approver'],
    apiMd: 'approver',
    body: {},
    passes: 400,
  },
  // A route of its own: the editors who prepared a version in review, or an approver reviewing it,
  // return it to draft for more edits.
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/versions/{version}/return',
    path: `${R}/versions/2020/return`,
    declared: ['editor', 'approver'],
    apiMd: 'approver',
    body: {},
    passes: 400,
  },
  {
    method: 'get',
    template: '/api/v1/rulesets/{key}/parameters',
    path: `${R}/parameters`,
    query: { asOf: '2020-06-30', jurisdiction: '420325' },
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    passes: 200,
  },
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/evaluate',
    path: `${R}/evaluate`,
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    body: {},
    passes: 400,
  },
  {
    method: 'post',
    template: '/api/v1/rulesets/{key}/evaluate/batch',
    path: `${R}/evaluate/batch`,
    declared: EVERY_ROLE,
    apiMd: 'caseworker',
    body: {},
    passes: 400,
  },
  {
    method: 'get',
    template: '/api/v1/audit',
    path: '/api/v1/audit',
    declared: ['admin', 'approver'],
    apiMd: 'admin',
    passes: 200,
  },
];

/** docs/api.md's simulation routes, which the service does not have yet (see the simulation issue). */
const SIMULATION_ROUTES: RouteCase[] = [
  {
    method: 'post',
    template: '/api/v1/simulations',
    path: '/api/v1/simulations',
    declared: ['analyst'],
    apiMd: 'analyst',
    body: {},
    passes: 400,
  },
  {
    method: 'get',
    template: '/api/v1/simulations/{id}',
    path: '/api/v1/simulations/00000000-0000-4000-8000-000000000000',
    declared: ['analyst'],
    apiMd: 'analyst',
    passes: 404,
  },
];

const PUBLIC_ROUTES = [
  { method: 'get', template: '/api/health' },
  { method: 'post', template: '/api/v1/auth/login' },
] as const;

const describeRoute = (r: { method: string; template: string }): string =>
  `${r.method.toUpperCase()} ${r.template}`;

interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method | 'delete' | 'patch', object>>>;
}

describe(`authentication and authorisation (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  /** A token holding exactly one role, for each role. */
  const only = new Map<Role, string>();
  let editorToken: string;

  const send = (route: RouteCase, token?: string, path = route.path): Promise<Response> => {
    let req = service.http[route.method](path);
    if (token) req = req.set(bearer(token));
    if (route.headers) req = req.set(route.headers);
    if (route.query) req = req.query(route.query);
    return route.body ? req.send(route.body) : req;
  };

  beforeAll(async () => {
    service = await bootService({ TOKEN_SECRET });
    for (const role of ['admin', 'editor', 'approver', 'analyst'] as const)
      only.set(role, await createOfficial(service, `only-${role}`, [role]));
    const key = await service.http
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: 'case system', roles: ['caseworker'] });
    expect(key.status).toBe(201);
    only.set('caseworker', (key.body as { key: string }).key);
    editorToken = only.get('editor') as string;
  });
  afterAll(async () => {
    await service?.close();
  });

  it('health and login need no token', async () => {
    const health = await service.http.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up' });
    const login = await service.http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({ accessToken: expect.stringMatching(/^at\./), expiresIn: 3600 });
  });

  it.each(ROUTES.map((r) => [describeRoute(r), r] as const))(
    '%s without a token → 401 problem',
    async (_, route) => {
      const problem = expectProblem(await send(route), 401);
      expect(problem.type).toMatch(/unauthenticated$/);
    },
  );

  it.each(ROUTES.map((r) => [describeRoute(r), r] as const))(
    '%s with each role it does not declare → 403; with its docs/api.md role the guard lets it through',
    async (_, route) => {
      expect(route.declared).toContain(route.apiMd);
      for (const role of ROLES) {
        const token = route.endsSession
          ? await createOfficial(service, `session-${role}-${route.method}`, [role])
          : only.get(role);
        const response = await send(route, token);
        if (route.declared.includes(role)) {
          expect([role, response.status]).toEqual([role, route.passes]);
        } else {
          const problem = expectProblem(response, 403);
          expect(problem.type).toMatch(/forbidden$/);
        }
      }
    },
  );

  it.failing.each(SIMULATION_ROUTES.map((r) => [describeRoute(r), r] as const))(
    '%s (docs/api.md; not built yet, so this fails: make it a plain `it` with the simulation issue) → 401/403/analyst',
    async (_, route) => {
      expectProblem(await send(route), 401);
      expectProblem(await send(route, only.get('caseworker')), 403);
      expect((await send(route, only.get('analyst'))).status).toBe(route.passes);
    },
  );

  it('every operation of GET /api/docs-json needs a token, except health and login', async () => {
    const docs = await service.http.get('/api/docs-json');
    expect(docs.status).toBe(200);
    const document = docs.body as OpenApiDocument;
    const operations = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.keys(item).map((method) => ({ method: method as Method, template })),
    );
    const known = new Set([...ROUTES, ...PUBLIC_ROUTES].map(describeRoute));
    // A new route must be added to ROUTES above, with its roles.
    expect(operations.map(describeRoute).filter((o) => !known.has(o))).toEqual([]);
    for (const op of operations) {
      const path = op.template
        .replace('{key}', KEY)
        .replace('{version}', '2020')
        .replace('{id}', '00000000-0000-4000-8000-000000000000')
        .replace('{username}', 'nobody');
      const response = await service.http[op.method](path);
      if (PUBLIC_ROUTES.some((p) => describeRoute(p) === describeRoute(op))) {
        expect([describeRoute(op), response.status]).not.toEqual([describeRoute(op), 401]);
      } else {
        expect([describeRoute(op), response.status]).toEqual([describeRoute(op), 401]);
        expectProblem(response, 401);
      }
    }
  });

  it('drafts are not for caseworkers, even through a published-version route; analysts may read and evaluate them', async () => {
    const created = await service.http
      .post(`${R}/versions`)
      .set(bearer(editorToken))
      .send({ version: '2099', basedOn: '2020', effectiveFrom: '2099-01-01' });
    expect(created.status).toBe(201);
    const evaluate = (role: 'caseworker' | 'analyst'): Promise<Response> =>
      service.http
        .post(`${R}/evaluate`)
        .set(bearer(only.get(role) as string))
        .send({ asOf: '2099-06-30', version: '2099', household: {} }) as unknown as Promise<Response>;
    const refused = expectProblem(
      await service.http.get(`${R}/versions/2099`).set(bearer(only.get('caseworker') as string)),
      403,
    );
    expect(refused.detail).toBe(
      `Version 2099 of ${KEY} is draft: only editors, approvers and analysts may read it`,
    );
    // Analysts read the draft they evaluate: the whole document, with its ETag.
    const read = await service.http.get(`${R}/versions/2099`).set(bearer(only.get('analyst') as string));
    expect(read.status).toBe(200);
    expect((read.body as { metadata: { version: string } }).metadata.version).toBe('2099');
    expect(read.headers['etag']).toMatch(/^"sha256:/);
    expectProblem(await evaluate('caseworker'), 403);
    // Analysts measure drafts before publication: past the role check, this copied draft (its
    // embedded tests predate 2099) does not compile yet.
    expectProblem(await evaluate('analyst'), 422);
    expect((await service.http.get(`${R}/versions/2099`).set(bearer(editorToken))).status).toBe(200);
  });

  it('login: wrong password or unknown user → 401 problem; a malformed body → 400 naming the fields', async () => {
    for (const body of [
      { username: 'admin', password: 'not the password' },
      { username: 'nobody', password: 'whatever-password' },
    ]) {
      const problem = expectProblem(await service.http.post('/api/v1/auth/login').send(body), 401);
      expect(problem.detail).not.toMatch(/nobody|not the password/);
    }
    const malformed = expectProblem(await service.http.post('/api/v1/auth/login').send({ username: 5 }), 400);
    expect(malformed.errors?.map((e) => e.path).sort()).toEqual(
      expect.arrayContaining(['/password', '/username']),
    );
  });

  it('a garbage, forged, tampered, expired or unknown token → 401 problem', async () => {
    const editorPayload = editorToken.split('.')[1] as string;
    const adminPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(editorPayload, 'base64url').toString()),
        roles: [...ROLES],
      }),
    ).toString('base64url');
    const tokens = {
      garbage: 'garbage',
      'three parts': 'at.x.y',
      'no signature': `at.${editorPayload}.`,
      'signed with another secret': issueAccessToken(
        'another-secret-another-secret-another',
        'admin',
        [...ROLES],
        3600,
      ),
      'payload changed, signature kept': `at.${adminPayload}.${editorToken.split('.')[2] as string}`,
      expired: issueAccessToken(TOKEN_SECRET, 'admin', [...ROLES], 60, Date.now() - 2 * 3600_000),
      'unknown API key': `rk_${'A'.repeat(43)}`,
    };
    for (const [name, token] of Object.entries(tokens)) {
      const response = await service.http.get('/api/v1/rulesets').set(bearer(token));
      expect([name, response.status]).toEqual([name, 401]);
      expectProblem(response, 401);
    }
    for (const header of [`Basic ${Buffer.from('admin:x').toString('base64')}`, 'Bearer', editorToken]) {
      const response = await service.http.get('/api/v1/rulesets').set('Authorization', header);
      expectProblem(response, 401);
    }
    // The genuine token of the same secret still works.
    const fresh = issueAccessToken(TOKEN_SECRET, 'admin', ['caseworker'], 3600);
    expect((await service.http.get('/api/v1/rulesets').set(bearer(fresh))).status).toBe(200);
  });

  it('sends security headers and no x-powered-by, on answers and on errors', async () => {
    for (const response of [
      await service.http.get('/api/health'),
      await service.http.get('/api/v1/rulesets'),
      await service.http.get('/api/docs'),
      await service.http.get('/api/v1/no-such-route').set(bearer(service.adminToken)),
    ]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('a body over the limit → 413 problem; malformed JSON → 400 problem; unknown route → 404 problem', async () => {
    const big = JSON.stringify({ asOf: '2020-06-30', household: { note: 'x'.repeat(1_100_000) } });
    const tooLarge = await service.http
      .post(`${R}/evaluate`)
      .set(bearer(only.get('caseworker') as string))
      .set('Content-Type', 'application/json')
      .send(big);
    expect(expectProblem(tooLarge, 413).type).toMatch(/payload-too-large$/);
    const malformed = await service.http
      .post(`${R}/evaluate`)
      .set(bearer(only.get('caseworker') as string))
      .set('Content-Type', 'application/json')
      .send('{"asOf": "2020-06-30", household: ');
    expectProblem(malformed, 400);
    expectProblem(await service.http.get('/api/v1/no-such-route').set(bearer(service.adminToken)), 404);
  });

  it('no error the suite provokes carries a stack trace', async () => {
    const caseworker = only.get('caseworker') as string;
    const provoked = [
      await service.http
        .post(`${R}/evaluate`)
        .set(bearer(caseworker))
        .send({ asOf: '2020-02-30', household: [] }),
      await service.http
        .post(`${R}/evaluate`)
        .set(bearer(caseworker))
        .send({ asOf: '2020-06-30', household: { jurisdiction: '000000', members: [{ birthDate: 'x' }] } }),
      await service.http
        .post('/api/v1/rulesets/nope/evaluate')
        .set(bearer(caseworker))
        .send({ asOf: '2020-06-30', household: {} }),
      await service.http
        .post(`${R}/evaluate`)
        .set(bearer(caseworker))
        .send({ asOf: '1990-01-01', household: {} }),
      await service.http.get(`${R}/versions/nope`).set(bearer(caseworker)),
      await service.http
        .put(`${R}/versions/2099`)
        .set(bearer(editorToken))
        .set('If-Match', '"x"')
        .send([1, 2]),
      await service.http
        .put(`${R}/versions/2099`)
        .set(bearer(editorToken))
        .set('If-Match', '"x"')
        .send('"a string"'),
      await service.http
        .post(`${R}/evaluate/batch`)
        .set(bearer(caseworker))
        .send({ asOf: '2020-06-30', households: [null, 5] }),
    ];
    for (const response of provoked) {
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(500);
      expectNoStackTrace(response);
    }
  });
});

describe(`first start and the login rate limit (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: KeptDatabase;
  let service: BareService | null = null;
  const logged: string[] = [];

  /** Boots with logging on and without BOOTSTRAP_ADMIN_PASSWORD, keeping what the service prints. */
  const boot = async (): Promise<BareService> => {
    const capture = (chunk: string | Uint8Array): boolean => {
      logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    };
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    try {
      return await bootBareService(database, { LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  };
  /** Logs in as admin; `forwardedFor` is sent as X-Forwarded-For (not trusted: no TRUST_PROXY). */
  const login = (password: string, forwardedFor?: string) => {
    const request = (service as BareService).http.post('/api/v1/auth/login');
    if (forwardedFor) request.set('X-Forwarded-For', forwardedFor);
    return request.send({ username: 'admin', password });
  };

  beforeAll(async () => {
    database = await keptDatabase();
  });
  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  let password = '';

  it('without BOOTSTRAP_ADMIN_PASSWORD, creates "admin" with a random password logged once', async () => {
    service = await boot();
    // Nest colours its log lines: strip the ANSI escapes before reading the password.
    const lines = stripVTControlCharacters(logged.join(''))
      .split('\n')
      .filter((l) => /One-time password/.test(l));
    expect(lines).toHaveLength(1);
    password = /One-time password, shown only now: (\S+)/.exec(lines[0] as string)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(16);
  });

  // The per-address limit counts failed logins only (a successful one does not use it up), and
  // X-Forwarded-For is not believed unless TRUST_PROXY names the proxy: a client cannot dodge the
  // limit by making up addresses.
  it('the admin logs in with it; a wrong password is 401; after 3 failures in a minute from one address, the next attempt is 429', async () => {
    const first = await login(password);
    expect(first.status).toBe(200);
    const token = (first.body as { accessToken: string }).accessToken;
    const admin = await (service as BareService).http.get('/api/v1/audit').set(bearer(token));
    expect(admin.status).toBe(200);
    expect(admin.body as { action: string; details: { username?: string } }[]).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'user-created',
          details: expect.objectContaining({ username: 'admin' }),
        }),
      ]),
    );
    expectProblem(await login('wrong-password-1', '198.51.100.1'), 401);
    expectProblem(await login('wrong-password-2', '198.51.100.2'), 401);
    expectProblem(await login('wrong-password-3', '198.51.100.3'), 401);
    const response = await login(password, '198.51.100.4');
    const limited = expectProblem(response, 429);
    expect(limited.type).toMatch(/too-many-requests$/);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(response.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The limit is on login only: the rest of the API still answers.
    expect((await (service as BareService).http.get('/api/health')).status).toBe(200);
  });

  it('a restart on the same database creates no second admin and logs no new password', async () => {
    await (service as BareService).close();
    service = null;
    logged.length = 0;
    service = await boot();
    expect(logged.join('')).not.toMatch(/One-time password/);
    const again = await login(password);
    expect(again.status).toBe(200);
    const audit = await (service as BareService).http
      .get('/api/v1/audit')
      .set(bearer((again.body as { accessToken: string }).accessToken));
    const created = (audit.body as { action: string; details: { username?: string } }[]).filter(
      (e) => e.action === 'user-created' && e.details.username === 'admin',
    );
    expect(created).toHaveLength(1);
  });
});
