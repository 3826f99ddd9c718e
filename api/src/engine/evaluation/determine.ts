import type { RuleResult } from 'json-rules-engine';
import { Decimal, formatAtLeastTwoPlaces, formatMoney, isDecimal } from '../decimal';
import { EvaluationError, InvalidInputError } from '../errors';
import { isCalendarDate } from '../expression/dates';
import type { Environment, Scope, Value } from '../expression/scope';
import type { CompiledOutcome, CompiledVersion } from '../model/compile-version';
import type { CompiledRules } from '../model/rules';
import { explainCondition, substituteValues, type ConditionResult } from './explain';
import { checkHousehold } from './input';
import { versionReference, type VersionReference } from '../model/parameter-report';

/** One benefit line of a determination. Amounts are yuan, two decimals, as strings. */
export interface BenefitLine {
  code: string;
  memberId: string | null;
  period: 'month' | 'year' | 'oneOff';
  amount: string;
  basis: string;
  explanation: string;
}

/** The answer to "is this household eligible, and for how much, on this date?" (API.md). */
export interface Determination {
  ruleset: VersionReference;
  asOf: string;
  jurisdiction: string;
  eligibility: Record<string, Record<string, unknown>>;
  benefits: BenefitLine[];
  totals: { monthly: string; annual: string; oneOff: string };
}

type RuleOutcomes = { fired: Set<string>; results: RuleResult[] };

async function runRules(rules: CompiledRules, scope: Scope, env: Environment): Promise<RuleOutcomes> {
  const facts: Record<string, unknown> = {};
  for (const name of rules.facts) facts[name] = scope.lookup(name)?.read(env) ?? null;
  const { results, failureResults } = await rules.engine.run(facts);
  const fired = new Set(results.map((r) => r.event?.type as string));
  return { fired, results: [...results, ...failureResults] };
}

function reasonsFor(outcome: string, run: RuleOutcomes, onlyHeld: boolean): string[] {
  return run.results
    .filter((r) => r.event?.type === outcome && (!onlyHeld || r.result))
    .map((r) => {
      const conditions = (r.conditions as unknown as { toJSON(stringify: false): ConditionResult }).toJSON(
        false,
      );
      return `${r.name}: ${r.result ? 'held' : 'did not hold'}: ${explainCondition(conditions)}`;
    });
}

function formatDetail(type: string, value: Value): unknown {
  if (!isDecimal(value)) return value;
  if (type === 'money') return formatMoney(value);
  if (type === 'integer') return value.toNumber();
  return formatAtLeastTwoPlaces(value);
}

function householdEligibility(
  outcome: CompiledOutcome,
  env: Environment,
  run: RuleOutcomes,
): Record<string, unknown> {
  const name = outcome.declaration.name;
  const report: Record<string, unknown> = { eligible: run.fired.has(name) };
  for (const detail of outcome.details)
    report[detail.name] = formatDetail(detail.type, detail.expression.evaluate(env));
  report['reasons'] = reasonsFor(name, run, false);
  return report;
}

/**
 * Evaluates one household on `asOf` under a compiled version: derived facts, then household rules,
 * then member rules (which see the household's outcomes), then every benefit whose outcome holds.
 * Each line is rounded to the fen, half up; zero lines are left out; the order is household lines,
 * then members in input order, each in catalogue order.
 * @throws InvalidInputError naming every bad field; EvaluationError when a formula cannot be computed.
 * @example await determine(version, { jurisdiction: '420325', … }, '2019-06-30')
 */
export async function determine(
  version: CompiledVersion,
  input: unknown,
  asOf: string,
): Promise<Determination> {
  if (!isCalendarDate(asOf))
    throw new InvalidInputError([
      { path: '/asOf', message: 'must be a date written YYYY-MM-DD, such as "2019-06-30"' },
    ]);
  const checked = checkHousehold(version, input, asOf);
  const parameters = version.resolvedParameters.get(checked.jurisdiction);
  if (!parameters) throw new EvaluationError(`no parameters are resolved for ${checked.jurisdiction}`);
  const household = checked.household;
  const members = checked.members;
  const env: Environment = { asOf, parameters, household, members };
  const { household: householdScope, member: memberScope } = version.scopes;

  for (const derived of version.derived) {
    const { scope, name } = derived.declaration;
    if (scope === 'household') household[name] = derived.expression.evaluate(env);
    else for (const member of members) member[name] = derived.expression.evaluate({ ...env, member });
  }

  const householdRun = await runRules(version.householdRules, householdScope, env);
  const outcomes = [...version.outcomes.values()];
  for (const o of outcomes)
    if (o.declaration.scope === 'household')
      household[o.declaration.name] = householdRun.fired.has(o.declaration.name);
  const memberRuns: RuleOutcomes[] = [];
  for (const member of members) {
    const run = await runRules(version.memberRules, memberScope, { ...env, member });
    for (const o of outcomes)
      if (o.declaration.scope === 'member') member[o.declaration.name] = run.fired.has(o.declaration.name);
    memberRuns.push(run);
  }

  const lines: BenefitLine[] = [];
  const addLine = (
    memberIndex: number | null,
    scope: Scope,
    lineEnv: Environment,
    run: RuleOutcomes,
  ): void => {
    for (const benefit of version.benefits) {
      const b = benefit.declaration;
      if ((b.scope === 'member') !== (memberIndex !== null) || !run.fired.has(b.when)) continue;
      const exact = benefit.amount.evaluate(lineEnv) as Decimal;
      const amount = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (amount.isNegative() && !amount.isZero()) {
        throw new EvaluationError(
          `the amount of ${b.code} is negative (${formatMoney(amount)}): check its formula`,
        );
      }
      if (amount.isZero()) continue;
      const why = reasonsFor(b.when, run, true).join(' | ');
      lines.push({
        code: b.code,
        memberId: memberIndex === null ? null : (checked.memberIds[memberIndex] as string),
        period: b.period,
        amount: formatMoney(amount),
        basis: b.basis,
        explanation: `${b.label.zh} / ${b.label.en}: ${why}. ${benefit.formulaText} = ${substituteValues(benefit.amount.ast, scope, lineEnv)} = ${formatMoney(amount)}`,
      });
    }
  };
  addLine(null, householdScope, env, householdRun);
  members.forEach((member, i) => addLine(i, memberScope, { ...env, member }, memberRuns[i] as RuleOutcomes));

  const eligibility: Record<string, Record<string, unknown>> = {};
  for (const o of outcomes) {
    if (!o.declaration.report) continue;
    if (o.declaration.scope === 'household')
      eligibility[o.declaration.name] = householdEligibility(o, env, householdRun);
    else {
      const memberIds = checked.memberIds.filter((_, i) => members[i]?.[o.declaration.name] === true);
      eligibility[o.declaration.name] = { eligible: memberIds.length > 0, memberIds };
    }
  }

  const sum = (period: BenefitLine['period']): Decimal =>
    lines.filter((l) => l.period === period).reduce((t, l) => t.plus(l.amount), new Decimal(0));
  const monthly = sum('month');
  return {
    ruleset: versionReference(version),
    asOf,
    jurisdiction: checked.jurisdiction,
    eligibility,
    benefits: lines,
    totals: {
      monthly: formatMoney(monthly),
      annual: formatMoney(monthly.times(12).plus(sum('year'))),
      oneOff: formatMoney(sum('oneOff')),
    },
  };
}
