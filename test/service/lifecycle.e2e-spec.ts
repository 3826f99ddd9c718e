/**
 * The whole life of a ruleset version over HTTP: draft "2021" from "2020", edit it under If-Match,
 * validate, submit, publish under the four-eyes rule, evaluate with it, see the database refuse to
 * change it, read its audit trail, withdraw it. Every expected amount comes from the independent
 * reference implementation (`test/reference/shiyan-reference.ts`), fed with the parameters this
 * test puts into the draft.
 */
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import type { ParameterT, RulesetVersion, TestCaseT } from '../../api/src/engine/schema/ruleset.schema';
import { formatFen, integer, mul, parseDecimal, ratio, toFen, div } from '../reference/rational';
import {
  referenceDetermination,
  type ReferenceDetermination,
  type ReferenceHousehold,
  type ReferenceMember,
} from '../reference/shiyan-reference';
import { shippedAmounts } from '../support/shipped-rulesets';
import { bootService, createOfficial, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;
const DRAFT = `${VERSIONS}/2021`;
const EVALUATE = `/api/v1/rulesets/${KEY}/evaluate`;
const URBAN_RAISE_FEN = 3000n;
const NEW_CONSUMPTION_RATIO = '0.61';

type Parameters = Record<string, string>;

interface VersionSummaryBody {
  version: string;
  status: string;
  effectiveFrom: string;
  publishedAt: string | null;
  contentHash: string;
  basedOn: string | null;
  updatedBy: string;
  publishedBy: string | null;
  withdrawnReason: string | null;
}

interface ValidationBody {
  valid: boolean;
  errors: { path: string; message: string; code?: string; constraint?: string }[];
  warnings: unknown[];
  tests: { passed: number; failed: number };
}

interface DeterminationBody {
  ruleset: { key: string; version: string; effectiveFrom: string; contentHash: string };
  asOf: string;
  benefits: { code: string; memberId: string | null; period: string; amount: string }[];
  totals: { monthly: string; annual: string; oneOff: string };
}

interface ParameterChangeBody {
  parameter: string;
  jurisdiction: string | null;
  old: string | null;
  new: string | null;
}

interface AuditEntryBody {
  at: string;
  actor: string;
  action: string;
  ruleset: string | null;
  version: string | null;
  details: {
    changes?: { parameters?: ParameterChangeBody[] };
    reason?: string;
    basedOn?: string;
    effectiveFrom?: string;
    from?: string;
    to?: string;
    fromHash?: string;
    toHash?: string;
  };
}

const member = (
  id: string,
  birthDate: string,
  overrides: Partial<ReferenceMember> = {},
): ReferenceMember => ({
  id,
  birthDate,
  disabilityGrade: 0,
  seriousIllness: false,
  extremePoverty: 'none',
  orphan: 'none',
  ...overrides,
});

/** Households across both residences, both jurisdiction groups and most benefit lines. */
const HOUSEHOLDS: { name: string; household: ReferenceHousehold }[] = [
  {
    name: 'rural 房县: single elderly person, no income',
    household: {
      jurisdiction: '420325',
      residence: 'rural',
      annualNetIncome: '0',
      assetsWithinLimit: true,
      members: [member('p1', '1948-03-15')],
    },
  },
  {
    name: 'urban 茅箭区: couple with a child, income about half the line',
    household: {
      jurisdiction: '420302',
      residence: 'urban',
      annualNetIncome: '12400',
      assetsWithinLimit: true,
      members: [member('f', '1982-05-02'), member('m', '1983-11-20'), member('c', '2010-08-08')],
    },
  },
  {
    name: 'rural 丹江口市: severe disability, a scattered extreme-poverty grandmother, sudden hardship',
    household: {
      jurisdiction: '420381',
      residence: 'rural',
      annualNetIncome: '3600.50',
      assetsWithinLimit: true,
      emergency: { severity: 'general' },
      members: [
        member('a', '1970-01-01', { disabilityGrade: 2, inpatientCompliantOutOfPocket: '1234.56' }),
        member('b', '1975-05-05'),
        member('g', '1940-02-29', { extremePoverty: 'scattered' }),
      ],
    },
  },
  {
    name: 'urban 郧阳区: above the line, house collapsed in a disaster',
    household: {
      jurisdiction: '420304',
      residence: 'urban',
      annualNetIncome: '60000',
      assetsWithinLimit: true,
      disaster: { houseCollapsed: true },
      members: [member('x', '1990-07-07'), member('y', '1991-08-08', { disabilityGrade: 3 })],
    },
  },
];
const JURISDICTIONS = [...new Set(HOUSEHOLDS.map((h) => h.household.jurisdiction))];

/** A decimal string plus `fen`, written with two decimals. */
const plusFen = (value: string, fen: bigint): string => formatFen(toFen(parseDecimal(value)) + fen);

/** ceil(ratio × consumption ÷ 12) to a whole yuan: the rural standard's formula, computed here. */
function ruralStandard(consumptionRatio: string, consumption: string): string {
  const exact = div(mul(parseDecimal(consumptionRatio), parseDecimal(consumption)), integer(12));
  const yuan = (exact.num + exact.den - 1n) / exact.den;
  return formatFen(toFen(ratio(yuan)));
}

/** The 2021 parameters of one place: the 2020 ones with the urban line and the ratio raised. */
function raised(params2020: Parameters): Parameters {
  return {
    ...params2020,
    'dibao.standard.urban': plusFen(params2020['dibao.standard.urban'] as string, URBAN_RAISE_FEN),
    'dibao.consumptionRatio': NEW_CONSUMPTION_RATIO,
    'dibao.standard.rural': ruralStandard(
      NEW_CONSUMPTION_RATIO,
      params2020['statistics.ruralConsumptionPerCapita'] as string,
    ),
  };
}

const expectedFor = (
  household: ReferenceHousehold,
  asOf: string,
  params: Parameters,
): ReferenceDetermination => referenceDetermination(household, asOf, params, shippedAmounts('2020'));

/** The test cases of the 2021 draft, their expectations computed by the reference implementation. */
function testCases(paramsByPlace: Map<string, Parameters>, asOf: string): TestCaseT[] {
  return HOUSEHOLDS.map(({ name, household }) => {
    const expected = expectedFor(household, asOf, paramsByPlace.get(household.jurisdiction) as Parameters);
    return {
      name: `2021 ${name}`,
      asOf,
      household: household as unknown as Record<string, unknown>,
      expected: {
        benefits: expected.benefits.map((b) => ({ code: b.code, memberId: b.memberId, amount: b.amount })),
        totals: expected.totals,
      },
    };
  });
}

const parameterOf = (content: RulesetVersion, key: string): ParameterT => {
  const found = content.parameters.find((p) => p.key === key);
  if (!found) throw new Error(`the content has no parameter ${key}`);
  return found;
};

const etagOf = (response: Response): string => {
  const etag = response.headers['etag'];
  if (typeof etag !== 'string') throw new Error(`no ETag header: ${JSON.stringify(response.headers)}`);
  return etag;
};

/** SHA-256 of JSON with keys sorted at every level: the content hash, computed here independently. */
function hashOf(value: unknown): string {
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v !== null && typeof v === 'object')
      return `{${Object.keys(v)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    return JSON.stringify(v);
  };
  return `sha256:${createHash('sha256').update(canonical(value)).digest('hex')}`;
}

const linesOf = (d: DeterminationBody): ReferenceDetermination => ({
  benefits: d.benefits.map((b) => ({
    code: b.code as ReferenceDetermination['benefits'][number]['code'],
    memberId: b.memberId,
    period: b.period as ReferenceDetermination['benefits'][number]['period'],
    amount: b.amount,
  })),
  totals: d.totals,
});

describe(`a ruleset version's lifecycle over HTTP (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let editor1: string;
  let approver1: string;
  let approver2: string;
  let caseworkerKey: string;
  const params2020 = new Map<string, Parameters>();
  const params2021 = new Map<string, Parameters>();
  /** The ETag of the draft as each step left it. */
  let etag = '';
  let createdEtag = '';
  let firstEditContent: RulesetVersion;

  const http = () => service.http;
  const putDraft = (token: string, content: unknown, ifMatch?: string) => {
    const req = http().put(DRAFT).set(bearer(token));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(content as object);
  };
  const validate = async (token: string): Promise<ValidationBody> => {
    const response = await http().post(`${DRAFT}/validate`).set(bearer(token));
    expect(response.status).toBe(200);
    return response.body as ValidationBody;
  };
  const readDraft = async (): Promise<RulesetVersion> => {
    const response = await http().get(DRAFT).set(bearer(editor1));
    expect(response.status).toBe(200);
    return response.body as RulesetVersion;
  };
  const evaluate = (token: string, household: ReferenceHousehold, asOf: string, version?: string) =>
    http()
      .post(EVALUATE)
      .set(bearer(token))
      .send({ asOf, household, ...(version ? { version } : {}) });

  beforeAll(async () => {
    service = await bootService();
    editor1 = await createOfficial(service, 'editor1', ['editor']);
    approver1 = await createOfficial(service, 'approver1', ['approver']);
    approver2 = await createOfficial(service, 'approver2', ['approver', 'editor']);
    const key = await service.http
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: '房县 case system', roles: ['caseworker'] });
    expect(key.status).toBe(201);
    expect(key.body).toEqual({ id: expect.any(String), key: expect.any(String) });
    caseworkerKey = (key.body as { key: string }).key;
    for (const code of JURISDICTIONS) {
      const response = await service.http
        .get(`/api/v1/rulesets/${KEY}/parameters`)
        .query({ asOf: '2020-06-30', jurisdiction: code })
        .set(bearer(caseworkerKey));
      expect(response.status).toBe(200);
      const body = response.body as { version: { version: string }; parameters: Parameters };
      expect(body.version.version).toBe('2020');
      params2020.set(code, body.parameters);
      params2021.set(code, raised(body.parameters));
    }
  });
  afterAll(async () => {
    await service?.close();
  });

  it('an editor drafts "2021" from "2020": 201, an ETag and a Location', async () => {
    const response = await http()
      .post(VERSIONS)
      .set(bearer(editor1))
      .send({ version: '2021', basedOn: '2020', effectiveFrom: '2021-01-01' });
    expect(response.status).toBe(201);
    const body = response.body as VersionSummaryBody;
    expect(body).toEqual(
      expect.objectContaining({
        version: '2021',
        status: 'draft',
        effectiveFrom: '2021-01-01',
        basedOn: '2020',
        publishedAt: null,
        contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      }),
    );
    createdEtag = etagOf(response);
    expect(createdEtag).toBe(`"${body.contentHash}"`);
    expect(response.headers['location']).toBe(DRAFT);
    etag = createdEtag;
  });

  it('refuses a second draft with a taken label (409) and an unknown basedOn (422 naming /basedOn)', async () => {
    const taken = await http()
      .post(VERSIONS)
      .set(bearer(editor1))
      .send({ version: '2021', basedOn: '2019', effectiveFrom: '2021-02-01' });
    expectProblem(taken, 409);
    const unknown = await http()
      .post(VERSIONS)
      .set(bearer(editor1))
      .send({ version: '2022', basedOn: '1999', effectiveFrom: '2022-01-01' });
    const problem = expectProblem(unknown, 422);
    expect(problem.errors).toEqual([expect.objectContaining({ path: '/basedOn' })]);
    const list = await http().get(VERSIONS).set(bearer(editor1));
    expect((list.body as VersionSummaryBody[]).map((v) => v.version)).not.toContain('2022');
  });

  it('GET returns the draft content with its content hash as the ETag; a caseworker key gets 403', async () => {
    const response = await http().get(DRAFT).set(bearer(editor1));
    expect(response.status).toBe(200);
    expect(etagOf(response)).toBe(etag);
    const content = response.body as RulesetVersion;
    expect(etag).toBe(`"${hashOf(content)}"`);
    expect(content.metadata).toEqual(
      expect.objectContaining({ key: KEY, version: '2021', effectiveFrom: '2021-01-01' }),
    );
    expect(content.tests.length).toBeGreaterThan(0);
    expect(content.tests.every((t) => t.asOf.startsWith('2021-'))).toBe(true);
    expectProblem(await http().get(DRAFT).set(bearer(caseworkerKey)), 403);
  });

  it('the copied draft validates as it is: its embedded tests were carried into 2021', async () => {
    const report = await validate(editor1);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.tests.failed).toBe(0);
    const household = (HOUSEHOLDS[0] as { household: ReferenceHousehold }).household;
    const evaluation = await evaluate(editor1, household, '2021-06-30', '2021');
    expect(evaluation.status).toBe(200);
    expect((evaluation.body as DeterminationBody).ruleset.version).toBe('2021');
  });

  it('PUT without If-Match is 428; with the ETag it saves (200, new ETag); with the old ETag it is 412', async () => {
    const content = await readDraft();
    parameterOf(content, 'dibao.standard.urban').values.forEach((v) => {
      v.value = plusFen(v.value as string, URBAN_RAISE_FEN);
    });
    const ratioValue = parameterOf(content, 'dibao.consumptionRatio').values[0];
    if (!ratioValue) throw new Error('dibao.consumptionRatio has no value');
    ratioValue.value = NEW_CONSUMPTION_RATIO;
    content.tests = testCases(params2021, '2021-03-15');
    firstEditContent = content;

    expectProblem(await putDraft(editor1, content), 428);

    const saved = await putDraft(editor1, content, etag);
    expect(saved.status).toBe(200);
    const newEtag = etagOf(saved);
    expect(newEtag).not.toBe(etag);
    expect(saved.body).toEqual(
      expect.objectContaining({ version: '2021', status: 'draft', updatedBy: 'editor1' }),
    );
    expect(newEtag).toBe(`"${(saved.body as VersionSummaryBody).contentHash}"`);

    const stale = await putDraft(editor1, content, etag);
    expectProblem(stale, 412);
    expectProblem(await putDraft(editor1, content, '"sha256:not-a-hash"'), 412);
    const elsewhere = structuredClone(content);
    elsewhere.metadata.version = '2020';
    const misnamed = expectProblem(await putDraft(editor1, elsewhere, newEtag), 422);
    expect(misnamed.errors).toEqual([expect.objectContaining({ path: '/metadata/version' })]);
    const invalid = expectProblem(await putDraft(editor1, { ...content, parameters: 'none' }, newEtag), 422);
    expect(invalid.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/parameters' })]),
    );

    const reread = await http().get(DRAFT).set(bearer(editor1));
    expect(etagOf(reread)).toBe(newEtag);
    expect(newEtag).toBe(`"${hashOf(reread.body)}"`);
    expect(reread.body).toEqual(content);
    expect(parameterOf(reread.body as RulesetVersion, 'dibao.consumptionRatio').values[0]?.value).toBe(
      NEW_CONSUMPTION_RATIO,
    );
    etag = newEtag;
  });

  it('saving the same content again changes nothing: same ETag, no new audit entry', async () => {
    const audit = async () =>
      (
        await http()
          .get('/api/v1/audit')
          .query({ ruleset: KEY, version: '2021' })
          .set(bearer(service.adminToken))
      ).body as unknown[];
    const before = (await audit()).length;
    const current = await http().get(DRAFT).set(bearer(editor1));
    const again = await putDraft(editor1, current.body, etag);
    expect(again.status).toBe(200);
    expect(etagOf(again)).toBe(etag);
    expect((await audit()).length).toBe(before);
  });

  it('the edited draft validates: no errors, and its own test cases all pass', async () => {
    const report = await validate(editor1);
    expect(report).toEqual({
      valid: true,
      errors: [],
      warnings: expect.any(Array),
      tests: { passed: HOUSEHOLDS.length, failed: 0 },
    });
  });

  it('an editor may evaluate the draft by its label before it is published; a caseworker may not', async () => {
    for (const { household } of HOUSEHOLDS) {
      const response = await evaluate(editor1, household, '2021-06-30', '2021');
      expect(response.status).toBe(200);
      const body = response.body as DeterminationBody;
      expect(body.ruleset.version).toBe('2021');
      expect(linesOf(body)).toEqual(
        expectedFor(household, '2021-06-30', params2021.get(household.jurisdiction) as Parameters),
      );
    }
    const household = (HOUSEHOLDS[0] as { household: ReferenceHousehold }).household;
    expectProblem(await evaluate(caseworkerKey, household, '2021-06-30', '2021'), 403);
    // Unpublished, it is not in force: a caseworker on a 2021 date still gets "2020".
    const inForce = await evaluate(caseworkerKey, household, '2021-06-30');
    expect(inForce.status).toBe(200);
    expect((inForce.body as DeterminationBody).ruleset.version).toBe('2020');
  });

  it('validate reports a broken draft (orphan allowance under its floor) with the constraint path', async () => {
    const broken = structuredClone(firstEditContent);
    const orphan = parameterOf(broken, 'orphan.allowance.scattered').values[0];
    if (!orphan) throw new Error('orphan.allowance.scattered has no value');
    orphan.value = '500.00';
    // Two editors save on the same ETag at once: exactly one wins, the other is told it is stale.
    const race = await Promise.all([putDraft(editor1, broken, etag), putDraft(editor1, broken, etag)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 412]);
    const saved = race.find((r) => r.status === 200) as Response;
    etag = etagOf(saved);

    const report = await validate(editor1);
    expect(report.valid).toBe(false);
    const index = broken.constraints.findIndex((c) => c.id === 'orphan-scattered-floor');
    expect(index).toBeGreaterThanOrEqual(0);
    expect(report.errors).toEqual([
      expect.objectContaining({
        path: `/constraints/${index}/assert`,
        constraint: 'orphan-scattered-floor',
        message: expect.stringContaining('500'),
      }),
    ]);
    expect(report.tests).toEqual({ passed: HOUSEHOLDS.length, failed: 0 });
    expectProblem(await http().post(`${DRAFT}/submit`).set(bearer(editor1)), 422);
  });

  it('approver2 (approver and editor) fixes the draft again and so becomes its last editor', async () => {
    const fixed = await putDraft(approver2, firstEditContent, etag);
    expect(fixed.status).toBe(200);
    expect((fixed.body as VersionSummaryBody).updatedBy).toBe('approver2');
    etag = etagOf(fixed);
    const report = await validate(approver2);
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
  });

  it('submit moves the draft to in_review, after which it cannot be edited', async () => {
    const submitted = await http().post(`${DRAFT}/submit`).set(bearer(editor1));
    expect(submitted.status).toBe(200);
    expect((submitted.body as VersionSummaryBody).status).toBe('in_review');
    expectProblem(await putDraft(editor1, firstEditContent, etag), 409);
  });

  it('publish: an editor without the approver role gets 403, the last editor gets 403 (four eyes)', async () => {
    expectProblem(await http().post(`${DRAFT}/publish`).set(bearer(editor1)), 403);
    const fourEyes = expectProblem(await http().post(`${DRAFT}/publish`).set(bearer(approver2)), 403);
    expect(fourEyes.detail).toMatch(/four-eyes/);
    const list = await http().get(VERSIONS).set(bearer(editor1));
    expect((list.body as VersionSummaryBody[]).find((v) => v.version === '2021')?.status).toBe('in_review');
  });

  it('another approver publishes it', async () => {
    // 2021-01-01 is in the past: publishing changes answers already given, so it is acknowledged.
    const published = await http()
      .post(`${DRAFT}/publish`)
      .set(bearer(approver1))
      .send({ acknowledgeRetroactive: true });
    expect(published.status).toBe(200);
    expect(published.body).toEqual(
      expect.objectContaining({
        version: '2021',
        status: 'published',
        publishedBy: 'approver1',
        publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        contentHash: etag.replace(/"/g, ''),
      }),
    );
    const list = await http().get(VERSIONS).set(bearer(caseworkerKey));
    expect((list.body as VersionSummaryBody[]).map((v) => [v.version, v.status])).toEqual([
      ['2017-02', 'published'],
      ['2017-10', 'published'],
      ['2018', 'published'],
      ['2019', 'published'],
      ['2020', 'published'],
      ['2021', 'published'],
    ]);
    const read = await http().get(DRAFT).set(bearer(caseworkerKey));
    expect(read.status).toBe(200);
    expect(etagOf(read)).toBe(etag);
  });

  it('evaluation picks "2021" from 2021-01-01 and "2020" before, with the reference amounts', async () => {
    for (const { household } of HOUSEHOLDS) {
      const in2021 = await evaluate(caseworkerKey, household, '2021-06-30');
      expect(in2021.status).toBe(200);
      expect((in2021.body as DeterminationBody).ruleset.version).toBe('2021');
      expect(linesOf(in2021.body as DeterminationBody)).toEqual(
        expectedFor(household, '2021-06-30', params2021.get(household.jurisdiction) as Parameters),
      );
      const in2020 = await evaluate(caseworkerKey, household, '2020-12-31');
      expect(in2020.status).toBe(200);
      expect((in2020.body as DeterminationBody).ruleset.version).toBe('2020');
      expect(linesOf(in2020.body as DeterminationBody)).toEqual(
        expectedFor(household, '2020-12-31', params2020.get(household.jurisdiction) as Parameters),
      );
    }
  });

  it('GET parameters on a 2021 date shows the raised values', async () => {
    for (const code of JURISDICTIONS) {
      const response = await http()
        .get(`/api/v1/rulesets/${KEY}/parameters`)
        .query({ asOf: '2021-03-01', jurisdiction: code })
        .set(bearer(caseworkerKey));
      expect(response.status).toBe(200);
      const body = response.body as {
        version: { version: string };
        jurisdiction: string;
        parameters: Parameters;
      };
      expect(body.version.version).toBe('2021');
      expect(body.jurisdiction).toBe(code);
      expect(body.parameters).toEqual(params2021.get(code));
    }
    expect(params2021.get('420302')?.['dibao.standard.urban']).toBe(
      plusFen(params2020.get('420302')?.['dibao.standard.urban'] as string, URBAN_RAISE_FEN),
    );
  });

  it('a published version never changes: PUT is 409 and the database guard refuses direct writes', async () => {
    expectProblem(await putDraft(editor1, firstEditContent, etag), 409);
    const db = service.app.get(DataSource);
    await expect(
      db.query(
        `UPDATE ruleset_versions SET content = jsonb_set(content, '{metadata,title,en}', '"x"') WHERE ruleset_key = $1 AND version = '2021'`,
        [KEY],
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      db.query(`UPDATE ruleset_versions SET effective_from = '2021-02-01' WHERE version = '2021'`),
    ).rejects.toThrow(/immutable/);
    await expect(db.query(`DELETE FROM ruleset_versions WHERE version = '2021'`)).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      db.query(`UPDATE ruleset_versions SET status = 'draft' WHERE version = '2021'`),
    ).rejects.toThrow(/can only be withdrawn/);
    await expect(db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_log WHERE version = '2021'`)).rejects.toThrow(/append-only/);
    const read = await http().get(DRAFT).set(bearer(caseworkerKey));
    expect(etagOf(read)).toBe(etag);
    expect((read.body as RulesetVersion).metadata.title.en).not.toBe('x');
  });

  /** The audit entries of "2021", newest first, as the audit test read them. */
  let audit: AuditEntryBody[] = [];
  const auditEntry = (action: string, nth = 0): AuditEntryBody => {
    const entry = audit.filter((e) => e.action === action)[nth];
    if (!entry) throw new Error(`no audit entry #${nth + 1} "${action}" in ${JSON.stringify(audit)}`);
    return entry;
  };

  it('the audit log lists the version newest first: published, submitted, edited ×3, drafted', async () => {
    const response = await http()
      .get('/api/v1/audit')
      .query({ ruleset: KEY, version: '2021' })
      .set(bearer(approver1));
    expect(response.status).toBe(200);
    audit = response.body as AuditEntryBody[];
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['published', 'approver1'],
      ['submitted', 'editor1'],
      ['edited', 'approver2'],
      ['edited', 'editor1'],
      ['edited', 'editor1'],
      ['drafted', 'editor1'],
    ]);
    for (const e of audit) {
      expect(e.ruleset).toBe(KEY);
      expect(e.version).toBe('2021');
      expect(new Date(e.at).toISOString()).toBe(e.at);
    }
    const times = audit.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(auditEntry('drafted').details).toEqual(
      expect.objectContaining({ basedOn: '2020', effectiveFrom: '2021-01-01' }),
    );
    expect(auditEntry('edited', 2).details.fromHash).toBe(createdEtag.replace(/"/g, ''));
    expect(auditEntry('edited', 0).details.toHash).toBe(etag.replace(/"/g, ''));
    expect(auditEntry('published').details).toEqual(
      expect.objectContaining({ from: 'in_review', to: 'published' }),
    );
  });

  it('the audit entries of later edits name each changed parameter with old → new', () => {
    expect(auditEntry('edited', 1).details.changes?.parameters).toEqual([
      expect.objectContaining({ parameter: 'orphan.allowance.scattered', old: '700.00', new: '500.00' }),
    ]);
    expect(auditEntry('edited', 0).details.changes?.parameters).toEqual([
      expect.objectContaining({ parameter: 'orphan.allowance.scattered', old: '500.00', new: '700.00' }),
    ]);
  });

  it('the audit entry of the first edit (from the copied, not yet valid draft) names the changed parameters', () => {
    const p2020 = params2020.get('420302') as Parameters;
    const p2021 = params2021.get('420302') as Parameters;
    expect(auditEntry('edited', 2).details.changes?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          parameter: 'dibao.standard.urban',
          jurisdiction: '420302',
          old: p2020['dibao.standard.urban'],
          new: p2021['dibao.standard.urban'],
        }),
        expect.objectContaining({
          parameter: 'dibao.consumptionRatio',
          jurisdiction: null,
          old: p2020['dibao.consumptionRatio'],
          new: NEW_CONSUMPTION_RATIO,
        }),
        expect.objectContaining({
          parameter: 'dibao.standard.rural',
          jurisdiction: '420302',
          old: p2020['dibao.standard.rural'],
          new: p2021['dibao.standard.rural'],
        }),
      ]),
    );
  });

  it('withdrawing "2021" (an approver, with a reason) makes 2021 dates fall back to "2020"', async () => {
    expectProblem(
      await http().post(`${DRAFT}/withdraw`).set(bearer(editor1)).send({ reason: 'wrong figures' }),
      403,
    );
    expectProblem(await http().post(`${DRAFT}/withdraw`).set(bearer(approver1)).send({}), 400);
    const reason = '标准测算有误 / the figures were wrong';
    const withdrawn = await http().post(`${DRAFT}/withdraw`).set(bearer(approver1)).send({ reason });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toEqual(
      expect.objectContaining({ version: '2021', status: 'withdrawn', withdrawnReason: reason }),
    );
    const household = (HOUSEHOLDS[1] as { household: ReferenceHousehold }).household;
    const response = await evaluate(caseworkerKey, household, '2021-06-30');
    expect(response.status).toBe(200);
    expect((response.body as DeterminationBody).ruleset.version).toBe('2020');
    expect(linesOf(response.body as DeterminationBody)).toEqual(
      expectedFor(household, '2021-06-30', params2020.get(household.jurisdiction) as Parameters),
    );
    const audit = await http()
      .get('/api/v1/audit')
      .query({ ruleset: KEY, version: '2021' })
      .set(bearer(service.adminToken));
    expect(audit.status).toBe(200);
    const [latest] = audit.body as AuditEntryBody[];
    expect(latest).toEqual(
      expect.objectContaining({
        action: 'withdrawn',
        actor: 'approver1',
        details: expect.objectContaining({ reason }),
      }),
    );
  });

  it('a withdrawn version stays withdrawn: publishing it again is 409, and the database refuses it too', async () => {
    expectProblem(await http().post(`${DRAFT}/publish`).set(bearer(approver1)), 409);
    const db = service.app.get(DataSource);
    await expect(
      db.query(`UPDATE ruleset_versions SET status = 'published' WHERE version = '2021'`),
    ).rejects.toThrow(/can only be withdrawn/);
    await expect(db.query(`DELETE FROM ruleset_versions WHERE version = '2021'`)).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  // TRUNCATE fires no row trigger; statement triggers guard it.
  it('the database guard also refuses TRUNCATE of the audit log and of the versions', async () => {
    const db = service.app.get(DataSource);
    await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/audit_log cannot be truncated/);
    await expect(db.query('TRUNCATE ruleset_versions')).rejects.toThrow(
      /ruleset_versions cannot be truncated/,
    );
  });
});
