import type { AmountsDetermination, Determination } from '../../api/src/engine/evaluation/determine';

/**
 * The amounts-only projection of a full determination: what `evaluator.amounts` must give for the
 * same household, with the same keys in the same order.
 */
export const amountsProjection = (d: Determination): AmountsDetermination => ({
  ...(d.householdId === undefined ? {} : { householdId: d.householdId }),
  ruleset: d.ruleset,
  asOf: d.asOf,
  jurisdiction: d.jurisdiction,
  benefits: d.benefits.map((l) => ({
    code: l.code,
    memberId: l.memberId,
    period: l.period,
    amount: l.amount,
    ...(l.yearlyAmount === undefined ? {} : { yearlyAmount: l.yearlyAmount }),
  })),
  totals: d.totals,
});
