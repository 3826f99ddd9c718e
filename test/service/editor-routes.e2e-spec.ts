/**
 * The routes the editor reads while officials work: checking content as it is typed (never saved,
 * never audited), a version's parameters in every jurisdiction, the labelled diff of two versions,
 * a run of a version's embedded tests, and who submitted a version for review.
 */
import type { Response } from 'supertest';
import type { ParameterT, RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { bootService, createOfficial, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const R = `/api/v1/rulesets/${KEY}`;
const VERSIONS = `${R}/versions`;
const FANG = '420325';

interface Finding {
  path: string;
  message: string;
  code?: string;
  constraint?: string;
  jurisdiction?: string | null;
  parameters?: string[];
}

interface CheckBody {
  valid: boolean;
  errors: Finding[];
  warnings: Finding[];
  parameters: Record<string, Record<string, string>> | null;
}

interface TestRunBody {
  passed: number;
  failed: number;
  tests: {
    name: string;
    index: number;
    asOf: string;
    passed: boolean;
    evaluated: boolean;
    lines: {
      code: string;
      memberId: string | null;
      expected: string | null;
      got: string | null;
      passed: boolean;
    }[];
    totals: { total: string; expected: string; got: string }[];
    eligibility: unknown[];
    messages: string[];
  }[];
}

/** A decimal string in yuan as a whole number of fen (exact: no floating point). */
const fen = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  return amount.startsWith('-') ? -value : value;
};
const yuan = (cents: bigint): string => {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};

describe(`editor routes (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let editor: string;
  let analyst: string;
  let caseworker: string;

  const http = () => service.http;
  const audit = async (version: string): Promise<unknown[]> =>
    (await http().get('/api/v1/audit').query({ ruleset: KEY, version }).set(bearer(service.adminToken)))
      .body as unknown[];
  const content = async (version: string): Promise<RulesetVersion> =>
    (await http().get(`${VERSIONS}/${version}`).set(bearer(editor))).body as RulesetVersion;
  const check = (version: string, body: unknown, language = 'en'): Promise<Response> =>
    http()
      .post(`${VERSIONS}/${version}/check`)
      .set(bearer(editor))
      .set('Accept-Language', language)
      .send(body as object) as unknown as Promise<Response>;
  const parameter = (doc: RulesetVersion, key: string): ParameterT => {
    const found = doc.parameters.find((p) => p.key === key);
    if (!found) throw new Error(`no parameter ${key}`);
    return found;
  };
  /** The 2021 draft's content with the counties' urban dibao standard lowered to 100.00. */
  const lowerUrbanStandard = (doc: RulesetVersion): RulesetVersion => {
    const copy = structuredClone(doc);
    const urban = parameter(copy, 'dibao.standard.urban');
    urban.values = urban.values.map((v) => (v.for === 'counties' ? { ...v, value: '100.00' } : v));
    return copy;
  };

  beforeAll(async () => {
    service = await bootService();
    editor = await createOfficial(service, 'editor-li', ['editor']);
    analyst = await createOfficial(service, 'analyst-zhao', ['analyst']);
    const key = await http()
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: 'case system', roles: ['caseworker'] });
    caseworker = (key.body as { key: string }).key;
    const created = await http()
      .post(VERSIONS)
      .set(bearer(editor))
      .send({ version: '2021', basedOn: '2020', effectiveFrom: '2021-01-01' });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await service?.close();
  });

  describe('POST …/versions/{version}/check', () => {
    it('checks a published version as it is: valid, and every parameter in every jurisdiction', async () => {
      const doc = await content('2020');
      const response = await check('2020', doc);
      expect(response.status).toBe(200);
      const body = response.body as CheckBody;
      expect(body).toEqual({
        valid: true,
        errors: [],
        warnings: expect.any(Array),
        parameters: expect.any(Object),
      });
      expect(Object.keys(body.parameters ?? {})).toEqual(doc.jurisdictions.map((j) => j.code));
      // The same values the parameters route gives for one place on a date the version is in force.
      const one = await http()
        .get(`${R}/parameters`)
        .query({ asOf: '2020-01-01', jurisdiction: FANG })
        .set(bearer(editor));
      expect(body.parameters?.[FANG]).toEqual((one.body as { parameters: object }).parameters);
    });

    it('computes formulas from the content sent, and does not run the tests, nor save or audit anything', async () => {
      const before = await content('2021');
      const entries = (await audit('2021')).length;
      const edited = structuredClone(before);
      // ceil(0.60 × 9100.00 ÷ 12) = 455: the counties' rural standard is a formula of this ratio.
      parameter(edited, 'dibao.consumptionRatio').values[0] = {
        ...(parameter(edited, 'dibao.consumptionRatio').values[0] as ParameterT['values'][number]),
        value: '0.60',
      };
      const body = (await check('2021', edited)).body as CheckBody;
      // In fen: 60 × 910000 ÷ (100 × 12) = 45500 exactly, a whole yuan already.
      const ruralFen = (60n * 910000n) / (100n * 12n);
      expect(ruralFen % 100n).toBe(0n);
      expect(body.parameters?.[FANG]?.['dibao.standard.rural']).toBe(yuan(ruralFen));
      // The embedded tests still expect 2020's amounts: validation would fail them, the check runs none.
      expect(body.valid).toBe(true);
      expect(body.errors).toEqual([]);
      // A draft taking effect before today gets the warning validation gives it.
      expect(body.warnings.map((w) => w.code)).toContain('retroactive');
      expect(await content('2021')).toEqual(before);
      expect((await audit('2021')).length).toBe(entries);
    });

    it('gives the constraint findings validation gives, each naming the parameters its assertion reads', async () => {
      const lowered = lowerUrbanStandard(await content('2021'));
      const body = (await check('2021', lowered)).body as CheckBody;
      expect(body.valid).toBe(false);
      const findings = body.errors.filter((e) => e.constraint === 'urban-dibao-not-below-previous');
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.map((f) => f.jurisdiction)).toContain(FANG);
      for (const f of findings) expect(f.parameters).toEqual(['dibao.standard.urban']);
      // Saved, then validated: the same problems, plus the failing tests the check does not run.
      const current = await http().get(`${VERSIONS}/2021`).set(bearer(editor));
      const saved = await http()
        .put(`${VERSIONS}/2021`)
        .set(bearer(editor))
        .set('If-Match', current.headers['etag'] as string)
        .send(lowered);
      expect(saved.status).toBe(200);
      const validated = (
        await http().post(`${VERSIONS}/2021/validate`).set(bearer(editor)).set('Accept-Language', 'en')
      ).body as CheckBody;
      expect(validated.errors.filter((e) => e.code !== 'test-failed')).toEqual(body.errors);
      expect(validated.warnings).toEqual(body.warnings);
      // Put back as it was.
      const back = await http()
        .put(`${VERSIONS}/2021`)
        .set(bearer(editor))
        .set('If-Match', saved.headers['etag'] as string)
        .send(current.body as object);
      expect(back.status).toBe(200);
    });

    it('reports content that breaks the format as problems with their paths, and no parameters', async () => {
      const doc = (await content('2021')) as unknown as Record<string, unknown>;
      const broken = { ...doc, parameters: 'none', surplus: true };
      const body = (await check('2021', broken)).body as CheckBody;
      expect(body.valid).toBe(false);
      expect(body.parameters).toBeNull();
      const paths = body.errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/parameters']));
    });

    it('names a label or date that does not fit the URL, as a save would refuse it', async () => {
      const doc = await content('2021');
      const body = (await check('2021', { ...doc, metadata: { ...doc.metadata, version: '2031' } }))
        .body as CheckBody;
      expect(body.valid).toBe(false);
      expect(body.errors).toEqual([
        { path: '/metadata/version', message: 'must be "2021", the version of this URL' },
      ]);
      const zh = (await check('2021', { ...doc, metadata: { ...doc.metadata, version: '2031' } }, 'zh-CN'))
        .body as CheckBody;
      expect(zh.errors).toEqual([{ path: '/metadata/version', message: '须为 "2021",即此网址的版本' }]);
      for (const effectiveFrom of ['2021-02-30', '3000-01-01', '1899-12-31']) {
        const dated = await check('2021', { ...doc, metadata: { ...doc.metadata, effectiveFrom } });
        expect([effectiveFrom, dated.status]).toEqual([effectiveFrom, 200]);
        const report = dated.body as CheckBody;
        expect(report.valid).toBe(false);
        // A date after the tests' asOf also makes each test wrong; the date itself is named either way.
        expect([effectiveFrom, report.errors.some((e) => e.path === '/metadata/effectiveFrom')]).toEqual([
          effectiveFrom,
          true,
        ]);
      }
    });

    it('is 422 naming /metadata/key for content of another ruleset, in Chinese when asked', async () => {
      const doc = await content('2021');
      const other = { ...doc, metadata: { ...doc.metadata, key: 'another-ruleset' } };
      const en = expectProblem(await check('2021', other), 422);
      expect(en.errors).toEqual([
        { path: '/metadata/key', message: `must be "${KEY}", the ruleset of this URL` },
      ]);
      const zh = expectProblem(await check('2021', other, 'zh-CN'), 422);
      expect(zh.errors?.[0]?.path).toBe('/metadata/key');
      expect(zh.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
      expectProblem(await check('2021', {}), 422);
    });

    it('is 404 for an unknown version, 415 for a body that is not JSON, 400 for a hostile shape', async () => {
      expectProblem(await check('2999', await content('2020')), 404);
      const text = await http()
        .post(`${VERSIONS}/2021/check`)
        .set(bearer(editor))
        .set('Content-Type', 'text/plain')
        .send('{}');
      expectProblem(text, 415);
      let deep: unknown = {};
      for (let i = 0; i < 60; i += 1) deep = { a: deep };
      expectProblem(await check('2021', { metadata: { key: KEY }, deep }), 400);
    });
  });

  describe('GET …/versions/{version}/parameters', () => {
    it('gives every parameter in every jurisdiction at effectiveFrom, with the summary and definitions', async () => {
      const response = await http().get(`${VERSIONS}/2020/parameters`).set(bearer(caseworker));
      expect(response.status).toBe(200);
      const body = response.body as {
        version: { version: string; status: string };
        asOf: string;
        jurisdictions: Record<string, Record<string, string>>;
        definitions: Record<string, { unit: string; label: { zh: string; en: string } }>;
      };
      expect(body.version).toEqual(expect.objectContaining({ version: '2020', status: 'published' }));
      expect(body.asOf).toBe('2020-01-01');
      const doc = await content('2020');
      expect(Object.keys(body.jurisdictions)).toEqual(doc.jurisdictions.map((j) => j.code));
      expect(Object.keys(body.definitions)).toEqual(doc.parameters.map((p) => p.key));
      expect(body.definitions['dibao.standard.rural']?.label).toEqual(
        parameter(doc, 'dibao.standard.rural').label,
      );
      for (const code of ['420302', FANG]) {
        const one = await http()
          .get(`${R}/parameters`)
          .query({ asOf: '2020-06-30', jurisdiction: code })
          .set(bearer(caseworker));
        expect(body.jurisdictions[code]).toEqual((one.body as { parameters: object }).parameters);
      }
    });

    it('reads a draft for those who may read drafts only, and is 404 for an unknown version', async () => {
      expect((await http().get(`${VERSIONS}/2021/parameters`).set(bearer(analyst))).status).toBe(200);
      expectProblem(await http().get(`${VERSIONS}/2021/parameters`).set(bearer(caseworker)), 403);
      expectProblem(await http().get(`${VERSIONS}/2999/parameters`).set(bearer(editor)), 404);
    });
  });

  describe('GET …/diff?from=&to=', () => {
    it('gives what changed, per jurisdiction, with the labels to show it', async () => {
      const response = await http()
        .get(`${R}/diff`)
        .query({ from: '2019', to: '2020' })
        .set(bearer(caseworker));
      expect(response.status).toBe(200);
      const body = response.body as {
        from: { version: string };
        to: { version: string };
        parameters: {
          parameter: string;
          jurisdiction: string | null;
          old: string;
          new: string;
          change: string;
        }[];
        labels: {
          parameters: Record<string, { label: { zh: string; en: string }; unit: string }>;
          jurisdictions: Record<string, { name: { zh: string; en: string }; groups: string[] }>;
          groups: Record<string, { name: { zh: string } }>;
          units: Record<string, { zh: string; en: string }>;
        };
      };
      expect([body.from.version, body.to.version]).toEqual(['2019', '2020']);
      const read = async (version: string, asOf: string) =>
        (
          (await http().get(`${R}/parameters`).query({ asOf, jurisdiction: FANG }).set(bearer(caseworker)))
            .body as { parameters: Record<string, string> }
        ).parameters['dibao.standard.rural'] as string;
      const [old, now] = [await read('2019', '2019-06-30'), await read('2020', '2020-06-30')];
      const rural = body.parameters.find(
        (p) => p.parameter === 'dibao.standard.rural' && p.jurisdiction === FANG,
      );
      expect(rural).toEqual(expect.objectContaining({ old, new: now, change: yuan(fen(now) - fen(old)) }));
      const doc = await content('2020');
      expect(body.labels.parameters['dibao.standard.rural']).toEqual({
        label: parameter(doc, 'dibao.standard.rural').label,
        unit: 'yuan/month',
      });
      expect(body.labels.jurisdictions[FANG]?.name).toEqual(
        doc.jurisdictions.find((j) => j.code === FANG)?.name,
      );
      for (const group of body.labels.jurisdictions[FANG]?.groups ?? [])
        expect(body.labels.groups[group]?.name.zh).toEqual(expect.any(String));
      expect(body.labels.units['yuan/month']).toEqual({ zh: '元/月', en: 'yuan/month' });
    });

    it('is 400 naming each missing version, 404 for an unknown one, 403 for a draft a caseworker may not read', async () => {
      const none = expectProblem(await http().get(`${R}/diff`).set(bearer(editor)), 400);
      expect((none.errors ?? []).map((e) => e.path).sort()).toEqual(['/from', '/to']);
      const noTo = expectProblem(
        await http().get(`${R}/diff`).query({ from: '2019' }).set(bearer(editor)),
        400,
      );
      expect((noTo.errors ?? []).map((e) => e.path)).toEqual(['/to']);
      expectProblem(
        await http().get(`${R}/diff`).query({ from: '2019', to: '2999' }).set(bearer(editor)),
        404,
      );
      expectProblem(
        await http().get(`${R}/diff`).query({ from: '2020', to: '2021' }).set(bearer(caseworker)),
        403,
      );
      expect(
        (await http().get(`${R}/diff`).query({ from: '2020', to: '2021' }).set(bearer(analyst))).status,
      ).toBe(200);
    });
  });

  describe('POST …/versions/{version}/tests/run', () => {
    it('runs a version’s tests: every line expected and computed', async () => {
      const response = await http().post(`${VERSIONS}/2020/tests/run`).set(bearer(analyst));
      expect(response.status).toBe(200);
      const body = response.body as TestRunBody;
      const doc = await content('2020');
      expect(body).toEqual(expect.objectContaining({ passed: doc.tests.length, failed: 0 }));
      expect(body.tests.map((t) => t.name)).toEqual(doc.tests.map((t) => t.name));
      const first = body.tests[0];
      expect(first?.asOf).toBe(doc.tests[0]?.asOf);
      expect(first?.lines).toEqual(
        doc.tests[0]?.expected.benefits.map((b) => ({
          code: b.code,
          memberId: b.memberId ?? null,
          expected: b.amount,
          got: b.amount,
          passed: true,
        })),
      );
    });

    it('reports each failing line of a draft, changes nothing, in the language asked for', async () => {
      const before = await content('2021');
      const current = await http().get(`${VERSIONS}/2021`).set(bearer(editor));
      const edited = structuredClone(before);
      const ratio = parameter(edited, 'dibao.consumptionRatio');
      ratio.values[0] = { ...(ratio.values[0] as ParameterT['values'][number]), value: '0.60' };
      const saved = await http()
        .put(`${VERSIONS}/2021`)
        .set(bearer(editor))
        .set('If-Match', current.headers['etag'] as string)
        .send(edited);
      expect(saved.status).toBe(200);
      const entries = (await audit('2021')).length;
      const response = await http()
        .post(`${VERSIONS}/2021/tests/run`)
        .set(bearer(editor))
        .set('Accept-Language', 'en');
      const body = response.body as TestRunBody;
      expect(body.failed).toBeGreaterThan(0);
      expect(body.passed + body.failed).toBe(edited.tests.length);
      const failing = body.tests.find((t) => !t.passed);
      const line = failing?.lines.find((l) => !l.passed);
      expect(line).toEqual(
        expect.objectContaining({ expected: expect.any(String), got: expect.any(String) }),
      );
      expect(line?.expected).not.toBe(line?.got);
      expect(failing?.messages.join(' ')).toMatch(/expected/);
      expect((await http().get(`${VERSIONS}/2021`).set(bearer(editor))).headers['etag']).toBe(
        saved.headers['etag'],
      );
      expect((await audit('2021')).length).toBe(entries);
      expectProblem(await http().post(`${VERSIONS}/2999/tests/run`).set(bearer(editor)), 404);
    });
  });

  describe('who submitted a version', () => {
    it('is null until submitted, then the submitter and the time, and null again once returned', async () => {
      const created = await http()
        .post(VERSIONS)
        .set(bearer(editor))
        .send({ version: '2022', basedOn: '2020', effectiveFrom: '2022-01-01' });
      expect(created.body).toEqual(expect.objectContaining({ submittedBy: null, submittedAt: null }));
      const before = Date.now();
      const submitted = await http().post(`${VERSIONS}/2022/submit`).set(bearer(editor));
      expect(submitted.status).toBe(200);
      const summary = submitted.body as { status: string; submittedBy: string; submittedAt: string };
      expect(summary).toEqual(expect.objectContaining({ status: 'in_review', submittedBy: 'editor-li' }));
      expect(Date.parse(summary.submittedAt)).toBeGreaterThanOrEqual(before - 1000);
      const listed = (await http().get(VERSIONS).set(bearer(caseworker))).body as {
        version: string;
        submittedBy: string | null;
      }[];
      expect(listed.find((v) => v.version === '2022')?.submittedBy).toBe('editor-li');
      expect(listed.find((v) => v.version === '2020')).toEqual(
        expect.objectContaining({ submittedBy: null, submittedAt: null }),
      );
      const returned = await http()
        .post(`${VERSIONS}/2022/return`)
        .set(bearer(editor))
        .send({ reason: '需按新文件调整' });
      expect(returned.body).toEqual(
        expect.objectContaining({ status: 'draft', submittedBy: null, submittedAt: null }),
      );
    });
  });
});
