/**
 * Accepting a draft's test results writes each test's computed lines into its `expected`, which can
 * make the stored draft several times larger than the PUT that sent it. A draft must stay one that
 * a PUT can send back, so an acceptance that would make it larger than BODY_LIMIT is a 422 naming
 * `/tests`, and nothing is saved.
 */
import type { Response } from 'supertest';
import type { RulesetVersion, TestCaseT } from '../../api/src/engine/schema/ruleset.schema';
import { bootService, createOfficial, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const VERSIONS = `/api/v1/rulesets/${KEY}/versions`;
const LIMIT_KB = 256;

/** A test of five members (elderly and disabled ones: many benefit lines) that expects nothing. */
function bareTest(template: TestCaseT, i: number): TestCaseT {
  return {
    ...template,
    name: `grown ${i}`,
    expected: { benefits: [] },
    household: {
      ...(template.household as Record<string, unknown>),
      members: Array.from({ length: 5 }, (_, j) => ({
        id: `m${j}`,
        birthDate: j % 2 ? '1950-01-01' : '2015-01-01',
        disabilityGrade: 1,
      })),
    },
  };
}

describe(`accepting test results keeps a draft within BODY_LIMIT (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let editor: string;

  beforeAll(async () => {
    service = await bootService({ BODY_LIMIT: `${LIMIT_KB}kb` });
    editor = await createOfficial(service, 'editor-size', ['editor']);
  });
  afterAll(async () => {
    await service?.close();
  });

  /** A new draft whose tests are `count` bare tests, saved with PUT; returns its ETag. */
  async function draftWithBareTests(label: string, count: number | 'fill'): Promise<string> {
    const created = await service.http
      .post(VERSIONS)
      .set(bearer(editor))
      .send({ version: label, basedOn: '2020', effectiveFrom: '2031-01-01' });
    expect(created.status).toBe(201);
    const content = (await service.http.get(`${VERSIONS}/${label}`).set(bearer(editor)))
      .body as RulesetVersion;
    const template = content.tests[1] as TestCaseT;
    content.tests = [];
    // 'fill': as many bare tests as keep the PUT body within 90% of the limit.
    const target = count === 'fill' ? Number.POSITIVE_INFINITY : count;
    for (let i = 0; i < target; i++) {
      content.tests.push(bareTest(template, i));
      if (count === 'fill' && Buffer.byteLength(JSON.stringify(content)) > LIMIT_KB * 1024 * 0.9) {
        content.tests.pop();
        break;
      }
    }
    const saved: Response = await service.http
      .put(`${VERSIONS}/${label}`)
      .set(bearer(editor))
      .set('If-Match', created.headers['etag'] as string)
      .send(content);
    expect(saved.status).toBe(200);
    return saved.headers['etag'] as string;
  }

  it('refuses (422 naming /tests) an acceptance that would make the draft larger than BODY_LIMIT; nothing is saved', async () => {
    const etag = await draftWithBareTests('grown', 'fill');
    const refused = expectProblem(
      await service.http
        .post(`${VERSIONS}/grown/tests/accept`)
        .set(bearer(editor))
        .set('If-Match', etag)
        .send({ tests: 'all' }),
      422,
    );
    expect(refused.errors?.map((e) => e.path)).toEqual(['/tests']);
    expect(refused.detail).toContain(`BODY_LIMIT (${LIMIT_KB * 1024} bytes)`);
    const after = await service.http.get(`${VERSIONS}/grown`).set(bearer(editor));
    expect(after.headers['etag']).toBe(etag);
    expect((after.body as RulesetVersion).tests.every((t) => t.expected.benefits.length === 0)).toBe(true);
  });

  it('says so in Chinese for Accept-Language: zh', async () => {
    const current = await service.http.get(`${VERSIONS}/grown`).set(bearer(editor));
    const refused = expectProblem(
      await service.http
        .post(`${VERSIONS}/grown/tests/accept`)
        .set(bearer(editor))
        .set('If-Match', current.headers['etag'] as string)
        .set('Accept-Language', 'zh-CN')
        .send({ tests: 'all' }),
      422,
    );
    expect(refused.detail).toContain('超过 BODY_LIMIT');
  });

  it('accepts the same kind of tests when the result fits, and the draft can then be sent back with PUT', async () => {
    const etag = await draftWithBareTests('small', 5);
    const accepted = await service.http
      .post(`${VERSIONS}/small/tests/accept`)
      .set(bearer(editor))
      .set('If-Match', etag)
      .send({ tests: 'all' });
    expect(accepted.status).toBe(200);
    const current = await service.http.get(`${VERSIONS}/small`).set(bearer(editor));
    const content = current.body as RulesetVersion;
    expect(content.tests.every((t) => t.expected.benefits.length > 0)).toBe(true);
    const putBack = await service.http
      .put(`${VERSIONS}/small`)
      .set(bearer(editor))
      .set('If-Match', current.headers['etag'] as string)
      .send(content);
    expect(putBack.status).toBe(200);
  });
});
