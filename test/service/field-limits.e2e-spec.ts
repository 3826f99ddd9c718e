/**
 * What the API accepts, the database stores: every text column the migrations create is as long as
 * the entity declares and as FIELD_LIMITS says, and values at each limit are stored while values one
 * past it are refused with 400/422 naming the field (never a 500 from the database).
 */
import { DataSource } from 'typeorm';
import { DATE_RANGE, FIELD_LIMITS } from '../../api/src/common/field-limits';
import type { RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { bootService, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;

/** Columns whose length FIELD_LIMITS decides, as `table.column` → limit name. */
const GOVERNED: Record<string, keyof typeof FIELD_LIMITS> = {
  'rulesets.key': 'rulesetKey',
  'ruleset_versions.ruleset_key': 'rulesetKey',
  'ruleset_versions.version': 'versionLabel',
  'ruleset_versions.based_on': 'versionLabel',
  'ruleset_versions.created_by': 'username',
  'ruleset_versions.updated_by': 'username',
  'ruleset_versions.submitted_by': 'username',
  'ruleset_versions.published_by': 'username',
  'ruleset_versions.withdrawn_by': 'username',
  'users.username': 'username',
  'audit_log.actor': 'username',
  'audit_log.action': 'auditAction',
  'audit_log.ruleset_key': 'rulesetKey',
  'audit_log.version': 'versionLabel',
};

describe('field limits: the API accepts only what the database stores', () => {
  let service: TestService;
  let dataSource: DataSource;

  beforeAll(async () => {
    service = await bootService();
    dataSource = service.app.get(DataSource);
  });
  afterAll(async () => {
    await service?.close();
  });

  it('creates every text column with the length its entity declares', async () => {
    const rows = (await dataSource.query(
      `SELECT table_name, column_name, character_maximum_length AS length
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type = 'character varying'`,
    )) as { table_name: string; column_name: string; length: number }[];
    const inDatabase = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, Number(r.length)]));
    const declared = new Map<string, number>();
    for (const entity of dataSource.entityMetadatas)
      for (const column of entity.columns)
        if (column.length) declared.set(`${entity.tableName}.${column.databaseName}`, Number(column.length));
    expect(declared.size).toBeGreaterThan(15);
    for (const [column, length] of declared)
      expect([column, inDatabase.get(column)]).toEqual([column, length]);
  });

  it('declares the governed columns with FIELD_LIMITS', () => {
    for (const [column, limit] of Object.entries(GOVERNED)) {
      const [table, name] = column.split('.') as [string, string];
      const entity = dataSource.entityMetadatas.find((e) => e.tableName === table);
      const length = entity?.columns.find((c) => c.databaseName === name)?.length;
      expect([column, Number(length)]).toEqual([column, FIELD_LIMITS[limit]]);
    }
  });

  it('stores a version label of the longest allowed length and refuses one longer, naming the field', async () => {
    const longest = `v${'1'.repeat(FIELD_LIMITS.versionLabel - 1)}`;
    const created = await service.http
      .post(VERSIONS)
      .set(bearer(service.adminToken))
      .send({ version: longest, basedOn: '2020', effectiveFrom: '2031-01-01' });
    expect(created.status).toBe(201);
    const tooLong = await service.http
      .post(VERSIONS)
      .set(bearer(service.adminToken))
      .send({ version: `${longest}2`, basedOn: '2020', effectiveFrom: '2032-01-01' });
    expect(expectProblem(tooLong, 400).errors?.map((e) => e.path)).toEqual(['/version']);
  });

  it.each(['0000-01-01', '1899-12-31', '3000-01-01', '9999-12-31'])(
    'refuses the effective date %s on create and on PUT, naming the field',
    async (date) => {
      const created = await service.http
        .post(VERSIONS)
        .set(bearer(service.adminToken))
        .send({ version: `d${date.slice(0, 4)}`, basedOn: '2020', effectiveFrom: date });
      const problem = expectProblem(created, 400);
      expect(problem.errors).toEqual([
        { path: '/effectiveFrom', message: expect.stringContaining(DATE_RANGE.min) },
      ]);

      const label = `put${date.slice(0, 4)}`;
      const draft = await service.http
        .post(VERSIONS)
        .set(bearer(service.adminToken))
        .send({ version: label, basedOn: '2020', effectiveFrom: '2033-01-01' });
      expect(draft.status).toBe(201);
      const content = (await service.http.get(`${VERSIONS}/${label}`).set(bearer(service.adminToken)))
        .body as RulesetVersion;
      content.metadata.effectiveFrom = date;
      const put = await service.http
        .put(`${VERSIONS}/${label}`)
        .set(bearer(service.adminToken))
        .set('If-Match', draft.headers['etag'] as string)
        .send(content);
      expect(expectProblem(put, 422).errors).toEqual([
        { path: '/metadata/effectiveFrom', message: expect.stringContaining(DATE_RANGE.max) },
      ]);
    },
  );

  it('refuses at PUT a ruleset text longer than its limit, naming the field, and saves nothing', async () => {
    const label = 'longtext';
    const draft = await service.http
      .post(VERSIONS)
      .set(bearer(service.adminToken))
      .send({ version: label, basedOn: '2020', effectiveFrom: '2034-01-01' });
    expect(draft.status).toBe(201);
    const content = (await service.http.get(`${VERSIONS}/${label}`).set(bearer(service.adminToken)))
      .body as RulesetVersion;
    content.benefits[0]!.label.zh = 'a'.repeat(950_000);
    const put = await service.http
      .put(`${VERSIONS}/${label}`)
      .set(bearer(service.adminToken))
      .set('If-Match', draft.headers['etag'] as string)
      .send(content);
    expect(expectProblem(put, 422).errors).toEqual([
      {
        path: '/benefits/0/label/zh',
        code: 'schema',
        message: expect.stringContaining('at most 200 characters'),
      },
    ]);
    const after = await service.http.get(`${VERSIONS}/${label}`).set(bearer(service.adminToken));
    expect(after.headers['etag']).toBe(draft.headers['etag']);
  });

  it('refuses a copy whose carried dates would leave the range (2020 into 2999-12-31), naming /effectiveFrom', async () => {
    const created = await service.http
      .post(VERSIONS)
      .set(bearer(service.adminToken))
      .send({ version: 'x2999', basedOn: '2020', effectiveFrom: '2999-12-31' });
    // Tests move by 980 years: the review date 2021-12-31 would become 3001-12-31.
    expect(expectProblem(created, 422).errors).toEqual([
      { path: '/effectiveFrom', message: expect.stringContaining('3001-12-31') },
    ]);
    expect(created.body.errors[0].message).toContain(DATE_RANGE.max);
    const nothing = await service.http.get(`${VERSIONS}/x2999`).set(bearer(service.adminToken));
    expectProblem(nothing, 404);
    // The last effective date whose copy fits: every carried date up to 2999-12-31.
    const fits = await service.http
      .post(VERSIONS)
      .set(bearer(service.adminToken))
      .send({ version: 'x2998', basedOn: '2020', effectiveFrom: '2998-01-01' });
    expect(fits.status).toBe(201);
  });

  it('accepts the first and last dates of the range for evaluation dates', async () => {
    for (const asOf of [DATE_RANGE.min, DATE_RANGE.max]) {
      const response = await service.http
        .get(`/api/v1/rulesets/${KEY}/parameters`)
        .query({ asOf, jurisdiction: '420325' })
        .set(bearer(service.adminToken));
      // Before the first version nothing is in force (404); after the last one it answers.
      expect([404, 200]).toContain(response.status);
      if (asOf === DATE_RANGE.min) expectProblem(response, 404);
    }
    const outside = await service.http
      .get(`/api/v1/rulesets/${KEY}/parameters`)
      .query({ asOf: '0000-01-01', jurisdiction: '420325' })
      .set(bearer(service.adminToken));
    expect(expectProblem(outside, 400).errors?.map((e) => e.path)).toEqual(['/asOf']);
  });

  it('reports one error per field: parameters without jurisdiction, or with a list of them', async () => {
    for (const query of [
      { asOf: '2020-06-30' },
      { asOf: '2020-06-30', jurisdiction: ['420325', '420302'] },
    ]) {
      const response = await service.http
        .get(`/api/v1/rulesets/${KEY}/parameters`)
        .query(query)
        .set(bearer(service.adminToken));
      expect(expectProblem(response, 400).errors).toEqual([
        { path: '/jurisdiction', message: 'must be a jurisdiction code such as "420325"' },
      ]);
    }
  });

  it('refuses audit filters longer than their columns', async () => {
    const response = await service.http
      .get('/api/v1/audit')
      .query({
        ruleset: 'k'.repeat(FIELD_LIMITS.rulesetKey + 1),
        version: 'v'.repeat(FIELD_LIMITS.versionLabel + 1),
      })
      .set(bearer(service.adminToken));
    expect(
      expectProblem(response, 400)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['/ruleset', '/version']);
  });

  it('pages through the audit log: limit at most 200, before=<id> for older entries', async () => {
    const all = await service.http.get('/api/v1/audit').query({ limit: 200 }).set(bearer(service.adminToken));
    const entries = all.body as { id: string }[];
    expect(entries.length).toBeGreaterThan(4);
    const first = await service.http.get('/api/v1/audit').query({ limit: 2 }).set(bearer(service.adminToken));
    const page = first.body as { id: string }[];
    expect(page.map((e) => e.id)).toEqual(entries.slice(0, 2).map((e) => e.id));
    const next = await service.http
      .get('/api/v1/audit')
      .query({ limit: 2, before: page[1]?.id })
      .set(bearer(service.adminToken));
    expect((next.body as { id: string }[]).map((e) => e.id)).toEqual(entries.slice(2, 4).map((e) => e.id));
    const tooMany = await service.http
      .get('/api/v1/audit')
      .query({ limit: 201 })
      .set(bearer(service.adminToken));
    expect(expectProblem(tooMany, 400).errors?.map((e) => e.path)).toEqual(['/limit']);
  });

  it('never rounds a paging number: limit=2.9999999999999999999 or before=<id>.0000000000000000001 is 400', async () => {
    const audit = (query: Record<string, string>) =>
      service.http.get('/api/v1/audit').query(query).set(bearer(service.adminToken));
    const newest = ((await audit({ limit: '1' })).body as { id: string }[])[0]?.id as string;
    for (const [name, value] of [
      ['limit', '2.9999999999999999999'],
      ['limit', '200.0000000000000000001'],
      ['limit', '1e2'],
      ['limit', '9'.repeat(16)],
      ['before', `${newest}.0000000000000000001`],
    ] as const) {
      const problem = expectProblem(await audit({ [name]: value }), 400);
      expect([...new Set(problem.errors?.map((e) => e.path))]).toEqual([`/${name}`]);
    }
    expect((await audit({ limit: '3' })).body).toHaveLength(3);
  });
});
