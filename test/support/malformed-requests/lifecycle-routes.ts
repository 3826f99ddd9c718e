/**
 * Review steps with a body: publish (`{"acknowledgeRetroactive"?}`), withdraw (`{"reason",
 * "acknowledgeUncoveredDates"?}`) and return to draft (`{"reason"}`).
 *
 * None of them can succeed on the fuzz target: no version is in review (the fuzz draft is never
 * submitted, see couldSucceed), so publish and return answer 409 whatever the body; withdraw's body
 * is always wrong, except for well-formed bodies sent where withdrawing is refused (the draft, a
 * label that names nothing, or the first published version without acknowledging the dates it
 * leaves uncovered: 409).
 */
import fc from 'fast-check';

import { type Built, dtoRoute } from './builders';
import { describeValue, dtoMutation, type FieldSpec, type Mutation } from './mutations';
import type { RouteContext } from './route-context';
import { oddNumber, wrongLength } from './values';

/** Reasons of 2 to 2000 characters with at least two visible: well-formed. */
export const VALID_REASONS = [
  '测算有误',
  'figures were wrong',
  ' 中文 ',
  '中\u200b文',
  '中'.repeat(2000),
  // 2000 characters, 4000 UTF-16 units: counted in characters, so still a reason.
  '😀'.repeat(2000),
];

/** Values that are not booleans (null and absence are allowed for the optional flags). */
const notBoolean = (string: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>('true', 'false', 1, 0, 'yes', '', [], [true], {}, { value: true }),
    oddNumber,
    string.filter((v) => typeof v !== 'boolean' && v !== null),
  );

/** A whole body replaced by a well-formed one (no field problem to name). */
const wholeBody = (body: object): Mutation => ({
  at: [],
  value: body,
  description: `body = ${describeValue(body)} (well-formed)`,
});

export function lifecycleRoutes({
  target,
  exclusions,
  allLabels,
  oddLabel,
  string,
  rulesetBase,
}: RouteContext): {
  publish: fc.Arbitrary<Built>;
  withdraw: fc.Arbitrary<Built>;
  returnToDraft: fc.Arbitrary<Built>;
} {
  const labelPath = (action: string): fc.Arbitrary<{ url: string; mutations: string[] }> =>
    fc.tuple(rulesetBase, fc.oneof(fc.constantFrom(...allLabels), oddLabel)).map(([b, label]) => ({
      url: `${b.url}/versions/${label}/${action}`,
      mutations: [...b.mutations, `version ${label}`],
    }));

  const wrongReason = fc.oneof(
    string,
    wrongLength(2, 2000),
    // Fewer than two visible characters, however many bytes or UTF-16 units they take.
    fc.constantFrom(
      '中',
      '😀',
      ' 中 ',
      'é',
      '\u200b\u200b',
      '\t\n',
      '中\u200b',
      '\u00ad\u200e',
      '\u0000x',
      '\u115f\u2800',
      '\u3164\uffa0',
    ),
    // Not well-formed text: lone surrogates and NUL, however many characters they make.
    fc.constantFrom('\ud800\ud800', '测算\udc00有误', 'ab\u0000cd'),
  );
  const reason: FieldSpec = { name: 'reason', wrong: wrongReason };

  const publish = dtoRoute(
    'POST /api/v1/rulesets/{key}/versions/{version}/publish',
    'post',
    labelPath('publish'),
    { acknowledgeRetroactive: true },
    fc.oneof(
      {
        weight: 3,
        arbitrary: dtoMutation(
          [{ name: 'acknowledgeRetroactive', optional: true, wrong: notBoolean(string) }],
          exclusions,
        ),
      },
      // Well-formed, but nothing is in review: 409 (or 404 for a label that names nothing).
      {
        weight: 1,
        arbitrary: fc
          .constantFrom<object>(
            {},
            { acknowledgeRetroactive: false },
            { acknowledgeRetroactive: true },
            { acknowledgeRetroactive: null },
          )
          .map(wholeBody),
      },
    ),
  );

  const brokenWithdraw = dtoRoute(
    'POST /api/v1/rulesets/{key}/versions/{version}/withdraw',
    'post',
    labelPath('withdraw'),
    { reason: 'the figures were wrong; fuzzing' },
    dtoMutation(
      [reason, { name: 'acknowledgeUncoveredDates', optional: true, wrong: notBoolean(string) }],
      exclusions,
    ),
  );
  /** Well-formed bodies where withdrawing is refused: the first version without acknowledging, the draft, nothing. */
  const refusedWithdraw: fc.Arbitrary<Built> = fc
    .tuple(
      rulesetBase,
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(target.firstPublishedLabel) },
        { weight: 1, arbitrary: fc.constant(target.draft.label) },
        { weight: 1, arbitrary: oddLabel },
      ),
      fc.constantFrom(...VALID_REASONS),
      fc.constantFrom<boolean | null | undefined>(undefined, null, false),
    )
    .map(([b, label, why, acknowledge]): Built => {
      const body =
        acknowledge === undefined ? { reason: why } : { reason: why, acknowledgeUncoveredDates: acknowledge };
      return {
        route: 'POST /api/v1/rulesets/{key}/versions/{version}/withdraw',
        method: 'post',
        url: `${b.url}/versions/${label}/withdraw`,
        body,
        hasBody: true,
        mutations: [...b.mutations, `version ${label}`, `body = ${describeValue(body)} (well-formed)`],
        expected: [],
        wellFormedBody: true,
      };
    });
  const withdraw = fc.oneof(
    { weight: 4, arbitrary: brokenWithdraw },
    { weight: 1, arbitrary: refusedWithdraw },
  );

  const returnToDraft = dtoRoute(
    'POST /api/v1/rulesets/{key}/versions/{version}/return',
    'post',
    labelPath('return'),
    { reason: '需按新文件调整 / must follow the new notice' },
    fc.oneof(
      { weight: 4, arbitrary: dtoMutation([reason], exclusions) },
      // Well-formed, but nothing is in review: 409 (or 404).
      { weight: 1, arbitrary: fc.constantFrom(...VALID_REASONS).map((why) => wholeBody({ reason: why })) },
    ),
  );

  return { publish, withdraw, returnToDraft };
}
