import type { RuleResult } from 'json-rules-engine';
import { checkedResult, Decimal, formatAtLeastTwoPlaces, formatMoney, isDecimal } from '../decimal';
import { EvaluationError, InvalidInputError, type EvaluationContext } from '../errors';
import { isCalendarDate } from '../expression/dates';
import type { Environment, Scope, Value } from '../expression/scope';
import type { CompiledOutcome, CompiledVersion } from '../model/compile-version';
import { outcomeOf, type CompiledRules } from '../model/rules';
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

/** The answer to "is this household eligible, and for how much, on this date?" (the rules API's determination). */
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
  const facts = new Map<string, unknown>();
  for (const name of rules.facts) facts.set(name, scope.lookup(name)?.read(env) ?? null);
  const { results, failureResults } = await rules.run(facts);
  const fired = new Set(results.map(outcomeOf));
  return { fired, results: [...results, ...failureResults] };
}

function reasonsFor(outcome: string, run: RuleOutcomes, onlyHeld: boolean): string[] {
  return run.results
    .filter((r) => outcomeOf(r) === outcome && (!onlyHeld || r.result))
    .map((r) => {
      const conditions = (r.conditions as unknown as { toJSON(stringify: false): ConditionResult }).toJSON(
        false,
      );
      return `${r.name}: ${r.result ? 'held' : 'did not hold'}: ${explainCondition(conditions)}`;
    });
}

/**
 * Runs `compute` as the formula of `owner`: an EvaluationError it throws gets the owner, the
 * member and the jurisdiction (`derived fact 'age' of member p2 in 420325: division by zero`).
 */
function within<T>(context: EvaluationContext, compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof EvaluationError) throw e.withContext(context);
    throw e;
  }
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
  jurisdiction: string,
): Record<string, unknown> {
  const name = outcome.declaration.name;
  const entries: [string, unknown][] = [['eligible', run.fired.has(name)]];
  for (const detail of outcome.details)
    entries.push([
      detail.name,
      within({ owner: `outcome detail '${detail.name}' of '${name}'`, jurisdiction }, () =>
        formatDetail(detail.type, detail.expression.evaluate(env)),
      ),
    ]);
  entries.push(['reasons', reasonsFor(name, run, false)]);
  // Object.fromEntries defines own properties: no detail name can reach a prototype.
  return Object.fromEntries(entries);
}

/**
 * Evaluates one household on `asOf` under a compiled version: derived facts, then household rules,
 * then member rules (which see the household's outcomes), then every benefit whose outcome holds.
 * Each line is rounded to the fen, half up; zero lines are left out; the order is household lines,
 * then members in input order, each in catalogue order. Calls may overlap freely, on one compiled
 * version or several: nothing they share is changed by a call.
 * @throws InvalidInputError naming every bad field; EvaluationError when a formula cannot be
 * computed or a value leaves the numeric domain, naming the formula's owner (`derived fact 'age'`,
 * `benefit 'dibao'`, `outcome detail 'x' of 'y'`), the member (its id) in member scope, and the
 * jurisdiction, in its message and in its `owner`, `memberId` and `jurisdiction` fields.
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
  const jurisdiction = checked.jurisdiction;
  const parameters = version.resolvedParameters.get(jurisdiction);
  if (!parameters) throw new EvaluationError('no parameters are resolved', { jurisdiction });
  const household = checked.household;
  const members = checked.members;
  const memberId = (i: number): string => checked.memberIds[i] as string;
  const env: Environment = { asOf, parameters, household, members };
  const { household: householdScope, member: memberScope } = version.scopes;

  for (const derived of version.derived) {
    const { scope, name } = derived.declaration;
    const owner = `derived fact '${name}'`;
    if (scope === 'household')
      household.set(
        name,
        within({ owner, jurisdiction }, () => derived.expression.evaluate(env)),
      );
    else
      members.forEach((member, i) =>
        member.set(
          name,
          within({ owner, memberId: memberId(i), jurisdiction }, () =>
            derived.expression.evaluate({ ...env, member }),
          ),
        ),
      );
  }

  const householdRun = await runRules(version.householdRules, householdScope, env);
  const outcomes = [...version.outcomes.values()];
  for (const o of outcomes)
    if (o.declaration.scope === 'household')
      household.set(o.declaration.name, householdRun.fired.has(o.declaration.name));
  const memberRuns: RuleOutcomes[] = [];
  for (const member of members) {
    const run = await runRules(version.memberRules, memberScope, { ...env, member });
    for (const o of outcomes)
      if (o.declaration.scope === 'member') member.set(o.declaration.name, run.fired.has(o.declaration.name));
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
      const context: EvaluationContext = {
        owner: `benefit '${b.code}'`,
        ...(memberIndex === null ? {} : { memberId: memberId(memberIndex) }),
        jurisdiction,
      };
      const line = within(context, (): BenefitLine | null => {
        const exact = benefit.amount.evaluate(lineEnv) as Decimal;
        const amount = exact.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        if (amount.isNegative() && !amount.isZero())
          throw new EvaluationError(`the amount is negative (${formatMoney(amount)}): check its formula`);
        if (amount.isZero()) return null;
        const why = reasonsFor(b.when, run, true).join(' | ');
        return {
          code: b.code,
          memberId: memberIndex === null ? null : memberId(memberIndex),
          period: b.period,
          amount: formatMoney(amount),
          basis: b.basis,
          explanation: `${b.label.zh} / ${b.label.en}: ${why}. ${benefit.formulaText} = ${substituteValues(benefit.amount.ast, scope, lineEnv)} = ${formatMoney(amount)}`,
        };
      });
      if (line) lines.push(line);
    }
  };
  addLine(null, householdScope, env, householdRun);
  members.forEach((member, i) => addLine(i, memberScope, { ...env, member }, memberRuns[i] as RuleOutcomes));

  const eligibility: [string, Record<string, unknown>][] = [];
  for (const o of outcomes) {
    if (!o.declaration.report) continue;
    if (o.declaration.scope === 'household')
      eligibility.push([o.declaration.name, householdEligibility(o, env, householdRun, jurisdiction)]);
    else {
      const memberIds = checked.memberIds.filter((_, i) => members[i]?.get(o.declaration.name) === true);
      eligibility.push([o.declaration.name, { eligible: memberIds.length > 0, memberIds }]);
    }
  }

  // Totals are checked against the numeric domain like any other computed value.
  const sum = (period: BenefitLine['period']): Decimal =>
    within(
      {
        owner: `the ${period === 'month' ? 'monthly' : period === 'year' ? 'yearly' : 'one-off'} total`,
        jurisdiction,
      },
      () =>
        lines
          .filter((l) => l.period === period)
          .reduce((t, l) => checkedResult(t.plus(l.amount), "'+'"), new Decimal(0)),
    );
  const monthly = sum('month');
  const annual = within({ owner: 'the annual total', jurisdiction }, () =>
    checkedResult(checkedResult(monthly.times(12), "'*'").plus(sum('year')), "'+'"),
  );
  return {
    ruleset: versionReference(version),
    asOf,
    jurisdiction: checked.jurisdiction,
    eligibility: Object.fromEntries(eligibility),
    benefits: lines,
    totals: {
      monthly: formatMoney(monthly),
      annual: formatMoney(annual),
      oneOff: formatMoney(sum('oneOff')),
    },
  };
}
