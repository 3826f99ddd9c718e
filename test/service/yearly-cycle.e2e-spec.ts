/**
 * The yearly cycle over HTTP, as a new official would do it: an editor drafts "2021" from "2020"
 * (valid unchanged: the embedded tests move into 2021), raises every county's rural dibao line by
 * 30 yuan/month, sees the failing tests per benefit line, accepts the new amounts, and submits; a
 * second person publishes; a caseworker's 2021 answer changes; the audit shows each step with its
 * changes. The raised amounts are worked out here from the 2020 answers: the rural line + 30, and
 * the special increment of a 72-year-old, 25% of the line (108.25 of 433.00 in 2020).
 */
import type { Response } from 'supertest';
import type { ParameterT, RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { bootService, createOfficial, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;
const DRAFT = `${VERSIONS}/2021`;
const ACCEPT = `${DRAFT}/tests/accept`;
const EVALUATE = `/api/v1/rulesets/${KEY}/evaluate`;
const COUNTY = '420325'; // 房县, one of the counties
const CITY = '420302'; // 茅箭区, in the city area
const RAISE = 30;

interface LineBody {
  code: string;
  memberId: string | null;
  expected: string | null;
  got: string | null;
  message: string;
}
interface ValidationBody {
  valid: boolean;
  errors: {
    path: string;
    code?: string;
    message: string;
    test?: string;
    lines?: LineBody[];
    totals?: { total: string; expected: string; got: string }[];
  }[];
  tests: { passed: number; failed: number };
}
interface AuditEntryBody {
  actor: string;
  action: string;
  details: {
    testsMovedByYears?: number;
    changes?: {
      parameters?: {
        parameter: string;
        jurisdiction: string | null;
        old: string | null;
        new: string | null;
      }[];
      tests?: { added: string[]; removed: string[]; changed: string[] };
    };
    accepted?: {
      tests: string[];
      changes: {
        test: string;
        lines: { code: string; memberId: string | null; old: string; new: string }[];
      }[];
    };
  };
}

// A single 72-year-old in rural 房县 without income: the first embedded test of 2020.
const elderly = {
  jurisdiction: COUNTY,
  residence: 'rural',
  annualNetIncome: '0',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1948-03-15' }],
};

const etagOf = (response: Response): string => {
  const etag = response.headers['etag'];
  if (typeof etag !== 'string') throw new Error(`no ETag: ${response.status} ${response.text.slice(0, 300)}`);
  return etag;
};
const plus = (amount: string, yuan: number): string => (Number(amount) + yuan).toFixed(2);

describe(`the yearly draft cycle over HTTP (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let editor: string;
  let approver: string;
  let caseworker: string;
  let etag = '';
  let base: RulesetVersion;
  let rural2020: Record<string, string>;
  /** How many embedded tests the raise made fail. */
  let failedAfterRaise = 0;
  const http = () => service.http;
  const validate = async (): Promise<ValidationBody> => {
    const response = await http().post(`${DRAFT}/validate`).set(bearer(editor));
    expect(response.status).toBe(200);
    return response.body as ValidationBody;
  };

  beforeAll(async () => {
    service = await bootService();
    editor = await createOfficial(service, 'editor-wang', ['editor']);
    approver = await createOfficial(service, 'approver-li', ['approver']);
    caseworker = await createOfficial(service, 'caseworker-zhao', ['caseworker']);
    base = (await http().get(`${VERSIONS}/2020`).set(bearer(editor))).body as RulesetVersion;
    rural2020 = {};
    for (const code of [COUNTY, CITY]) {
      const response = await http()
        .get(`/api/v1/rulesets/${KEY}/parameters`)
        .query({ asOf: '2020-06-30', jurisdiction: code })
        .set(bearer(caseworker));
      expect(response.status).toBe(200);
      rural2020[code] = (response.body as { parameters: Record<string, string> }).parameters[
        'dibao.standard.rural'
      ] as string;
    }
    expect(rural2020[COUNTY]).toBe('433.00');
  });
  afterAll(async () => {
    await service?.close();
  });

  it('drafts 2021 from 2020: the tests move one year on, the title says 2021, and it validates unchanged', async () => {
    const created = await http()
      .post(VERSIONS)
      .set(bearer(editor))
      .send({ version: '2021', basedOn: '2020', effectiveFrom: '2021-01-01' });
    expect(created.status).toBe(201);
    etag = etagOf(created);
    const draft = (await http().get(DRAFT).set(bearer(editor))).body as RulesetVersion;
    expect(draft.metadata.title.zh).toBe(base.metadata.title.zh.replace('2020年', '2021年'));
    expect(draft.metadata.title.zh).toContain('2021年');
    expect(draft.metadata.sources).toEqual(base.metadata.sources);
    expect(draft.tests).toHaveLength(base.tests.length);
    draft.tests.forEach((t, i) => {
      const before = base.tests[i] as (typeof base.tests)[number];
      expect(t.name).toBe(before.name);
      expect(t.expected).toEqual(before.expected);
      // Same month and day one year later, but for 29 February 2020, which becomes 28 February 2021.
      expect(t.asOf).toBe(before.asOf === '2020-02-29' ? '2021-02-28' : before.asOf.replace(/^2020/, '2021'));
    });
    const report = await validate();
    expect(report.errors).toEqual([]);
    expect(report).toEqual(
      expect.objectContaining({ valid: true, tests: { passed: base.tests.length, failed: 0 } }),
    );
  });

  it('raising every county’s rural line by 30 makes tests fail, reported per line: expected → got', async () => {
    const draft = (await http().get(DRAFT).set(bearer(editor))).body as RulesetVersion;
    const rural = draft.parameters.find((p) => p.key === 'dibao.standard.rural') as ParameterT;
    const formula = (rural.values[0] as { formula: string }).formula;
    rural.values.push({
      for: 'counties',
      formula: `${formula} + ${RAISE}`,
      source: {
        type: 'illustrative',
        note: '各县农村低保标准每月提高30元 / every county’s rural line raised by 30 yuan a month',
      },
    } as ParameterT['values'][number]);
    const saved = await http().put(DRAFT).set(bearer(editor)).set('If-Match', etag).send(draft);
    expect(saved.status).toBe(200);
    etag = etagOf(saved);

    const report = await validate();
    expect(report.valid).toBe(false);
    const failures = report.errors.filter((e) => e.code === 'test-failed');
    expect(failures.length).toBe(report.tests.failed);
    expect(failures.length).toBeGreaterThan(0);
    failedAfterRaise = failures.length;
    // No positional "line N" items any more: every difference names a benefit code.
    expect(failures.flatMap((f) => f.lines ?? []).every((l) => l.code.length > 0)).toBe(true);
    expect(failures.map((f) => f.message).join('\n')).not.toMatch(/line \d+:/);
    const first = failures.find((f) => f.path === '/tests/0');
    expect(first?.test).toBe(base.tests[0]?.name);
    const line = plus(rural2020[COUNTY] as string, RAISE);
    expect(first?.lines?.map(({ message: _m, ...l }) => l)).toEqual([
      { code: 'dibao', memberId: null, expected: '433.00', got: line },
      {
        code: 'dibao_special_increment',
        memberId: 'p1',
        expected: '108.25',
        got: (Number(line) * 0.25).toFixed(2),
      },
    ]);
    expect(first?.lines?.[0]?.message).toBe(`dibao:预期 433.00,实际 ${line}`);
    expect(first?.totals?.map((t) => t.total)).toEqual(['monthly', 'annual']);
    // Tests of the city area are not affected.
    const cityTests = base.tests.flatMap((t, i) =>
      t.household['jurisdiction'] === CITY ? [`/tests/${i}`] : [],
    );
    expect(cityTests.length).toBeGreaterThan(0);
    expect(failures.filter((f) => cityTests.includes(f.path))).toEqual([]);
  });

  it('accepting is an edit under If-Match: 428 without, 412 when stale, 422 naming unknown tests', async () => {
    const name = base.tests[0]?.name as string;
    expectProblem(
      await http()
        .post(ACCEPT)
        .set(bearer(editor))
        .send({ tests: [name] }),
      428,
    );
    expectProblem(
      await http()
        .post(ACCEPT)
        .set(bearer(editor))
        .set('If-Match', '"sha256:stale"')
        .send({ tests: [name] }),
      412,
    );
    const unknown = expectProblem(
      await http()
        .post(ACCEPT)
        .set(bearer(editor))
        .set('If-Match', etag)
        .send({ tests: [name, 'no such test'] }),
      422,
    );
    expect(unknown.errors).toEqual([
      expect.objectContaining({ path: '/tests/1', message: '"no such test" is not a test of version 2021' }),
    ]);
    const inChinese = expectProblem(
      await http()
        .post(ACCEPT)
        .set(bearer(editor))
        .set('If-Match', etag)
        .set('Accept-Language', 'zh-CN')
        .send({ tests: [name, 'no such test'] }),
      422,
    );
    expect(inChinese.detail).toBe('这些测试结果不能被接受');
    expect(inChinese.errors).toEqual([
      expect.objectContaining({ path: '/tests/1', message: '版本 2021 没有名为"no such test"的测试' }),
    ]);
    const badInChinese = expectProblem(
      await http()
        .post(ACCEPT)
        .set(bearer(editor))
        .set('If-Match', etag)
        .set('Accept-Language', 'zh')
        .send({ tests: 'some' }),
      400,
    );
    expect(badInChinese.errors).toEqual([
      expect.objectContaining({ path: '/tests', message: '必须是 "all" 或非空的测试名称列表' }),
    ]);
    const bad = expectProblem(
      await http().post(ACCEPT).set(bearer(editor)).set('If-Match', etag).send({ tests: 'some' }),
      400,
    );
    expect(bad.errors).toEqual([expect.objectContaining({ path: '/tests' })]);
    expectProblem(
      await http().post(ACCEPT).set(bearer(caseworker)).set('If-Match', etag).send({ tests: 'all' }),
      403,
    );
    // Nothing was saved by the refused requests.
    expect(etagOf(await http().get(DRAFT).set(bearer(editor)))).toBe(etag);
  });

  it('accepts one test by name, then all the others; the draft is then valid', async () => {
    const before = (await validate()).tests.failed;
    const name = base.tests[0]?.name as string;
    const one = await http()
      .post(ACCEPT)
      .set(bearer(editor))
      .set('If-Match', etag)
      .send({ tests: [name] });
    expect(one.status).toBe(200);
    expect(etagOf(one)).not.toBe(etag);
    expect(one.body).toEqual(
      expect.objectContaining({ version: '2021', status: 'draft', updatedBy: 'editor-wang' }),
    );
    etag = etagOf(one);
    const draft = (await http().get(DRAFT).set(bearer(editor))).body as RulesetVersion;
    const line = plus(rural2020[COUNTY] as string, RAISE);
    expect(draft.tests[0]?.expected.benefits[0]).toEqual({ code: 'dibao', memberId: null, amount: line });
    expect((await validate()).tests.failed).toBe(before - 1);

    expect(one.body).not.toHaveProperty('warnings');

    const all = await http().post(ACCEPT).set(bearer(editor)).set('If-Match', etag).send({ tests: 'all' });
    expect(all.status).toBe(200);
    // The boundary test of the raised county now expects the opposite of what its name says: warned.
    expect((all.body as { warnings?: unknown[] }).warnings).toEqual(
      expect.arrayContaining([
        {
          code: 'eligibility-changed',
          test: 'rural 房县: income exactly at the line (I = 12·n·S, n = 2) → not eligible',
          message: expect.stringContaining('边界测试(如收入恰好等于标准)应调整家庭'),
        },
      ]),
    );
    etag = etagOf(all);
    const report = await validate();
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('submitted by the editor, published by a second person; a caseworker’s 2021 answer changes', async () => {
    const submitted = await http().post(`${DRAFT}/submit`).set(bearer(editor));
    expect(submitted.status).toBe(200);
    // Four eyes: the editor may not publish (not an approver); the approver did not edit it.
    expectProblem(
      await http().post(`${DRAFT}/publish`).set(bearer(editor)).send({ acknowledgeRetroactive: true }),
      403,
    );
    const published = await http()
      .post(`${DRAFT}/publish`)
      .set(bearer(approver))
      .send({ acknowledgeRetroactive: true });
    expect(published.status).toBe(200);
    expect(published.body).toEqual(
      expect.objectContaining({ status: 'published', publishedBy: 'approver-li' }),
    );

    const answer = async (asOf: string) => {
      const response = await http().post(EVALUATE).set(bearer(caseworker)).send({ asOf, household: elderly });
      expect(response.status).toBe(200);
      return response.body as { ruleset: { version: string }; benefits: { code: string; amount: string }[] };
    };
    const in2020 = await answer('2020-06-30');
    const in2021 = await answer('2021-06-30');
    expect(in2020.ruleset.version).toBe('2020');
    expect(in2021.ruleset.version).toBe('2021');
    expect(in2020.benefits.find((b) => b.code === 'dibao')?.amount).toBe('433.00');
    expect(in2021.benefits.find((b) => b.code === 'dibao')?.amount).toBe(plus('433.00', RAISE));
  });

  it('the audit shows each step, by whom, with its changes', async () => {
    const response = await http()
      .get('/api/v1/audit')
      .query({ ruleset: KEY, version: '2021' })
      .set(bearer(approver));
    expect(response.status).toBe(200);
    const audit = response.body as AuditEntryBody[];
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['published', 'approver-li'],
      ['submitted', 'editor-wang'],
      ['edited', 'editor-wang'],
      ['edited', 'editor-wang'],
      ['edited', 'editor-wang'],
      ['drafted', 'editor-wang'],
    ]);
    const [, , acceptAll, acceptOne, raise, drafted] = audit as [
      AuditEntryBody,
      AuditEntryBody,
      AuditEntryBody,
      AuditEntryBody,
      AuditEntryBody,
      AuditEntryBody,
    ];
    expect(drafted.details.testsMovedByYears).toBe(1);
    expect(raise.details.changes?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          parameter: 'dibao.standard.rural',
          jurisdiction: COUNTY,
          old: rural2020[COUNTY],
          new: plus(rural2020[COUNTY] as string, RAISE),
        }),
      ]),
    );
    expect(raise.details.changes?.parameters?.some((p) => p.jurisdiction === CITY)).toBe(false);
    const name = base.tests[0]?.name as string;
    expect(acceptOne.details.changes?.tests).toEqual({ added: [], removed: [], changed: [name] });
    expect(acceptOne.details.changes?.parameters).toBeUndefined();
    expect(acceptOne.details.accepted?.tests).toEqual([name]);
    expect(acceptOne.details.accepted?.changes[0]?.lines).toEqual([
      { code: 'dibao', memberId: null, old: '433.00', new: plus('433.00', RAISE) },
      { code: 'dibao_special_increment', memberId: 'p1', old: '108.25', new: '115.75' },
    ]);
    // "all" was accepted; the line changes of as many tests as fit the entry are listed, the others
    // counted.
    const acceptedAll = acceptAll.details.accepted as NonNullable<AuditEntryBody['details']['accepted']> & {
      omitted?: number;
    };
    expect(acceptedAll.tests).toBe('all');
    expect(acceptedAll.changes.length + (acceptedAll.omitted ?? 0)).toBe(failedAfterRaise - 1);
    expect(acceptAll.details.changes?.tests?.changed).not.toContain(name);
    expect(acceptAll.details.changes?.tests?.changed.length).toBeGreaterThan(0);
  });
});
