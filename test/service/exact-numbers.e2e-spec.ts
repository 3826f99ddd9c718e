/**
 * A JSON number in a request is never read as another value than the one written, and every JSON
 * body is an object: `[]`, `null` or `"x"` is one clear problem for the whole body.
 */
import { bootService, type TestService } from '../support/app';
import { bearer, expectProblem } from '../support/problem-responses';

const KEY = 'shiyan-social-assistance';
const EVALUATE = `/api/v1/rulesets/${KEY}/evaluate`;

/** The tester's household, with `annualNetIncome` written as the JSON text `income`. */
const householdText = (income: string): string =>
  `{"jurisdiction":"420325","residence":"rural","annualNetIncome":${income},"assetsWithinLimit":true,` +
  `"members":[{"id":"p1","birthDate":"1980-01-01"}]}`;
const evaluateText = (income: string): string => `{"asOf":"2019-06-30","household":${householdText(income)}}`;
const batchText = (income: string): string =>
  `{"asOf":"2019-06-30","households":[${householdText('"4739.94"')},${householdText(income)}]}`;

describe('exact JSON numbers and object bodies', () => {
  let service: TestService;
  let auth: { Authorization: string };

  beforeAll(async () => {
    service = await bootService();
    auth = bearer(service.adminToken);
  });
  afterAll(async () => {
    await service?.close();
  });

  const post = (path: string, text: string, language = 'en') =>
    service.http
      .post(path)
      .set(auth)
      .set('Accept-Language', language)
      .set('Content-Type', 'application/json')
      .send(text);

  it('refuses 4739.9400000000000000001 as a number as it refuses it as a string, naming the field', async () => {
    // JSON.parse reads this number as 4739.94; written out it has 22 decimals, and money has at most two.
    for (const income of ['4739.9400000000000000001', '"4739.9400000000000000001"']) {
      const problem = expectProblem(await post(EVALUATE, evaluateText(income)), 422);
      expect(problem.errors).toEqual([
        expect.objectContaining({ path: '/annualNetIncome', message: expect.stringMatching(/two decimals/) }),
      ]);
    }
  });

  it('refuses it in a batch as the problem of that household only', async () => {
    const response = await post(`${EVALUATE}/batch`, batchText('4739.9400000000000000001'));
    expect(response.status).toBe(200);
    const results = (response.body as { results: Record<string, unknown>[] }).results;
    expect(results).toHaveLength(2);
    expect(results[0]).not.toHaveProperty('errors');
    expect(results[1]).toEqual(
      expect.objectContaining({
        status: 422,
        errors: [
          expect.objectContaining({
            path: '/annualNetIncome',
            message: expect.stringMatching(/two decimals/),
          }),
        ],
      }),
    );
  });

  it('answers 4739.94 the same whether written as a number or a string, alone or in a batch', async () => {
    const asNumber = await post(EVALUATE, evaluateText('4739.94'));
    const asString = await post(EVALUATE, evaluateText('"4739.94"'));
    expect(asNumber.status).toBe(200);
    expect(asNumber.body).toEqual(asString.body);
    // An exponent that a double holds exactly is the same number too.
    expect((await post(EVALUATE, evaluateText('4.73994e3'))).body).toEqual(asString.body);
    const batch = await post(`${EVALUATE}/batch`, batchText('4739.94'));
    expect(batch.status).toBe(200);
    const [first, second] = (batch.body as { results: unknown[] }).results;
    expect(second).toEqual(first);
  });

  it('refuses 1e400 and 1e-400, which JSON.parse reads as Infinity and 0, naming the field', async () => {
    for (const income of ['1e400', '1e-400', '-1e400']) {
      const problem = expectProblem(await post(EVALUATE, evaluateText(income)), 422);
      expect(problem.errors?.map((e) => e.path)).toEqual(['/annualNetIncome']);
    }
  });

  it('reads -0 as zero, as the string "0" is read', async () => {
    const minusZero = await post(EVALUATE, evaluateText('-0'));
    const zero = await post(EVALUATE, evaluateText('"0"'));
    expect(minusZero.status).toBe(zero.status);
    expect(minusZero.body).toEqual(zero.body);
  });

  it.each([
    ['[]', '[]'],
    ['null', 'null'],
    ['"x"', '"x"'],
    ['42', '42'],
    ['true', 'true'],
  ])(
    'answers the body %s to publish, evaluate and login with one problem: not a JSON object',
    async (text, got) => {
      for (const path of [`/api/v1/rulesets/${KEY}/versions/2019/publish`, EVALUATE, '/api/v1/auth/login']) {
        const problem = expectProblem(await post(path, text), 400);
        expect(problem.errors).toEqual([
          { path: '', message: `the request body must be a JSON object (got ${got})` },
        ]);
        expect(problem.detail).not.toMatch(/not valid JSON/);
      }
      const zh = expectProblem(await post(EVALUATE, text, 'zh-CN'), 400);
      expect(zh.errors).toEqual([{ path: '', message: `请求体必须是 JSON 对象(收到 ${got})` }]);
    },
  );

  it('still answers text that is not JSON as not valid JSON', async () => {
    const problem = expectProblem(await post(EVALUATE, '{"asOf":'), 400);
    expect(JSON.stringify(problem)).toMatch(/not valid JSON/);
  });
});
