/**
 * Publication safety over HTTP, with "today" fixed through the service's one clock: publishing a
 * version from a past date needs an acknowledgement (and validate warns of it), withdrawing a version
 * whose dates nothing else covers needs one too, answers past a version's review date carry a
 * warning, analysts and approvers may evaluate versions before publication, and a version in review
 * can be returned to draft for more edits.
 */
import type { Response } from 'supertest';
import { Clock } from '../../api/src/common/clock';
import type { RulesetVersion } from '../../api/src/engine/schema/ruleset.schema';
import { bootService, createOfficial, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const RULESET = `/api/v1/rulesets/${KEY}`;
const VERSIONS = `${RULESET}/versions`;

const HOUSEHOLD = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '2400',
  assetsWithinLimit: true,
  members: [
    { id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 },
    { id: 'p2', birthDate: '1978-09-14' },
  ],
};

interface AuditEntryBody {
  actor: string;
  action: string;
  version: string | null;
  details: Record<string, unknown>;
}

interface Warning {
  code: string;
  message: string;
}

describe('publication safety, stale standards and who may evaluate what', () => {
  let service: TestService;
  let clock: Clock;
  let editor: string;
  let approver: string;
  let analyst: string;
  let caseworker: string;

  /** Fixes "today" in China to `date` (noon there). */
  const setToday = (date: string): void => {
    jest.spyOn(clock, 'now').mockReturnValue(new Date(`${date}T04:00:00Z`));
  };

  const post = (path: string, token: string, body?: object): Promise<Response> => {
    const req = service.http.post(path).set(bearer(token));
    return (body === undefined ? req : req.send(body)) as unknown as Promise<Response>;
  };

  const auditOf = async (version: string): Promise<AuditEntryBody[]> => {
    const response = await service.http
      .get('/api/v1/audit')
      .query({ ruleset: KEY, version })
      .set(bearer(service.adminToken));
    expect(response.status).toBe(200);
    return response.body as AuditEntryBody[];
  };

  const statusOf = async (version: string): Promise<string> => {
    const response = await service.http.get(VERSIONS).set(bearer(editor));
    return (response.body as { version: string; status: string }[]).find((v) => v.version === version)
      ?.status as string;
  };

  /**
   * Drafts `label` from `basedOn` from `effectiveFrom`, keeps the embedded tests that still apply
   * (on or after that date), applies `edit`, saves it and submits it.
   */
  async function inReview(
    label: string,
    basedOn: string,
    effectiveFrom: string,
    edit: (content: RulesetVersion) => void = () => undefined,
  ): Promise<void> {
    const created = await post(VERSIONS, editor, { version: label, basedOn, effectiveFrom });
    expect(created.status).toBe(201);
    const content = (await service.http.get(`${VERSIONS}/${label}`).set(bearer(editor)))
      .body as RulesetVersion;
    content.tests = content.tests.filter((t) => t.asOf >= effectiveFrom);
    edit(content);
    const saved = await service.http
      .put(`${VERSIONS}/${label}`)
      .set(bearer(editor))
      .set('If-Match', created.headers['etag'] as string)
      .send(content);
    expect(saved.status).toBe(200);
    const submitted = await post(`${VERSIONS}/${label}/submit`, editor);
    expect(submitted.status).toBe(200);
  }

  beforeAll(async () => {
    service = await bootService();
    clock = service.app.get(Clock);
    editor = await createOfficial(service, 'editor1', ['editor']);
    approver = await createOfficial(service, 'approver1', ['approver']);
    analyst = await createOfficial(service, 'analyst1', ['analyst']);
    caseworker = await createOfficial(service, 'caseworker1', ['caseworker']);
  });
  afterAll(async () => {
    await service?.close();
  });

  describe('answers past the review date of the version they use', () => {
    it('asked for 2026-03-01, answers from 2020 with the warning past-review-date (Chinese by default)', async () => {
      const response = await post(`${RULESET}/evaluate`, caseworker, {
        asOf: '2026-03-01',
        household: HOUSEHOLD,
      });
      expect(response.status).toBe(200);
      const body = response.body as { ruleset: { version: string }; warnings?: Warning[] };
      expect(body.ruleset.version).toBe('2020');
      expect(body.warnings).toEqual([
        { code: 'past-review-date', message: '所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时' },
      ]);
    });

    it('answers up to the review date without any warnings field, and warns from the day after', async () => {
      const onTheDay = await post(`${RULESET}/evaluate`, caseworker, {
        asOf: '2021-12-31',
        household: HOUSEHOLD,
      });
      expect(onTheDay.status).toBe(200);
      expect(onTheDay.body).not.toHaveProperty('warnings');
      const dayAfter = await post(`${RULESET}/evaluate`, caseworker, {
        asOf: '2022-01-01',
        household: HOUSEHOLD,
      });
      expect((dayAfter.body as { warnings?: Warning[] }).warnings?.map((w) => w.code)).toEqual([
        'past-review-date',
      ]);
      // The warning changes no amount: the same household on both days (nobody's age changes
      // between them) gets the same lines and totals.
      const { warnings: _w, asOf: _a, ...after } = dayAfter.body as Record<string, unknown>;
      const { asOf: _b, ...before } = onTheDay.body as Record<string, unknown>;
      expect(after).toEqual(before);
    });

    it('each determination of a batch carries the warning; a household the engine refuses does not', async () => {
      const response = await post(`${RULESET}/evaluate/batch`, caseworker, {
        asOf: '2026-03-01',
        households: [HOUSEHOLD, { ...HOUSEHOLD, jurisdiction: '999999' }, HOUSEHOLD],
      });
      expect(response.status).toBe(200);
      const results = (response.body as { results: { warnings?: Warning[]; status?: number }[] }).results;
      expect(results.map((r) => r.warnings?.[0]?.code ?? r.status)).toEqual([
        'past-review-date',
        422,
        'past-review-date',
      ]);
    });

    it('the parameters answer carries it too, with the very same parameters', async () => {
      const query = (asOf: string): Promise<Response> =>
        service.http
          .get(`${RULESET}/parameters`)
          .query({ asOf, jurisdiction: '420325' })
          .set(bearer(analyst)) as unknown as Promise<Response>;
      const current = await query('2020-06-30');
      const stale = await query('2026-03-01');
      expect(current.status).toBe(200);
      expect(current.body).not.toHaveProperty('warnings');
      expect(stale.status).toBe(200);
      const { warnings, ...rest } = stale.body as { warnings: Warning[] };
      expect(warnings).toEqual([
        { code: 'past-review-date', message: '所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时' },
      ]);
      expect(rest).toEqual(current.body);
    });
  });

  describe('publishing a version whose effectiveFrom is already past', () => {
    it('validate warns (code retroactive) only once effectiveFrom is before today, and the version stays valid', async () => {
      setToday('2020-12-20');
      await inReview('2021', '2020', '2021-01-01');
      const ahead = await post(`${VERSIONS}/2021/validate`, editor);
      expect(ahead.status).toBe(200);
      expect(ahead.body).toEqual(expect.objectContaining({ valid: true, warnings: [] }));

      setToday('2021-03-01');
      const late = await post(`${VERSIONS}/2021/validate`, editor);
      expect(late.status).toBe(200);
      const body = late.body as {
        valid: boolean;
        warnings: { path: string; code: string; message: string }[];
      };
      expect(body.valid).toBe(true);
      expect(body.warnings).toEqual([
        expect.objectContaining({ path: '/metadata/effectiveFrom', code: 'retroactive' }),
      ]);
      expect(body.warnings[0]?.message).toContain('2021-01-01 至 2021-03-01');
    });

    it('is refused (409) without acknowledgeRetroactive, naming the field and the dates, and changes nothing', async () => {
      const refused = expectProblem(await post(`${VERSIONS}/2021/publish`, approver), 409);
      expect(refused.errors).toEqual([expect.objectContaining({ path: '/acknowledgeRetroactive' })]);
      expect(refused.detail).toContain('2021-01-01 to 2021-03-01');
      expect(refused.detail).not.toMatch(/[\u4e00-\u9fff]/);
      expect(refused.errors?.[0]?.message).not.toMatch(/[\u4e00-\u9fff]/);
      const inChinese = expectProblem(
        (await service.http
          .post(`${VERSIONS}/2021/publish`)
          .set(bearer(approver))
          .set('Accept-Language', 'zh-CN')) as unknown as Response,
        409,
      );
      expect(inChinese.detail).toContain('发布将改变 2021-01-01 至 2021-03-01 已给出的答复');
      expect(inChinese.detail).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
      expect(inChinese.errors?.[0]).toEqual(
        expect.objectContaining({
          path: '/acknowledgeRetroactive',
          message: expect.stringContaining('追溯发布'),
        }),
      );
      const alsoRefused = expectProblem(
        await post(`${VERSIONS}/2021/publish`, approver, { acknowledgeRetroactive: false }),
        409,
      );
      expect(alsoRefused.errors?.[0]?.path).toBe('/acknowledgeRetroactive');
      const notBoolean = expectProblem(
        await post(`${VERSIONS}/2021/publish`, approver, { acknowledgeRetroactive: 'yes' }),
        400,
      );
      expect(notBoolean.errors?.map((e) => e.path)).toEqual(['/acknowledgeRetroactive']);
      expect(await statusOf('2021')).toBe('in_review');
      expect((await auditOf('2021')).map((e) => e.action)).not.toContain('published');
    });

    it('is published with the acknowledgement; the audit records effectiveFrom, retroactive and the dates', async () => {
      const published = await post(`${VERSIONS}/2021/publish`, approver, { acknowledgeRetroactive: true });
      expect(published.status).toBe(200);
      expect(published.body).toEqual(expect.objectContaining({ version: '2021', status: 'published' }));
      const [entry] = await auditOf('2021');
      expect(entry).toEqual(
        expect.objectContaining({
          action: 'published',
          actor: 'approver1',
          details: expect.objectContaining({
            effectiveFrom: '2021-01-01',
            retroactive: true,
            affectedDates: { from: '2021-01-01', to: '2021-03-01' },
          }),
        }),
      );
    });

    it('affects only the dates up to the next published version, and says so', async () => {
      await inReview('2020-07', '2020', '2020-07-01');
      const refused = expectProblem(await post(`${VERSIONS}/2020-07/publish`, approver), 409);
      // 2021 takes over on 2021-01-01: answers from then on do not change.
      expect(refused.detail).toContain('2020-07-01 to 2020-12-31');
      const published = await post(`${VERSIONS}/2020-07/publish`, approver, { acknowledgeRetroactive: true });
      expect(published.status).toBe(200);
      const [entry] = await auditOf('2020-07');
      expect(entry?.details).toEqual(
        expect.objectContaining({
          retroactive: true,
          affectedDates: { from: '2020-07-01', to: '2020-12-31' },
        }),
      );
    });

    it('needs no acknowledgement from today or a later date; the audit records retroactive: false', async () => {
      await inReview('2021-06', '2021', '2021-06-01');
      const validated = await post(`${VERSIONS}/2021-06/validate`, editor);
      expect((validated.body as { warnings: unknown[] }).warnings).toEqual([]);
      const published = await post(`${VERSIONS}/2021-06/publish`, approver);
      expect(published.status).toBe(200);
      const [entry] = await auditOf('2021-06');
      expect(entry?.details).toEqual(
        expect.objectContaining({ effectiveFrom: '2021-06-01', retroactive: false }),
      );
      expect(entry?.details).not.toHaveProperty('affectedDates');
    });
  });

  describe('withdrawing', () => {
    it('a version after another needs no acknowledgement, and a four-character Chinese reason is enough', async () => {
      const withdrawn = await post(`${VERSIONS}/2021-06/withdraw`, approver, { reason: '测算有误' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toEqual(
        expect.objectContaining({ status: 'withdrawn', withdrawnReason: '测算有误' }),
      );
      const [entry] = await auditOf('2021-06');
      expect(entry?.details).toEqual(expect.objectContaining({ reason: '测算有误' }));
      expect(entry?.details).not.toHaveProperty('uncoveredDates');
    });

    it('refuses a reason that is blank, one character, or longer than 2000 characters (400 naming reason)', async () => {
      for (const reason of ['', '   ', '误', '\u200b\u200b', ' 误\t', 'x'.repeat(2001), 42]) {
        const problem = expectProblem(await post(`${VERSIONS}/2021/withdraw`, approver, { reason }), 400);
        expect(problem.errors?.map((e) => e.path)).toEqual(['/reason']);
      }
      expect(await statusOf('2021')).toBe('published');
    });

    it('the first version leaves its dates uncovered: refused (409) without acknowledgeUncoveredDates', async () => {
      const refused = expectProblem(
        await post(`${VERSIONS}/2017-02/withdraw`, approver, { reason: '测算有误' }),
        409,
      );
      expect(refused.errors).toEqual([expect.objectContaining({ path: '/acknowledgeUncoveredDates' })]);
      expect(refused.detail).toContain('2017-02-25 – 2017-09-30');
      expect(refused.detail).not.toMatch(/[\u4e00-\u9fff]/);
      const inChinese = expectProblem(
        (await service.http
          .post(`${VERSIONS}/2017-02/withdraw`)
          .set(bearer(approver))
          .set('Accept-Language', 'zh')
          .send({ reason: '测算有误' })) as unknown as Response,
        409,
      );
      expect(inChinese.detail).toContain('2017-02-25 – 2017-09-30 将没有生效的版本');
      expect(inChinese.detail).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
      expect(inChinese.errors?.[0]?.message).toContain('没有生效的版本');
      expect(await statusOf('2017-02')).toBe('published');
      const stillAnswered = await post(`${RULESET}/evaluate`, caseworker, {
        asOf: '2017-06-30',
        household: HOUSEHOLD,
      });
      expect(stillAnswered.status).toBe(200);
    });

    it('with the acknowledgement it is withdrawn, the audit records the uncovered dates, and they answer 404', async () => {
      const withdrawn = await post(`${VERSIONS}/2017-02/withdraw`, approver, {
        reason: '测算有误',
        acknowledgeUncoveredDates: true,
      });
      expect(withdrawn.status).toBe(200);
      const [entry] = await auditOf('2017-02');
      expect(entry?.details).toEqual(
        expect.objectContaining({ uncoveredDates: [{ from: '2017-02-25', to: '2017-09-30' }] }),
      );
      expectProblem(
        await post(`${RULESET}/evaluate`, caseworker, { asOf: '2017-06-30', household: HOUSEHOLD }),
        404,
      );
      const nextDay = await post(`${RULESET}/evaluate`, caseworker, {
        asOf: '2017-10-01',
        household: HOUSEHOLD,
      });
      expect(nextDay.status).toBe(200);
    });
  });

  describe('evaluating versions before publication', () => {
    const evaluate = (token: string, version: string): Promise<Response> =>
      post(`${RULESET}/evaluate`, token, { asOf: '2022-06-30', household: HOUSEHOLD, version });

    it('a draft: editors and analysts may, approvers and caseworkers may not (403)', async () => {
      const created = await post(VERSIONS, editor, {
        version: '2022',
        basedOn: '2021',
        effectiveFrom: '2022-01-01',
      });
      expect(created.status).toBe(201);
      expect((await evaluate(editor, '2022')).status).toBe(200);
      const byAnalyst = await evaluate(analyst, '2022');
      expect(byAnalyst.status).toBe(200);
      expect((byAnalyst.body as { ruleset: { version: string } }).ruleset.version).toBe('2022');
      expectProblem(await evaluate(approver, '2022'), 403);
      expectProblem(await evaluate(caseworker, '2022'), 403);
    });

    it("a draft answers with its own review date's warning (carried forward to 2023-12-31)", async () => {
      expect((await evaluate(analyst, '2022')).body).not.toHaveProperty('warnings');
      const later = await post(`${RULESET}/evaluate`, analyst, {
        asOf: '2024-06-30',
        household: HOUSEHOLD,
        version: '2022',
      });
      expect((later.body as { warnings?: Warning[] }).warnings).toEqual([
        { code: 'past-review-date', message: '所用版本 2022 的标准应于 2023-12-31 前复核,可能已过时' },
      ]);
    });
  });

  describe('a review date', () => {
    it('not after effectiveFrom makes the draft invalid, naming metadata/reviewBy', async () => {
      const current = await service.http.get(`${VERSIONS}/2022`).set(bearer(editor));
      const content = current.body as RulesetVersion;
      content.metadata.reviewBy = '2021-12-31';
      const saved = await service.http
        .put(`${VERSIONS}/2022`)
        .set(bearer(editor))
        .set('If-Match', current.headers['etag'] as string)
        .send(content);
      expect(saved.status).toBe(200);
      const report = await post(`${VERSIONS}/2022/validate`, editor);
      expect(report.status).toBe(200);
      expect(report.body).toEqual(
        expect.objectContaining({
          valid: false,
          errors: [expect.objectContaining({ path: '/metadata/reviewBy', code: 'review-date' })],
        }),
      );
      expectProblem(await post(`${VERSIONS}/2022/submit`, editor), 422);
    });
  });

  describe('returning a version in review to draft', () => {
    const setReviewBy =
      (reviewBy: string) =>
      (content: RulesetVersion): void => {
        content.metadata.reviewBy = reviewBy;
      };

    it('needs the editor or approver role and a reason; it is audited as returned', async () => {
      await inReview('2023', '2021', '2023-01-01', setReviewBy('2024-12-31'));
      // In review, approvers and analysts may evaluate it; caseworkers still may not.
      const evaluate = (token: string): Promise<Response> =>
        post(`${RULESET}/evaluate`, token, { asOf: '2023-06-30', household: HOUSEHOLD, version: '2023' });
      expect((await evaluate(approver)).status).toBe(200);
      expect((await evaluate(analyst)).status).toBe(200);
      expectProblem(await evaluate(caseworker), 403);

      expectProblem(await post(`${VERSIONS}/2023/return`, analyst, { reason: '标准需调整' }), 403);
      expectProblem(await post(`${VERSIONS}/2023/return`, caseworker, { reason: '标准需调整' }), 403);
      const noReason = expectProblem(await post(`${VERSIONS}/2023/return`, approver, {}), 400);
      expect(noReason.errors?.map((e) => e.path)).toEqual(['/reason']);
      expect(await statusOf('2023')).toBe('in_review');

      const returned = await post(`${VERSIONS}/2023/return`, approver, { reason: '标准需调整' });
      expect(returned.status).toBe(200);
      expect(returned.body).toEqual(expect.objectContaining({ version: '2023', status: 'draft' }));
      const [entry] = await auditOf('2023');
      expect(entry).toEqual(
        expect.objectContaining({
          action: 'returned',
          actor: 'approver1',
          details: expect.objectContaining({ from: 'in_review', to: 'draft', reason: '标准需调整' }),
        }),
      );
    });

    it('after which the draft can be edited and submitted again', async () => {
      const current = await service.http.get(`${VERSIONS}/2023`).set(bearer(editor));
      const content = current.body as RulesetVersion;
      content.metadata.title = { zh: '十堰市社会救助兜底标准(2023年)', en: 'Shiyan standards (2023)' };
      const saved = await service.http
        .put(`${VERSIONS}/2023`)
        .set(bearer(editor))
        .set('If-Match', current.headers['etag'] as string)
        .send(content);
      expect(saved.status).toBe(200);
      const submitted = await post(`${VERSIONS}/2023/submit`, editor);
      expect(submitted.status).toBe(200);
      expect(submitted.body).toEqual(expect.objectContaining({ status: 'in_review' }));
    });

    it('only a version in review can be returned (409 for a draft or a published version)', async () => {
      expectProblem(await post(`${VERSIONS}/2022/return`, editor, { reason: '再改一下' }), 409);
      expectProblem(await post(`${VERSIONS}/2021/return`, approver, { reason: '再改一下' }), 409);
      expect(await statusOf('2021')).toBe('published');
    });
  });

  describe('withdrawing every version in turn', () => {
    it('the last one left leaves every date from its effectiveFrom on uncovered (to: null)', async () => {
      const published = async (): Promise<string[]> =>
        ((await service.http.get(VERSIONS).set(bearer(editor))).body as { version: string; status: string }[])
          .filter((v) => v.status === 'published')
          .map((v) => v.version);
      const remaining = await published();
      expect(remaining).toEqual(['2017-10', '2018', '2019', '2020', '2020-07', '2021']);
      for (const label of remaining) {
        expectProblem(await post(`${VERSIONS}/${label}/withdraw`, approver, { reason: '测算有误' }), 409);
        const withdrawn = await post(`${VERSIONS}/${label}/withdraw`, approver, {
          reason: '测算有误',
          acknowledgeUncoveredDates: true,
        });
        expect(withdrawn.status).toBe(200);
      }
      const [last] = await auditOf('2021');
      expect(last?.details).toEqual(
        expect.objectContaining({ uncoveredDates: [{ from: '2021-01-01', to: null }] }),
      );
      const [middle] = await auditOf('2020');
      expect(middle?.details).toEqual(
        expect.objectContaining({ uncoveredDates: [{ from: '2020-01-01', to: '2020-06-30' }] }),
      );
    });
  });
});
