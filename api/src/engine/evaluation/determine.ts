import type { RuleResult } from 'json-rules-engine';
import { InvalidInputError } from '../errors';
import { isCalendarDate } from '../expression/dates';
import type { Environment, Scope, Value } from '../expression/scope';
import type { CompiledVersion } from '../model/compile-version';
import { outcomeOf, type RuleTiers } from '../model/rules';
import type { ConditionResult } from './explain';
import { checkHousehold } from './input';
import {
  computeDerived,
  environmentOf,
  writeDetermination,
  type Determination,
  type DetermineOptions,
  type RuleReport,
  type RulesOutcome,
} from './determination';

export type {
  AmountLine,
  AmountsDetermination,
  BenefitLine,
  BenefitTrace,
  Determination,
  DetermineOptions,
  Totals,
} from './determination';

/** The rules of one scope as json-rules-engine ran them. */
class EngineRun implements RulesOutcome {
  constructor(
    readonly fired: ReadonlySet<string>,
    /** Held rules, then the others, each in the order of the ruleset. */
    private readonly results: readonly RuleResult[],
  ) {}

  rulesFor(outcome: string, onlyHeld: boolean): RuleReport[] {
    return this.results
      .filter((r) => outcomeOf(r) === outcome && (!onlyHeld || r.result))
      .map((r) => ({
        name: r.name,
        held: r.result,
        conditions: (r.conditions as unknown as { toJSON(stringify: false): ConditionResult }).toJSON(false),
      }));
  }
}

/**
 * Runs a scope's rules with json-rules-engine, tier by tier; after each tier, the outcomes it
 * decided are written into `decided` (the household's or the member's values), where the next
 * tiers' rules read them.
 */
async function runRules(
  rules: RuleTiers,
  scope: Scope,
  env: Environment,
  decided: Map<string, Value>,
): Promise<EngineRun> {
  const fired = new Set<string>();
  const held: RuleResult[] = [];
  const failed: RuleResult[] = [];
  for (const tier of rules.tiers) {
    const facts = new Map<string, unknown>();
    for (const name of tier.facts) facts.set(name, scope.lookup(name)?.read(env) ?? null);
    const { results, failureResults } = await tier.run(facts);
    for (const r of results) fired.add(outcomeOf(r));
    for (const outcome of tier.outcomes) decided.set(outcome, fired.has(outcome));
    held.push(...results);
    failed.push(...failureResults);
  }
  return new EngineRun(fired, [...held, ...failed]);
}

/**
 * Evaluates one household on `asOf` under a compiled version, running the rules with
 * json-rules-engine (the reference path; {@link evaluatorOf} gives the same answer faster): derived
 * facts, then household rules tier by tier (a rule reading an outcome runs after the rules deciding
 * it), then member rules (which also see the household's outcomes), then every benefit whose
 * outcome holds. Each line is rounded from its exact value as the ruleset says (`rounding` of the
 * benefit, or else of the version); totals add the rounded lines (see {@link Determination.totals});
 * zero lines are left out; the order is household lines, then members in input order, each in
 * catalogue order. The household's `id`, when given, is echoed first as `householdId`. Calls may
 * overlap freely, on one compiled version or several: nothing they share is changed by a call.
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
  options: DetermineOptions = {},
): Promise<Determination> {
  const language = options.language ?? 'zh';
  if (!isCalendarDate(asOf))
    throw new InvalidInputError([
      { path: '/asOf', message: 'must be a date written YYYY-MM-DD, such as "2019-06-30"' },
    ]);
  const checked = checkHousehold(version, input, asOf);
  const env = environmentOf(version, checked, asOf);
  const { household, members } = checked;
  computeDerived(version, checked, env);

  const householdRun = await runRules(version.householdRules, version.scopes.household, env, household);
  const outcomes = [...version.outcomes.values()];
  for (const o of outcomes)
    if (o.declaration.scope === 'household')
      household.set(o.declaration.name, householdRun.fired.has(o.declaration.name));
  const memberRuns: EngineRun[] = [];
  for (const member of members) {
    const run = await runRules(version.memberRules, version.scopes.member, { ...env, member }, member);
    for (const o of outcomes)
      if (o.declaration.scope === 'member') member.set(o.declaration.name, run.fired.has(o.declaration.name));
    memberRuns.push(run);
  }
  return writeDetermination(version, checked, env, householdRun, memberRuns, language);
}
