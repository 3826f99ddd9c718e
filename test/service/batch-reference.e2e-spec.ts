/**
 * Cross-checks the batch evaluation route against the independent reference implementation of
 * docs/policy.md's reference semantics: for seeded random (asOf, jurisdiction) pairs it reads the
 * resolved parameters from `GET …/parameters`, evaluates seeded random households in one
 * `POST …/evaluate/batch`, and requires every benefit line (code, member, period, amount) and every
 * total to equal the reference's. Then the batch contract itself: bad households yield their own
 * problem entries in place, the size limit, and dates before the first version.
 *
 * Reproduce a failure with the seed printed in its message: `REFERENCE_SEED=<seed> npx jest test/service/batch-reference`.
 */
import fc from 'fast-check';

import {
  BENEFIT_CODES,
  type ReferenceBenefit,
  type ReferenceDetermination,
  type ReferenceHousehold,
  referenceDetermination,
} from '../reference/shiyan-reference';
import { shippedAmounts } from '../support/shipped-rulesets';
import { bootService, type TestService } from '../support/app';
import { asOfArbitrary, householdArbitrary } from '../support/household-arbitrary';
import { addDays } from '../support/iso-date';
import { errorPaths, expectProblem, problemBodyViolations } from '../support/problem-details';

const RULESET = 'shiyan-social-assistance';
const BASE = `/api/v1/rulesets/${RULESET}`;
const SEED = Number(process.env['REFERENCE_SEED'] ?? 20170225);
const PAIRS = 12;
const HOUSEHOLDS_PER_PAIR = 50;

/** (asOf, jurisdiction index): the index is reduced modulo the ruleset's jurisdictions once known. */
const pairs = fc.sample(fc.tuple(asOfArbitrary('2017-06-01', '2020-06-30'), fc.nat({ max: 9999 })), {
  seed: SEED,
  numRuns: PAIRS,
  unbiased: true, // spread the dates over the whole range rather than near its ends
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The money-carrying part of a determination, or `undefined` when it is not one. */
function project(value: unknown): ReferenceDetermination | undefined {
  if (!isRecord(value) || !Array.isArray(value['benefits']) || !isRecord(value['totals'])) return undefined;
  const benefits = value['benefits'].map((line: unknown) => {
    const { code, memberId, period, amount } = isRecord(line) ? line : {};
    return { code, memberId, period, amount } as ReferenceBenefit;
  });
  const { monthly, annual, oneOff } = value['totals'];
  return { benefits, totals: { monthly, annual, oneOff } as ReferenceDetermination['totals'] };
}

interface VersionSummary {
  version: string;
  status: string;
  effectiveFrom: string;
  contentHash: string;
}

interface ParametersAnswer {
  version: { key: string; version: string; effectiveFrom: string; contentHash: string };
  jurisdiction: string;
  parameters: Record<string, string>;
}

describe(`batch evaluation matches the reference (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  /** A caseworker system's API key: the callers this route exists for. */
  let caseworker: string;
  let jurisdictions: string[];
  let versions: VersionSummary[];
  /** Benefit codes the pairs' determinations contained, to show the comparison was not vacuous. */
  const codesSeen = new Set<string>();

  const batch = (body: unknown) =>
    service.http
      .post(`${BASE}/evaluate/batch`)
      .set('Authorization', `Bearer ${caseworker}`)
      .send(body as object);

  /** The resolved parameters of `jurisdiction` on `asOf`, from the service. */
  async function parametersOn(asOf: string, jurisdiction: string): Promise<ParametersAnswer> {
    const response = await service.http
      .get(`${BASE}/parameters`)
      .query({ asOf, jurisdiction })
      .set('Authorization', `Bearer ${caseworker}`);
    expect(response.status).toBe(200);
    return response.body as ParametersAnswer;
  }

  beforeAll(async () => {
    service = await bootService();
    const admin = `Bearer ${service.adminToken}`;
    const key = await service.http
      .post('/api/v1/api-keys')
      .set('Authorization', admin)
      .send({ name: 'batch reference case system', roles: ['caseworker'] });
    expect(key.status).toBe(201);
    caseworker = (key.body as { key: string }).key;

    const rulesets = await service.http.get('/api/v1/rulesets').set('Authorization', `Bearer ${caseworker}`);
    expect(rulesets.status).toBe(200);
    const shiyan = (rulesets.body as { key: string; jurisdictions: { code: string }[] }[]).find(
      (r) => r.key === RULESET,
    );
    jurisdictions = (shiyan?.jurisdictions ?? []).map((j) => j.code);
    expect(jurisdictions.length).toBeGreaterThan(0);

    const list = await service.http.get(`${BASE}/versions`).set('Authorization', `Bearer ${caseworker}`);
    expect(list.status).toBe(200);
    versions = (list.body as VersionSummary[]).filter((v) => v.status === 'published');
    expect(versions.length).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** The published version in force on `asOf`: the latest effectiveFrom ≤ asOf. */
  const inForce = (asOf: string): VersionSummary | undefined =>
    versions
      .filter((v) => v.effectiveFrom <= asOf)
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      .pop();

  it.each(pairs.map(([asOf, index], pair) => ({ asOf, index, pair })))(
    'pair $pair: asOf $asOf, jurisdiction #$index: every line and total equals the reference',
    async ({ asOf, index, pair }) => {
      const jurisdiction = jurisdictions[index % jurisdictions.length] as string;
      const { version, parameters } = await parametersOn(asOf, jurisdiction);
      const expected = inForce(asOf);
      expect({ version: version.version, contentHash: version.contentHash }).toEqual({
        version: expected?.version,
        contentHash: expected?.contentHash,
      });

      const standards = {
        rural: parameters['dibao.standard.rural'] as string,
        urban: parameters['dibao.standard.urban'] as string,
      };
      const seed = SEED + 1000 * (pair + 1);
      const households = fc.sample(householdArbitrary({ jurisdictions: [jurisdiction], asOf, standards }), {
        seed,
        numRuns: HOUSEHOLDS_PER_PAIR,
      });
      const response = await batch({ asOf, households });
      expect(response.status).toBe(200);
      const results = (response.body as { results: unknown[] }).results;
      expect(results).toHaveLength(households.length);

      const mismatches = households.flatMap((household, i) => {
        const result = results[i];
        const actual = project(result);
        const reference = referenceDetermination(
          household,
          asOf,
          parameters,
          shippedAmounts(version.version),
        );
        const header = isRecord(result)
          ? {
              ruleset: result['ruleset'],
              asOf: result['asOf'],
              jurisdiction: result['jurisdiction'],
            }
          : undefined;
        const expectedHeader = { ruleset: version, asOf, jurisdiction };
        return JSON.stringify(actual) === JSON.stringify(reference) &&
          JSON.stringify(header) === JSON.stringify(expectedHeader)
          ? []
          : [{ seed, index: i, household, reference, actual: result }];
      });
      // The first few, each with its household, so that a failure can be replayed by hand.
      expect(mismatches.slice(0, 3)).toEqual([]);
      for (const result of results)
        for (const line of project(result)?.benefits ?? []) codesSeen.add(line.code);
    },
  );

  it('the random households reached every benefit code', () => {
    expect([...codesSeen].sort()).toEqual([...BENEFIT_CODES].sort());
  });

  describe('the batch contract', () => {
    const asOf = '2019-06-30';
    const jurisdiction = '420325';
    let goods: ReferenceHousehold[];
    let parameters: Record<string, string>;

    beforeAll(async () => {
      parameters = (await parametersOn(asOf, jurisdiction)).parameters;
      goods = fc.sample(
        householdArbitrary({
          jurisdictions: [jurisdiction],
          asOf,
          standards: {
            rural: parameters['dibao.standard.rural'] as string,
            urban: parameters['dibao.standard.urban'] as string,
          },
        }),
        { seed: SEED, numRuns: 8 },
      );
    });

    const good = (i: number): ReferenceHousehold => goods[i % goods.length] as ReferenceHousehold;
    const twoMembers = (i: number): ReferenceHousehold => {
      const household = good(i);
      const first = household.members[0];
      return {
        ...household,
        members: [
          ...household.members,
          ...(household.members.length < 2 && first ? [{ ...first, id: 'extra' }] : []),
        ],
      };
    };

    it('answers one result per household, in order: determinations for good ones, problems for bad ones', async () => {
      /** Bad households and the JSON Pointers (relative to the household) each must name. */
      const bads: { household: unknown; paths: string[] }[] = [
        { household: 42, paths: [''] },
        { household: null, paths: [''] },
        { household: [good(0)], paths: [''] },
        { household: 'a household', paths: [''] },
        { household: { ...good(1), annualNetIncome: '-1' }, paths: ['/annualNetIncome'] },
        { household: { ...good(2), annualNetIncome: '1e3' }, paths: ['/annualNetIncome'] },
        {
          household: { ...good(3), members: [{ ...good(3).members[0], birthDate: '2019-02-29' }] },
          paths: ['/members/0/birthDate'],
        },
        {
          // Every bad field at once, not only the first.
          household: { ...good(4), jurisdiction: 'ZZZZZZ', residence: 'suburban', assetsWithinLimit: 'yes' },
          paths: ['/assetsWithinLimit', '/jurisdiction', '/residence'],
        },
        (() => {
          const household = twoMembers(5);
          const [first, second, ...rest] = household.members;
          return {
            household: { ...household, members: [first, { ...second, id: first?.id }, ...rest] },
            paths: ['/members/1/id'],
          };
        })(),
        { household: { ...good(6), unknownFact: 1 }, paths: ['/unknownFact'] },
        // Pointer tokens are escaped: "/" as ~1, "~" as ~0.
        { household: { ...good(7), 'a/b~c': true }, paths: ['/a~1b~0c'] },
        {
          household: { ...good(0), members: [{ ...good(0).members[0], disabilityGrade: 7 }] },
          paths: ['/members/0/disabilityGrade'],
        },
        {
          household: { ...good(1), emergency: { severity: 'catastrophic' } },
          paths: ['/emergency/severity'],
        },
        { household: { ...good(2), members: [] }, paths: ['/members'] },
        {
          household: { ...good(3), members: [{ ...good(3).members[0], birthDate: '2019-07-01' }] },
          paths: ['/members/0/birthDate'],
        },
      ];
      // Interleave: good, bad, good, bad, …, so that neither kind sits only at one end.
      const entries = bads.flatMap((bad, i) => [
        { household: good(i) as unknown, paths: null as string[] | null },
        { household: bad.household, paths: bad.paths },
      ]);
      const response = await batch({ asOf, households: entries.map((e) => e.household) });
      expect(response.status).toBe(200);
      const results = (response.body as { results: unknown[] }).results;
      expect(results).toHaveLength(entries.length);

      const seen = entries.map((entry, index) => {
        const result = results[index];
        if (entry.paths === null) {
          return {
            index,
            determination: project(result),
            problem: isRecord(result) && 'status' in result ? result : undefined,
          };
        }
        const problem = isRecord(result) ? result : {};
        return {
          index,
          status: problem['status'],
          entryIndex: problem['index'],
          paths: errorPaths(problem as { errors?: { path: string; message: string }[] }),
          violations: problemBodyViolations(result, 422, true),
        };
      });
      const expected = entries.map((entry, index) =>
        entry.paths === null
          ? {
              index,
              determination: referenceDetermination(
                entry.household as ReferenceHousehold,
                asOf,
                parameters,
                shippedAmounts('2019'),
              ),
              problem: undefined,
            }
          : { index, status: 422, entryIndex: index, paths: [...entry.paths].sort(), violations: [] },
      );
      expect(seen).toEqual(expected);
    });

    it('echoes each household id, on determinations and on problems, and refuses money finer than the fen', async () => {
      const singleElderly = (annualNetIncome: string, id?: unknown) => ({
        ...(id === undefined ? {} : { id }),
        jurisdiction,
        residence: 'rural',
        annualNetIncome,
        assetsWithinLimit: true,
        members: [{ id: 'p1', birthDate: '1950-03-02' }],
      });
      const response = await batch({
        asOf,
        households: [
          singleElderly('4739.99', 'SY-0001'),
          singleElderly(`4739.${'9'.repeat(37)}`, 'SY-0002'),
          singleElderly('4739.99', ''),
          singleElderly('4739.99'),
        ],
      });
      expect(response.status).toBe(200);
      const [eligible, tooFine, badId, noId] = (response.body as { results: Record<string, unknown>[] })
        .results;
      // 4739.99 / 12 = 394.999166… < 395.00 (420325, 2019): eligible; increment 0.20 × 395.00.
      expect(eligible?.['householdId']).toBe('SY-0001');
      expect(Object.keys(eligible ?? {})[0]).toBe('householdId');
      expect(eligible?.['benefits']).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'dibao_special_increment', amount: '79.00' }),
        ]),
      );
      expect(tooFine).toMatchObject({ status: 422, index: 1, householdId: 'SY-0002' });
      expect(problemBodyViolations(tooFine, 422, true)).toEqual([]);
      expect(errorPaths(tooFine as { errors?: { path: string; message: string }[] })).toEqual([
        '/annualNetIncome',
      ]);
      expect(JSON.stringify(tooFine)).toContain('金额最多两位小数(元和分)');
      expect(badId).toMatchObject({ status: 422, index: 2 });
      expect(badId).not.toHaveProperty('householdId');
      expect(errorPaths(badId as { errors?: { path: string; message: string }[] })).toEqual(['/id']);
      expect(noId).not.toHaveProperty('householdId');
      expect(project(noId)).toEqual(project(eligible));
    });

    it("refuses the issue's income 4739.(37 nines) on a single evaluation with a 422 naming the field", async () => {
      const response = await service.http
        .post(`${BASE}/evaluate`)
        .set('Authorization', `Bearer ${caseworker}`)
        .send({
          asOf,
          household: {
            jurisdiction,
            residence: 'rural',
            annualNetIncome: `4739.${'9'.repeat(37)}`,
            assetsWithinLimit: true,
            members: [{ id: 'p1', birthDate: '1950-03-02' }],
          },
        });
      const problem = expectProblem(response, 422);
      expect(errorPaths(problem).some((p) => p.endsWith('/annualNetIncome'))).toBe(true);
      expect(JSON.stringify(problem)).toContain('money has at most two decimals (yuan and fen)');
    });

    it('accepts exactly 1000 households', async () => {
      const households = Array.from({ length: 1000 }, (_, i) => good(i));
      const response = await batch({ asOf, households });
      expect(response.status).toBe(200);
      const results = (response.body as { results: unknown[] }).results;
      expect(results).toHaveLength(1000);
      expect(project(results[999])).toEqual(
        referenceDetermination(good(999), asOf, parameters, shippedAmounts('2019')),
      );
    });

    it('refuses 1001 households with a 400 naming /households', async () => {
      const households = Array.from({ length: 1001 }, (_, i) => good(i));
      const problem = expectProblem(await batch({ asOf, households }), 400);
      expect(errorPaths(problem)).toEqual(['/households']);
    });

    it('refuses an empty batch and a batch that is not a list, naming /households', async () => {
      for (const households of [[], {}, 'households', null]) {
        const problem = expectProblem(await batch({ asOf, households }), 400);
        expect(errorPaths(problem)).toEqual(['/households']);
      }
    });

    it('answers 404 for a date before the first version, on batch and parameters alike', async () => {
      const first = versions.map((v) => v.effectiveFrom).sort()[0] as string;
      const dayBefore = addDays(first, -1);
      const onBatch = expectProblem(await batch({ asOf: dayBefore, households: [good(0)] }), 404);
      expect(onBatch.detail).toContain(dayBefore);
      const onParameters = await service.http
        .get(`${BASE}/parameters`)
        .query({ asOf: dayBefore, jurisdiction })
        .set('Authorization', `Bearer ${caseworker}`);
      expectProblem(onParameters, 404);
      // The first day itself is in force.
      const onFirstDay = await batch({ asOf: first, households: [good(0)] });
      expect(onFirstDay.status).toBe(200);
    });
  });
});
