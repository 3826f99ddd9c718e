/**
 * Answers and problems people can read: a body sent without a JSON content type is told so (415),
 * an impossible date is "not a calendar date", a date before the first version names the date from
 * which versions exist, and the parameters answer says each parameter's unit, labels and basis.
 */
import { DETERMINATION_EXAMPLE, HOUSEHOLD_EXAMPLE } from '../../api/src/evaluation/evaluation.dto';
import { bootService, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const RULESET = 'shiyan-social-assistance';
const EVALUATE = `/api/v1/rulesets/${RULESET}/evaluate`;
const PARAMETERS = `/api/v1/rulesets/${RULESET}/parameters`;

interface Definition {
  unit: string;
  label: { zh: string; en: string };
  basis: string;
}

describe(`readable answers and problems (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let auth: { Authorization: string };

  beforeAll(async () => {
    service = await bootService();
    auth = bearer(service.adminToken);
  });
  afterAll(async () => {
    await service?.close();
  });

  const body = JSON.stringify({ asOf: '2019-06-30', household: HOUSEHOLD_EXAMPLE });

  describe('a JSON body sent without Content-Type: application/json', () => {
    it.each([
      // What curl -d sends by default: the date in the body is right, the content type is not.
      ['application/x-www-form-urlencoded'],
      ['text/plain'],
      ['multipart/form-data; boundary=x'],
    ])('sent as %s is 415 saying so, not a problem with asOf', async (contentType) => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Content-Type', contentType)
        .send(body);
      const problem = expectProblem(response, 415);
      expect(problem.type).toMatch(/\/unsupported-media-type$/);
      expect(problem.detail).toContain(contentType);
      expect(problem.detail).toContain('Content-Type: application/json');
      expect(problem.errors).toEqual([
        { path: '', message: 'must be sent with Content-Type: application/json' },
      ]);
      expect(response.text).not.toContain('asOf');
    });

    it('is evaluated when declared JSON (the same bytes)', async () => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expect(response.status).toBe(200);
    });

    it('a POST without a body and without a content type is not refused for its content type', async () => {
      // validate takes no body: it answers as before.
      const response = await service.http
        .post(`/api/v1/rulesets/${RULESET}/versions/2019/validate`)
        .set(auth);
      expect(response.status).toBe(200);
    });
  });

  describe('a body that is not UTF-8 text', () => {
    // A household id written in GBK (户一) by a system that declares UTF-8: read as it stands, each
    // bad byte would become U+FFFD and the id would come back changed.
    const gbkId = Buffer.from([0xbb, 0xa7, 0xd2, 0xbb]);
    // Sent as the bytes they are: superagent would write a Buffer under a JSON content type as JSON.
    const raw = (bytes: unknown): string => bytes as string;
    const household = JSON.stringify({ ...HOUSEHOLD_EXAMPLE, id: 'X' });
    const bytes = (path: string) => {
      const text = path.endsWith('/batch')
        ? `{"asOf":"2019-06-30","households":[${household}]}`
        : `{"asOf":"2019-06-30","household":${household}}`;
      const [before, after] = text.split('"X"') as [string, string];
      return {
        body: Buffer.concat([Buffer.from(`${before}"`), gbkId, Buffer.from(`"${after}`)]),
        offset: Buffer.byteLength(before) + 1,
      };
    };

    it.each([[EVALUATE], [`${EVALUATE}/batch`]])(
      '%s: 400 naming the first bad byte, in Chinese and in English',
      async (path) => {
        const { body, offset } = bytes(path);
        const en = expectProblem(
          await service.http
            .post(path)
            .set(auth)
            .set('Content-Type', 'application/json')
            .serialize(raw)
            .send(body),
          400,
        );
        expect(en.type).toMatch(/\/malformed-json$/);
        expect(en.detail).toBe(
          `The request body is not UTF-8 text: byte ${offset} is not part of a UTF-8 character`,
        );
        expect(en.errors).toEqual([{ path: '', message: 'is not UTF-8 text (send JSON encoded as UTF-8)' }]);
        const zh = expectProblem(
          await service.http
            .post(path)
            .set(auth)
            .set('Content-Type', 'application/json; charset=utf-8')
            .set('Accept-Language', 'zh-CN')
            .serialize(raw)
            .send(body),
          400,
        );
        expect(zh.title).toBe('JSON 格式错误');
        expect(zh.detail).toContain(`第 ${offset} 字节`);
        expect(zh.errors?.[0]?.message).toBe('不是 UTF-8 文本(请以 UTF-8 编码发送 JSON)');
      },
    );

    it('the same id in UTF-8 is answered, and comes back as sent', async () => {
      const { body } = bytes(EVALUATE);
      const utf8 = Buffer.from(body.toString('latin1').replace(gbkId.toString('latin1'), '户一'));
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Content-Type', 'application/json')
        .serialize(raw)
        .send(utf8);
      expect(response.status).toBe(200);
      expect((response.body as { householdId: string }).householdId).toBe('户一');
    });

    it('a body declared in another charset the service reads is not held to UTF-8', async () => {
      const text = JSON.stringify({ asOf: '2019-06-30', household: { ...HOUSEHOLD_EXAMPLE, id: '户一' } });
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Content-Type', 'application/json; charset=utf-16le')
        .serialize(raw)
        .send(Buffer.from(text, 'utf16le'));
      expect(response.status).toBe(200);
      expect((response.body as { householdId: string }).householdId).toBe('户一');
    });
  });

  describe('dates', () => {
    it('2019-02-30 is not a calendar date (written correctly, but it does not exist)', async () => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .send({ asOf: '2019-02-30', household: HOUSEHOLD_EXAMPLE });
      const problem = expectProblem(response, 400);
      expect(problem.errors).toEqual([
        { path: '/asOf', message: 'is not a calendar date: 2019-02-30 does not exist' },
      ]);
    });

    it('a date written otherwise is told how to write it', async () => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .send({ asOf: '30/06/2019', household: HOUSEHOLD_EXAMPLE });
      const problem = expectProblem(response, 400);
      expect(problem.errors).toEqual([
        { path: '/asOf', message: 'must be a date written YYYY-MM-DD, such as "2019-06-30"' },
      ]);
    });

    it('a date before the first version is a 404 saying from when versions exist', async () => {
      // The first shipped version, 2017-02, takes effect on the founding document's date.
      const versions = await service.http.get(`/api/v1/rulesets/${RULESET}/versions`).set(auth);
      const first = (versions.body as { effectiveFrom: string; status: string }[])
        .filter((v) => v.status === 'published')
        .map((v) => v.effectiveFrom)
        .sort()[0] as string;
      expect(first > '2016-01-01').toBe(true);
      for (const response of [
        await service.http
          .post(EVALUATE)
          .set(auth)
          .send({ asOf: '2016-01-01', household: HOUSEHOLD_EXAMPLE }),
        await service.http.get(PARAMETERS).query({ asOf: '2016-01-01', jurisdiction: '420325' }).set(auth),
      ]) {
        const problem = expectProblem(response, 404);
        expect(problem.type).toMatch(/\/no-version-in-force$/);
        expect(problem.detail).toContain('2016-01-01');
        expect(problem.detail).toContain(`versions exist from ${first} on`);
      }
    });
  });

  describe('the parameters answer', () => {
    it('gives each parameter its unit, labels and basis beside the unchanged values', async () => {
      const response = await service.http
        .get(PARAMETERS)
        .query({ asOf: '2019-06-30', jurisdiction: '420325' })
        .set(auth);
      expect(response.status).toBe(200);
      const answer = response.body as {
        parameters: Record<string, string>;
        definitions: Record<string, Definition>;
      };
      // The values stay as they were: 房县's rural standard is 395.00 a month in 2019, the scattered
      // extreme-poverty standard 7200.00 a year; now the units tell them apart.
      expect(answer.parameters['dibao.standard.rural']).toBe('395.00');
      expect(answer.parameters['extremePoverty.standard.scattered']).toBe('7200.00');
      expect(answer.definitions['dibao.standard.rural']).toEqual({
        unit: 'yuan/month',
        label: { zh: '农村低保标准', en: 'Rural dibao standard' },
        basis: '十政办发〔2017〕8号 三(一)1',
      });
      expect(answer.definitions['extremePoverty.standard.scattered']?.unit).toBe('yuan/year');
      expect(answer.definitions['dibao.specialIncrementRatio']?.unit).toBe('ratio');
      expect(answer.definitions['age.elderly']?.unit).toBe('years');
      // One definition for every value, and no other.
      expect(Object.keys(answer.definitions)).toEqual(Object.keys(answer.parameters));
      for (const definition of Object.values(answer.definitions)) {
        expect(definition.label.zh.length).toBeGreaterThan(0);
        expect(definition.label.en.length).toBeGreaterThan(0);
        expect(definition.basis.length).toBeGreaterThan(0);
      }
    });
  });

  describe('explanations in the language asked for', () => {
    const evaluate = (language?: string) => {
      const request = service.http.post(EVALUATE).set(auth);
      if (language !== undefined) request.set('Accept-Language', language);
      return request.send({ asOf: '2019-06-30', household: HOUSEHOLD_EXAMPLE });
    };
    type Answer = {
      eligibility: Record<string, { reasons: string[] }>;
      benefits: { code: string; amount: string; explanation: string; trace: object }[];
      totals: object;
    };

    it('Chinese without Accept-Language and for zh…, English otherwise; amounts and traces the same', async () => {
      const none = (await evaluate()).body as Answer;
      const zh = (await evaluate('zh-CN,zh;q=0.9,en;q=0.8')).body as Answer;
      const en = (await evaluate('en-US,en;q=0.9')).body as Answer;
      const dibao = (a: Answer) => a.benefits.find((l) => l.code === 'dibao');
      // The issue's example, in words: 2400.00 ÷ 12 = 200.00 for one person, below 房县's 395.00.
      expect(dibao(none)?.explanation).toContain('月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元');
      expect(dibao(none)?.explanation).toContain('= 395.00 元 × 1 人 − 2400.00 元 ÷ 12 = 195.00 元');
      expect(dibao(zh)?.explanation).toBe(dibao(none)?.explanation);
      expect(dibao(en)?.explanation).toContain(
        'Monthly income per unit member 200.00 yuan, below Fang County Rural dibao standard 395.00 yuan',
      );
      expect(dibao(en)?.explanation).toContain('= 395.00 yuan × 1 person − 2400.00 yuan ÷ 12 = 195.00 yuan');
      expect(en.eligibility['elderlyCare']?.reasons).toEqual([
        'member p1: aged 60 or over: not met: Age in full years 44 years, below Elderly from age 60 years',
      ]);
      expect(en.totals).toEqual(zh.totals);
      expect(en.benefits.map((l) => [l.code, l.amount, l.trace])).toEqual(
        zh.benefits.map((l) => [l.code, l.amount, l.trace]),
      );
    });

    it('a batch (evaluated on the workers) explains in the language asked for too', async () => {
      const response = await service.http
        .post(`${EVALUATE}/batch`)
        .set(auth)
        .set('Accept-Language', 'en')
        .send({ asOf: '2019-06-30', households: [HOUSEHOLD_EXAMPLE, HOUSEHOLD_EXAMPLE] });
      expect(response.status).toBe(200);
      const results = (response.body as { results: Answer[] }).results;
      expect(results).toHaveLength(2);
      for (const result of results)
        expect(result.benefits[0]?.explanation).toMatch(/^Dibao unit size 1 person, at least 1 person; /);
    });

    it('says why a member is left out of the dibao unit', async () => {
      const household = {
        ...HOUSEHOLD_EXAMPLE,
        members: [...HOUSEHOLD_EXAMPLE.members, { id: 'p2', birthDate: '2012-01-01', orphan: 'scattered' }],
      };
      const response = await service.http.post(EVALUATE).set(auth).send({ asOf: '2019-06-30', household });
      expect(response.status).toBe(200);
      // The orphan is supported by their own scheme: the unit stays one person, dibao stays 195.00.
      const answer = response.body as Answer;
      expect(answer.benefits.find((l) => l.code === 'dibao')?.amount).toBe('195.00');
      expect(answer.eligibility['dibao']?.reasons).toContain(
        '成员 p2 不计入 低保保障人数:低保保障对象:否(特困供养 none,孤儿 scattered;特困人员与孤儿由各自制度保障)',
      );
    });
  });

  describe('problems in Chinese for Accept-Language: zh…, English otherwise', () => {
    const ZH = 'zh-CN,zh;q=0.9';

    it('415: the title and detail in Chinese, the code and path unchanged', async () => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Accept-Language', ZH)
        .set('Content-Type', 'text/plain')
        .send(body);
      const problem = expectProblem(response, 415);
      expect(problem.type).toMatch(/\/unsupported-media-type$/);
      expect(problem.title).toBe('不支持的内容类型');
      expect(problem.detail).toContain('请求体的内容类型为 text/plain');
      expect(problem.errors).toEqual([{ path: '', message: '必须以 Content-Type: application/json 发送' }]);
    });

    it('400 and 404 in Chinese; without the header, in English as before', async () => {
      const badDate = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Accept-Language', ZH)
        .send({ asOf: '2019-02-30', household: HOUSEHOLD_EXAMPLE });
      const dateProblem = expectProblem(badDate, 400);
      expect(dateProblem.title).toBe('请求无效');
      expect(dateProblem.detail).toBe('请求有 1 处字段无效');
      expect(dateProblem.errors).toEqual([
        { path: '/asOf', message: '不是有效的日历日期:2019-02-30 不存在' },
      ]);

      const before = await service.http
        .get(PARAMETERS)
        .query({ asOf: '2016-01-01', jurisdiction: '420325' })
        .set(auth)
        .set('Accept-Language', ZH);
      const beforeProblem = expectProblem(before, 404);
      expect(beforeProblem.title).toBe('没有生效的版本');
      expect(beforeProblem.detail).toMatch(
        /^2016-01-01 没有生效的 shiyan-social-assistance 已发布版本:版本自 \S+ 起生效$/,
      );

      const english = await service.http
        .get(PARAMETERS)
        .query({ asOf: '2016-01-01', jurisdiction: '420325' })
        .set(auth);
      expect(expectProblem(english, 404).title).toBe('No version in force');
    });

    it('a bad household, alone or in a batch, is named in Chinese field by field', async () => {
      const bad = { ...HOUSEHOLD_EXAMPLE, residence: 'suburban', annualNetIncome: 'abc' };
      const single = await service.http
        .post(EVALUATE)
        .set(auth)
        .set('Accept-Language', ZH)
        .send({ asOf: '2019-06-30', household: bad });
      const problem = expectProblem(single, 422);
      expect(problem.title).toBe('输入无效');
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          { path: '/residence', message: '必须是以下之一:"rural", "urban"(收到 "suburban")' },
          { path: '/annualNetIncome', message: '必须是以元为单位的金额,例如 "1234.50"(收到 "abc")' },
        ]),
      );
      const batch = await service.http
        .post(`${EVALUATE}/batch`)
        .set(auth)
        .set('Accept-Language', ZH)
        .send({ asOf: '2019-06-30', households: [HOUSEHOLD_EXAMPLE, bad] });
      expect(batch.status).toBe(200);
      const [good, entry] = (batch.body as { results: { title?: string; index?: number; benefits?: [] }[] })
        .results;
      expect(good?.benefits).toHaveLength(2);
      expect(entry).toMatchObject({ title: '输入无效', index: 1 });
    });
  });

  describe('the OpenAPI examples', () => {
    it('the determination example is what the example household gets', async () => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .send({ asOf: DETERMINATION_EXAMPLE.asOf, household: HOUSEHOLD_EXAMPLE });
      expect(response.status).toBe(200);
      const answer = response.body as typeof DETERMINATION_EXAMPLE;
      // Its amounts, worked by hand: 2400.00 ÷ 12 = 200.00 for a unit of one, below 房县's rural
      // standard 395.00; dibao 395.00 × 1 − 200.00 = 195.00 a month; premium subsidy min(250, 100).
      expect(answer.totals).toEqual({ monthly: '195.00', annual: '2440.00', oneOff: '0.00' });
      expect(answer.benefits.map((l) => [l.code, l.period, l.amount])).toEqual([
        ['dibao', 'month', '195.00'],
        ['medical_premium_subsidy', 'year', '100.00'],
      ]);
      // The document shows exactly what the service answers, explanations and trace included.
      expect(answer).toEqual(DETERMINATION_EXAMPLE);
    });
  });
});
