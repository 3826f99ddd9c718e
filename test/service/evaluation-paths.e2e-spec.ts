/**
 * EVALUATION_PATH selects which path answers `evaluate` and `evaluate/batch`: the compiled one (the
 * default) or the json-rules-engine reference. Two services, one on each, must answer the same
 * requests with the same bytes: single evaluations in both languages, a batch with bad households
 * in it, and a household the engine refuses.
 */
import fc from 'fast-check';

import { bootService, createOfficial, type TestService } from '../support/app';
import { householdArbitrary } from '../support/household-arbitrary';

const BASE = '/api/v1/rulesets/shiyan-social-assistance';
const AS_OF = '2019-06-30';

let compiled: TestService;
let reference: TestService;
const tokens = new Map<TestService, string>();

beforeAll(async () => {
  compiled = await bootService();
  tokens.set(compiled, await createOfficial(compiled, 'paths-caseworker', ['caseworker']));
  reference = await bootService({ EVALUATION_PATH: 'reference' });
  tokens.set(reference, await createOfficial(reference, 'paths-reference-caseworker', ['caseworker']));
}, 60_000);

afterAll(async () => {
  await Promise.all([compiled?.close(), reference?.close()]);
});

const post = (service: TestService, path: string, body: unknown, language = 'zh-CN') =>
  service.http
    .post(`${BASE}${path}`)
    .set('Authorization', `Bearer ${tokens.get(service) as string}`)
    .set('Accept-Language', language)
    .send(body as object);

describe('EVALUATION_PATH', () => {
  const households = fc.sample(
    householdArbitrary({ jurisdictions: ['420302', '420325', '420381'], asOf: AS_OF }),
    { seed: 9, numRuns: 24 },
  );

  it('gives the same single determinations on the compiled and the reference path', async () => {
    for (const [i, household] of households.entries()) {
      const language = i % 2 === 0 ? 'zh-CN' : 'en';
      const a = await post(compiled, '/evaluate', { asOf: AS_OF, household }, language);
      const b = await post(reference, '/evaluate', { asOf: AS_OF, household }, language);
      expect(a.status).toBe(200);
      expect(a.text).toBe(b.text);
      expect((JSON.parse(a.text) as { benefits: unknown[] }).benefits).toEqual(expect.any(Array));
    }
  });

  it('gives the same batch, bad households included, on both paths', async () => {
    const batch = [...households, { jurisdiction: 'nowhere', members: [] }, 42, ...households.slice(0, 5)];
    const a = await post(compiled, '/evaluate/batch', { asOf: AS_OF, households: batch });
    const b = await post(reference, '/evaluate/batch', { asOf: AS_OF, households: batch });
    expect(a.status).toBe(200);
    expect(a.text).toBe(b.text);
    const results = (JSON.parse(a.text) as { results: Record<string, unknown>[] }).results;
    expect(results).toHaveLength(batch.length);
    expect(results[households.length]).toMatchObject({ index: households.length });
  });

  it('refuses a bad household with the same problem on both paths', async () => {
    const bad = { jurisdiction: '420325', annualNetIncome: '12.345', members: [{ id: 'p1' }] };
    const a = await post(compiled, '/evaluate', { asOf: AS_OF, household: bad });
    const b = await post(reference, '/evaluate', { asOf: AS_OF, household: bad });
    expect(a.status).toBe(422);
    expect(b.status).toBe(422);
    expect(a.text).toContain('"path":"/annualNetIncome"');
    expect(a.text).toBe(b.text);
  });
});
