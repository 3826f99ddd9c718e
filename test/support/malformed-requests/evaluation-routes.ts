/** Evaluation, single and batch, of published versions and of the draft by label: malformed request DTOs and households, and roles that may not evaluate a draft. */
import fc from 'fast-check';

import { type Built, dtoRoute } from './builders';
import { dtoMutation, type FieldSpec, householdField, type Mutation, setField } from './mutations';
import type { RouteContext } from './route-context';
import type { Caller } from './types';
import { longText, nested, notADate, notALabel, rawNumber, unicodeText, unknownName } from './values';

export function evaluationRoutes({ target, exclusions, string, rulesetBase }: RouteContext): {
  evaluate: fc.Arbitrary<Built>;
  batch: fc.Arbitrary<Built>;
} {
  const household = target.household;
  const members = (household['members'] as unknown[]).length;
  const memberIndex = fc.integer({ min: 0, max: members - 1 });
  const householdMutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc
      .oneof(
        fc.constantFrom<unknown>('ZZZZZZ', '', 420325, '420325 ', 'sy0001', true, [], {}, null, undefined),
        unicodeText(1, 8),
        longText(100, 5000),
      )
      .map((v) => householdField(['jurisdiction'], v)),
    fc
      .constantFrom<unknown>('suburban', 'Rural', '', 1, true, [], null, undefined)
      .map((v) => householdField(['residence'], v)),
    fc
      .constantFrom<unknown>(
        '-1',
        '-0.01',
        -5,
        'NaN',
        'Infinity',
        '-Infinity',
        '1e5',
        '1,000',
        ' 12',
        '0x10',
        '１２',
        '',
        '12.',
        '.5',
        '+5',
        '100000000.01',
        '9'.repeat(300),
        rawNumber('1e400'),
        rawNumber('-1e400'),
        true,
        [],
        {},
        null,
        undefined,
      )
      .map((v) => householdField(['annualNetIncome'], v)),
    fc
      .constantFrom<unknown>('true', 1, 0, 'yes', [], {}, null, undefined)
      .map((v) => householdField(['assetsWithinLimit'], v)),
    fc.constantFrom<unknown>('false', 1, 'no', [], {}).map((v) => householdField(['registeredPoor'], v)),
    fc.constantFrom<unknown>('major', 5, true, []).map((v) => householdField(['emergency'], v)),
    fc.constantFrom<unknown>('minor', 1, null, undefined).map((v) => ({
      ...householdField(['emergency', 'severity'], v),
      // The object must exist for its field to be wrong.
      at: ['household', 'emergency'],
      value: v === undefined ? {} : { severity: v },
    })),
    fc.constantFrom<unknown>('yes', 5, []).map((v) => householdField(['disaster'], v)),
    fc.constantFrom<unknown>('yes', 1, []).map((v) => ({
      ...householdField(['disaster', 'houseCollapsed'], v),
      at: ['household', 'disaster'],
      value: { houseCollapsed: v },
    })),
    fc
      .tuple(unknownName([...target.householdFacts, 'members'], exclusions), fc.jsonValue({ maxDepth: 2 }))
      .map(([name, v]) => householdField([name], v)),
    fc
      .constantFrom<unknown>(
        [],
        'p1',
        {},
        null,
        undefined,
        Array.from({ length: 31 }, (_, i) => ({ id: `m${i}`, birthDate: '1990-01-01' })),
      )
      .map((v) => householdField(['members'], v)),
    fc.constantFrom<unknown>(5, 'p1', null, []).map((v) => householdField(['members', 0], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('', 5, null, undefined, 'x'.repeat(101), []))
      .map(([i, v]) => householdField(['members', i, 'id'], v)),
    fc
      .tuple(
        memberIndex,
        fc.oneof(notADate, fc.constantFrom<unknown>(19900101, '2099-01-01', null, undefined, true)),
      )
      .map(([i, v]) => householdField(['members', i, 'birthDate'], v)),
    fc
      .tuple(
        memberIndex,
        fc.constantFrom<unknown>(5, -1, 1.5, '1.5', true, 'two', [], rawNumber('1e400'), '٢'),
      )
      .map(([i, v]) => householdField(['members', i, 'disabilityGrade'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('no', 1, 'true', []))
      .map(([i, v]) => householdField(['members', i, 'seriousIllness'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('partial', 0, 'NONE', true))
      .map(([i, v]) => householdField(['members', i, 'extremePoverty'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('yes', 1))
      .map(([i, v]) => householdField(['members', i, 'orphan'], v)),
    fc
      .tuple(memberIndex, fc.constantFrom<unknown>('-5', 'abc', '10000000.01', rawNumber('1e400'), true))
      .map(([i, v]) => householdField(['members', i, 'inpatientCompliantOutOfPocket'], v)),
    fc
      .tuple(
        memberIndex,
        unknownName([...target.memberFacts, 'id'], exclusions),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(([i, name, v]) => householdField(['members', i, name], v)),
  );

  const evaluateFields: FieldSpec[] = [
    { name: 'asOf', wrong: fc.oneof(string, notADate) },
    {
      name: 'household',
      wrong: fc.oneof(
        fc.constantFrom<unknown>('household', 42, true, [], [household]),
        nested(exclusions.maxNestingDepth).filter(Array.isArray),
      ),
    },
    {
      name: 'version',
      optional: true,
      wrong: fc.oneof(
        string.filter((v) => v !== null),
        notALabel,
      ),
    },
  ];
  const evaluatePublished = dtoRoute(
    'POST /api/v1/rulesets/{key}/evaluate',
    'post',
    rulesetBase.map((b) => ({ url: `${b.url}/evaluate`, mutations: b.mutations })),
    { asOf: target.asOf, household },
    fc.oneof(
      { weight: 2, arbitrary: dtoMutation(evaluateFields, exclusions) },
      { weight: 3, arbitrary: householdMutation },
      // Well-formed, but nothing is in force then, or no such version: 404.
      { weight: 1, arbitrary: fc.constant(setField(['asOf'], target.beforeFirstVersion)) },
      { weight: 1, arbitrary: fc.constant(setField(['version'], 'no-such-version')) },
    ),
  );

  const batchFields: FieldSpec[] = [
    evaluateFields[0] as FieldSpec,
    {
      name: 'households',
      // Never a list of 1 to 1000 entries: that is a valid batch, whatever the entries.
      wrong: fc.oneof(
        fc.constantFrom<unknown>({}, 'households', 42, true, [], { 0: household }),
        fc.constant(Array.from({ length: 1001 }, () => household)),
        nested(exclusions.maxNestingDepth).filter((v) => !Array.isArray(v)),
      ),
    },
    evaluateFields[2] as FieldSpec,
  ];
  const batchPublished = dtoRoute(
    'POST /api/v1/rulesets/{key}/evaluate/batch',
    'post',
    rulesetBase.map((b) => ({ url: `${b.url}/evaluate/batch`, mutations: b.mutations })),
    { asOf: target.asOf, households: [household, household] },
    fc.oneof(
      dtoMutation(batchFields, exclusions),
      fc.constant(setField(['asOf'], target.beforeFirstVersion)),
    ),
  );

  /**
   * Unpublished versions by label: the draft (editors and analysts may evaluate it) and the version
   * in review (approvers too). A well-formed body goes only with a caller who may not (403);
   * otherwise the body is broken, and for those who may, a broken household is a 422 from the
   * version's engine compiled on the workers. `asOf` never matters once a label is given, so there
   * is no asOf-only mutation here.
   */
  const unpublished: fc.Arbitrary<{ label: string; mayNot: Caller[] }> = fc.constantFrom(
    { label: target.draft.label, mayNot: ['caseworker', 'approver'] },
    { label: target.inReviewLabel, mayNot: ['caseworker'] },
  );
  /** Every kind of caller that holds a token, those who may evaluate unpublished versions more often. */
  const unpublishedCallers: Caller[] = ['admin', 'admin', 'analyst', 'analyst', 'approver', 'caseworker'];
  const byLabel = (
    route: string,
    path: string,
    body: (label: string) => Record<string, unknown>,
    mutation: fc.Arbitrary<Mutation>,
  ): fc.Arbitrary<Built> =>
    unpublished.chain(({ label, mayNot }) =>
      fc.oneof(
        {
          weight: 3,
          arbitrary: dtoRoute(
            route,
            'post',
            rulesetBase.map((b) => ({
              url: `${b.url}/${path}`,
              mutations: [...b.mutations, `version ${label}`],
            })),
            body(label),
            mutation,
          ).map((built): Built => ({ ...built, callers: unpublishedCallers })),
        },
        {
          weight: 1,
          arbitrary: rulesetBase.map((b): Built => ({
            route,
            method: 'post',
            url: `${b.url}/${path}`,
            body: body(label),
            hasBody: true,
            callers: mayNot,
            mutations: [...b.mutations, `version ${label} by a role that may not evaluate it`],
            expected: [],
            wellFormedBody: true,
          })),
        },
      ),
    );

  const evaluate = fc.oneof(
    { weight: 3, arbitrary: evaluatePublished },
    {
      weight: 1,
      arbitrary: byLabel(
        'POST /api/v1/rulesets/{key}/evaluate',
        'evaluate',
        (version) => ({ asOf: target.asOf, household, version }),
        fc.oneof(
          { weight: 3, arbitrary: householdMutation },
          { weight: 1, arbitrary: dtoMutation(evaluateFields, exclusions) },
        ),
      ),
    },
  );
  const batch = fc.oneof(
    { weight: 3, arbitrary: batchPublished },
    {
      weight: 1,
      arbitrary: byLabel(
        'POST /api/v1/rulesets/{key}/evaluate/batch',
        'evaluate/batch',
        (version) => ({ asOf: target.asOf, households: [household], version }),
        dtoMutation(batchFields, exclusions),
      ),
    },
  );

  return { evaluate, batch };
}
