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

  describe('the OpenAPI examples', () => {
    it('the determination example is what the example household gets', async () => {
      const response = await service.http
        .post(EVALUATE)
        .set(auth)
        .send({ asOf: DETERMINATION_EXAMPLE.asOf, household: HOUSEHOLD_EXAMPLE });
      expect(response.status).toBe(200);
      const answer = response.body as typeof DETERMINATION_EXAMPLE;
      expect(answer.ruleset).toEqual(DETERMINATION_EXAMPLE.ruleset);
      expect(answer.totals).toEqual(DETERMINATION_EXAMPLE.totals);
      const amounts = (lines: { code: string; memberId: string | null; period: string; amount: string }[]) =>
        lines.map(({ code, memberId, period, amount }) => ({ code, memberId, period, amount }));
      expect(amounts(answer.benefits)).toEqual(amounts(DETERMINATION_EXAMPLE.benefits));
      expect(answer.eligibility.dibao).toMatchObject({
        eligible: true,
        unitSize: 1,
        perCapitaMonthlyIncome: '200.00',
        standard: '395.00',
      });
    });
  });
});
