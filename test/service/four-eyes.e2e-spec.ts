/**
 * Four eyes by person, and one published version per date even under a race: an official cannot
 * publish what they drafted or edited by switching to an API key, a service account never publishes,
 * and two approvers publishing two versions of the same effective date at once get exactly one 200
 * and one 409 (the partial unique index; on PostgreSQL the two requests really run concurrently).
 */
import type { Response } from 'supertest';
import type { RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { bootService, createOfficial, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;

describe('four eyes by person, and the publication race', () => {
  let service: TestService;
  let approverA: string;
  let approverB: string;
  let editorApprover: string;

  async function createKey(token: string, name: string, roles: string[]): Promise<string> {
    const response = await service.http.post('/api/v1/api-keys').set(bearer(token)).send({ name, roles });
    expect(response.status).toBe(201);
    return (response.body as { key: string }).key;
  }

  /**
   * Drafts `label` from 2020 with `effectiveFrom` (in 2020, so the copied tests still hold), edits it
   * (a new title) with `editor`, submits it.
   */
  async function inReview(
    drafter: string,
    editor: string,
    label: string,
    effectiveFrom: string,
  ): Promise<void> {
    const created = await service.http
      .post(VERSIONS)
      .set(bearer(drafter))
      .send({ version: label, basedOn: '2020', effectiveFrom });
    expect(created.status).toBe(201);
    const content = (await service.http.get(`${VERSIONS}/${label}`).set(bearer(editor)))
      .body as RulesetVersion;
    // The copied embedded tests from before the new effective date no longer apply to it.
    content.tests = content.tests.filter((t) => t.asOf >= effectiveFrom);
    content.metadata.title = {
      zh: `${content.metadata.title.zh}(${label})`,
      en: `${content.metadata.title.en} (${label})`,
    };
    const edited = await service.http
      .put(`${VERSIONS}/${label}`)
      .set(bearer(editor))
      .set('If-Match', created.headers['etag'] as string)
      .send(content);
    expect(edited.status).toBe(200);
    const submitted = await service.http.post(`${VERSIONS}/${label}/submit`).set(bearer(editor));
    expect(submitted.status).toBe(200);
  }

  const publish = (token: string, label: string): Promise<Response> =>
    // The drafts take effect in 2020, in the past: each publish acknowledges it.
    service.http
      .post(`${VERSIONS}/${label}/publish`)
      .set(bearer(token))
      .send({ acknowledgeRetroactive: true }) as unknown as Promise<Response>;

  beforeAll(async () => {
    service = await bootService();
    approverA = await createOfficial(service, 'approver.a', ['approver']);
    approverB = await createOfficial(service, 'approver.b', ['approver']);
    editorApprover = await createOfficial(service, 'editor.approver', ['editor', 'approver']);
  });
  afterAll(async () => {
    await service?.close();
  });

  it('the admin cannot publish their own draft through an approver API key they created (403)', async () => {
    await inReview(service.adminToken, service.adminToken, '2020-b1', '2020-03-01');
    const key = await createKey(service.adminToken, 'admin approver key', ['approver']);
    const refused = expectProblem(await publish(key, '2020-b1'), 403);
    expect(refused.detail).toMatch(/four-eyes/);
    expect(refused.detail).toMatch(/admin/);
    expect((await publish(approverA, '2020-b1')).status).toBe(200);
  });

  it('an official who only edited (through an API key of theirs) cannot publish through their login token', async () => {
    // Only admins create keys: the admin, who holds every role, edits through an editor key of theirs.
    const editKey = await createKey(service.adminToken, 'admin editor key', ['editor']);
    await inReview(editorApprover, editKey, '2020-b2', '2020-03-02');
    const refused = expectProblem(await publish(service.adminToken, '2020-b2'), 403);
    expect(refused.detail).toMatch(/admin/);
    expect((await publish(approverB, '2020-b2')).status).toBe(200);
  });

  it('the official who only drafted cannot publish either', async () => {
    await inReview(editorApprover, service.adminToken, '2020-b3', '2020-03-03');
    expectProblem(await publish(editorApprover, '2020-b3'), 403);
    expect((await publish(approverA, '2020-b3')).status).toBe(200);
  });

  it('the admin cannot publish what a service account key they created drafted and edited', async () => {
    const response = await service.http
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: 'import system', roles: ['editor'], serviceAccount: true });
    expect(response.status).toBe(201);
    const systemKey = (response.body as { key: string }).key;
    await inReview(systemKey, systemKey, '2020-b4', '2020-03-04');
    const refused = expectProblem(await publish(service.adminToken, '2020-b4'), 403);
    expect(refused.detail).toMatch(/four-eyes/);
    expect((await publish(approverA, '2020-b4')).status).toBe(200);
  });

  it('a service account never publishes: it cannot be given the approver role', async () => {
    const refused = await service.http
      .post('/api/v1/api-keys')
      .set(bearer(service.adminToken))
      .send({ name: 'county case system', roles: ['approver'], serviceAccount: true });
    expect(expectProblem(refused, 422).errors?.map((e) => e.path)).toContainEqual(
      expect.stringMatching(/roles/),
    );
  });

  it('two versions of one effective date published at once: exactly one 200 and one 409', async () => {
    await inReview(service.adminToken, service.adminToken, '2020-ra', '2020-03-10');
    await inReview(service.adminToken, service.adminToken, '2020-rb', '2020-03-10');
    const [first, second] = await Promise.all([publish(approverA, '2020-ra'), publish(approverB, '2020-rb')]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = (first.status === 409 ? first : second) as Response;
    expect(expectProblem(loser, 409).detail).toMatch(/2020-03-10/);
    const versions = (await service.http.get(VERSIONS).set(bearer(approverA))).body as {
      version: string;
      status: string;
    }[];
    const published = versions.filter((v) => v.version.startsWith('2020-r') && v.status === 'published');
    expect(published).toHaveLength(1);
    const winner = (first.status === 200 ? '2020-ra' : '2020-rb') as string;
    expect(published[0]?.version).toBe(winner);
    const inForce = await service.http
      .get(`/api/v1/rulesets/${KEY}/parameters`)
      .query({ asOf: '2020-03-15', jurisdiction: '420325' })
      .set(bearer(approverA));
    expect((inForce.body as { version: { version: string } }).version.version).toBe(winner);
  });

  it('the database itself refuses a second published version of the same date', async () => {
    const { DataSource } = await import('typeorm');
    const dataSource = service.app.get(DataSource);
    await expect(
      dataSource.query(
        `UPDATE ruleset_versions SET status = 'published' WHERE ruleset_key = $1 AND status = 'in_review' AND effective_from = '2020-03-10'`,
        [KEY],
      ),
    ).rejects.toThrow(/ruleset_versions_one_published_per_date/);
  });
});
