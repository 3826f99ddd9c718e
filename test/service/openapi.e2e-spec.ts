/**
 * The published API description: GET /api/docs-json is an OpenAPI 3 document describing every
 * route of docs/api.md's table, with bearer security; Swagger UI at /api/docs is served entirely by the
 * service itself (an intranet cannot reach a CDN).
 */
import { bootService, type TestService } from '../support/app';

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';

interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: object }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: object }> }>;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: {
    schemas?: Record<string, object>;
    securitySchemes?: Record<string, { type: string; scheme?: string }>;
  };
  security?: Record<string, string[]>[];
}

/** docs/api.md's table: method, path, whether a token is needed, and the success status it names. */
const API_MD_ROUTES: { method: Method; path: string; token: boolean; success: string }[] = [
  { method: 'get', path: '/api/health', token: false, success: '200' },
  { method: 'post', path: '/api/v1/auth/login', token: false, success: '200' },
  { method: 'post', path: '/api/v1/api-keys', token: true, success: '201' },
  { method: 'get', path: '/api/v1/rulesets', token: true, success: '200' },
  { method: 'get', path: '/api/v1/rulesets/{key}/versions', token: true, success: '200' },
  { method: 'get', path: '/api/v1/rulesets/{key}/versions/{version}', token: true, success: '200' },
  { method: 'post', path: '/api/v1/rulesets/{key}/versions', token: true, success: '201' },
  { method: 'put', path: '/api/v1/rulesets/{key}/versions/{version}', token: true, success: '200' },
  { method: 'post', path: '/api/v1/rulesets/{key}/versions/{version}/validate', token: true, success: '200' },
  { method: 'post', path: '/api/v1/rulesets/{key}/versions/{version}/submit', token: true, success: '200' },
  { method: 'post', path: '/api/v1/rulesets/{key}/versions/{version}/publish', token: true, success: '200' },
  { method: 'get', path: '/api/v1/rulesets/{key}/parameters', token: true, success: '200' },
  { method: 'post', path: '/api/v1/rulesets/{key}/evaluate', token: true, success: '200' },
  { method: 'post', path: '/api/v1/rulesets/{key}/evaluate/batch', token: true, success: '200' },
  { method: 'post', path: '/api/v1/users', token: true, success: '201' },
  { method: 'get', path: '/api/v1/audit', token: true, success: '200' },
];

/** docs/api.md's simulation routes: the service does not have them yet (see the simulation issue). */
const SIMULATION_ROUTES: typeof API_MD_ROUTES = [
  { method: 'post', path: '/api/v1/simulations', token: true, success: '202' },
  { method: 'get', path: '/api/v1/simulations/{id}', token: true, success: '200' },
];

const name = (r: { method: string; path: string }): string => `${r.method.toUpperCase()} ${r.path}`;

/** Every `$ref` in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
}

describe(`the OpenAPI document and Swagger UI (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let document: OpenApiDocument;

  const operation = (r: { method: Method; path: string }): OperationObject | undefined =>
    document.paths[r.path]?.[r.method];

  /** Checks that the document describes route `r` as docs/api.md does. */
  const expectDescribed = (r: (typeof API_MD_ROUTES)[number]): void => {
    const op = operation(r);
    expect([name(r), op !== undefined]).toEqual([name(r), true]);
    if (!op) return;
    const pathParameters = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const p of pathParameters)
      expect(op.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: p, in: 'path', required: true })]),
      );
    expect([name(r), Object.keys(op.responses)]).toEqual([name(r), expect.arrayContaining([r.success])]);
    const bearerSchemes = Object.entries(document.components?.securitySchemes ?? {})
      .filter(([, s]) => s.type === 'http' && s.scheme?.toLowerCase() === 'bearer')
      .map(([id]) => id);
    const security = op.security ?? document.security ?? [];
    const needsBearer = security.some((requirement) => bearerSchemes.some((id) => id in requirement));
    expect([name(r), needsBearer]).toEqual([name(r), r.token]);
  };

  beforeAll(async () => {
    service = await bootService();
    const response = await service.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = response.body as OpenApiDocument;
  });
  afterAll(async () => {
    await service?.close();
  });

  it('is an OpenAPI 3 document with a bearer security scheme', () => {
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info.title).toEqual(expect.any(String));
    expect(Object.values(document.components?.securitySchemes ?? {})).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'http', scheme: 'bearer' })]),
    );
  });

  it.each(API_MD_ROUTES.map((r) => [name(r), r] as const))(
    'describes %s: {params} as path parameters, the success status, bearer security unless public',
    (_, route) => {
      expectDescribed(route);
    },
  );

  it.failing.each(SIMULATION_ROUTES.map((r) => [name(r), r] as const))(
    'describes %s (docs/api.md; not built yet, so this fails: make it a plain `it` with the simulation issue)',
    (_, route) => {
      expectDescribed(route);
    },
  );

  it('documents what callers must send: If-Match on PUT, asOf and jurisdiction on parameters, request bodies', () => {
    const put = operation({ method: 'put', path: '/api/v1/rulesets/{key}/versions/{version}' });
    expect(put?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header', required: true })]),
    );
    const parameters = operation({ method: 'get', path: '/api/v1/rulesets/{key}/parameters' });
    for (const q of ['asOf', 'jurisdiction'])
      expect(parameters?.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: q, in: 'query', required: true })]),
      );
    for (const r of API_MD_ROUTES.filter((x) => x.method === 'post' || x.method === 'put')) {
      const body = operation(r)?.requestBody;
      if (r.path.endsWith('/validate') || r.path.endsWith('/submit') || r.path.endsWith('/publish')) continue;
      expect([name(r), body?.content['application/json']?.schema !== undefined]).toEqual([name(r), true]);
    }
    const createVersion = operation({ method: 'post', path: '/api/v1/rulesets/{key}/versions' });
    const ref = refsIn(createVersion?.requestBody)[0] ?? '';
    const schema = document.components?.schemas?.[ref.replace('#/components/schemas/', '')] as
      { properties?: Record<string, object> } | undefined;
    expect(Object.keys(schema?.properties ?? {})).toEqual(
      expect.arrayContaining(['version', 'basedOn', 'effectiveFrom']),
    );
  });

  it.each(API_MD_ROUTES.filter((r) => r.token))(
    '$method $path documents its problems as problem details',
    (r) => {
      const responses = document.paths[r.path]?.[r.method]?.responses ?? {};
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(['401', '403']));
      const schema = responses['401']?.content?.['application/problem+json']?.schema as
        { $ref?: string } | undefined;
      expect(schema?.$ref).toBe('#/components/schemas/ProblemResponse');
      expect(Object.keys(responses).some((status) => status === '400' || status === '422')).toBe(true);
    },
  );

  it('every $ref resolves: local ones to components, the ruleset schema to a URL the service serves', async () => {
    const refs = [...new Set(refsIn(document.paths).concat(refsIn(document.components)))];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      if (ref.startsWith('#/components/schemas/')) {
        expect([
          ref,
          document.components?.schemas?.[ref.slice('#/components/schemas/'.length)] !== undefined,
        ]).toEqual([ref, true]);
      } else {
        const response = await service.http.get(ref);
        expect([ref, response.status]).toEqual([ref, 200]);
        expect((response.body as { title?: string }).title).toMatch(/Ruleset version/);
      }
    }
  });

  it('describes every response, and lists 413 and 415 on every operation with a JSON body', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
    );
    const login = document.paths['/api/v1/auth/login']?.post?.responses['200'];
    expect(login?.description).toBe('Done: the answer');
    let withBody = 0;
    for (const [label, op] of operations) {
      for (const [status, response] of Object.entries(op.responses))
        expect([label, status, (response.description ?? '').length > 0]).toEqual([label, status, true]);
      if (!op.requestBody?.content['application/json']) continue;
      withBody += 1;
      for (const status of ['413', '415']) {
        const schema = op.responses[status]?.content?.['application/problem+json']?.schema as
          { $ref?: string } | undefined;
        expect([label, status, schema?.$ref]).toEqual([
          label,
          status,
          '#/components/schemas/ProblemResponse',
        ]);
      }
    }
    // Login, API keys, users, drafts, edits, evaluation, batches, lifecycle steps, test acceptance…
    expect(withBody).toBeGreaterThanOrEqual(10);
  });

  it('gives every operation a summary and a description', () => {
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
    );
    expect(operations.length).toBeGreaterThanOrEqual(API_MD_ROUTES.length);
    for (const [label, op] of operations) {
      expect([label, (op.summary ?? '').length > 0]).toEqual([label, true]);
      // A description says more than the summary does.
      expect([label, (op.description ?? '').length > (op.summary ?? '').length]).toEqual([label, true]);
    }
  });

  it('gives a determination example whose lines add up to its totals, and a parameter example with units', () => {
    const schemaOf = (name: string) =>
      document.components?.schemas?.[name] as
        { properties?: Record<string, { example?: unknown }> } | undefined;
    const determination = schemaOf('DeterminationResponse')?.properties ?? {};
    const lines = determination['benefits']?.example as { period: string; amount: string }[];
    const totals = determination['totals']?.example as Record<string, string>;
    expect(lines.length).toBeGreaterThan(0);
    // In fen, so that the sums are exact: monthly lines, 12 × monthly + yearly lines, one-off lines.
    const fen = (amount: string): number => Math.round(Number(amount) * 100);
    const sum = (period: string): number =>
      lines.filter((l) => l.period === period).reduce((total, l) => total + fen(l.amount), 0);
    expect(fen(totals['monthly'] as string)).toBe(sum('month'));
    expect(fen(totals['annual'] as string)).toBe(12 * sum('month') + sum('year'));
    expect(fen(totals['oneOff'] as string)).toBe(sum('oneOff'));
    // Every line of the example is one of the totals' periods, none falls outside them.
    expect(lines.every((l) => ['month', 'year', 'oneOff'].includes(l.period))).toBe(true);

    const parameters = schemaOf('ParametersResponse')?.properties ?? {};
    const values = parameters['parameters']?.example as Record<string, string>;
    const definitions = parameters['definitions']?.example as Record<string, { unit: string }>;
    expect(Object.keys(definitions).sort()).toEqual(Object.keys(values).sort());
    expect(new Set(Object.values(definitions).map((d) => d.unit)).size).toBeGreaterThan(1);
  });

  it('Swagger UI at /api/docs loads every asset from the service itself, none from a CDN', async () => {
    const page = await service.http.get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const assets = [...page.text.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map(
      (m) => m[1] as string,
    );
    expect(assets.length).toBeGreaterThanOrEqual(3);
    expect(assets.filter((a) => /^(https?:)?\/\//i.test(a))).toEqual([]);
    expect(page.text).not.toMatch(/unpkg|jsdelivr|cdnjs|cdn\./i);
    const scripts = assets.filter((a) => a.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const url = new URL(asset, 'http://service.local/api/docs');
      const response = await service.http.get(url.pathname);
      expect([asset, response.status]).toEqual([asset, 200]);
      const type = asset.endsWith('.css') ? /^text\/css/ : asset.endsWith('.js') ? /javascript/ : /^image\//;
      expect([asset, response.headers['content-type']]).toEqual([asset, expect.stringMatching(type)]);
      expect(Number(response.headers['content-length'] ?? (response.text ?? '').length)).toBeGreaterThan(0);
      if (asset.endsWith('.css')) expect(response.text).not.toMatch(/@import\s+url\(\s*["']?https?:/i);
      if (asset.endsWith('swagger-ui-init.js')) expect(response.text).not.toMatch(/unpkg|jsdelivr|cdnjs/i);
    }
  });
});
