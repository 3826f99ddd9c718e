import type { RuleResult } from 'json-rules-engine';
import { checkedResult, Decimal, formatAtLeastTwoPlaces, formatMoney, isDecimal } from '../decimal';
import { EvaluationError, InvalidInputError, type EvaluationContext } from '../errors';
import { isCalendarDate } from '../expression/dates';
import type { Environment, Scope, Value } from '../expression/scope';
import type { CompiledOutcome, CompiledVersion } from '../model/compile-version';
import { outcomeOf, type RuleTiers } from '../model/rules';
import { roundAmount } from '../model/rounding';
import type { ConditionResult } from './explain';
import { checkHousehold } from './input';
import { versionReference, type VersionReference } from '../model/parameter-report';
import type { RoundingT } from '../schema/ruleset.schema';
import { WORDS, type Language } from '../messages';
import {
  amountSentence,
  conditionSentences,
  conditionTrace,
  formulaInputs,
  glossaryOf,
  namesIn,
  ruleSentence,
  valueText,
  type RuleTrace,
  type SentenceContext,
} from './readable';

/**
 * What a benefit line rests on, for machines: the rules that granted it (each condition with its
 * fact key, value, operator, compared value and result), the amount formula and the values it read
 * (decimals as exact strings).
 */
export interface BenefitTrace {
  rules: RuleTrace[];
  formula: string;
  inputs: Record<string, unknown>;
}

/**
 * One benefit line of a determination. Amounts are yuan, two decimals, as strings, rounded as the
 * ruleset says (the benefit's `rounding`, or else the version's).
 */
export interface BenefitLine {
  code: string;
  memberId: string | null;
  period: 'month' | 'year' | 'oneOff';
  /** Yuan per period (one instalment, for a yearly standard paid by the month). */
  amount: string;
  /**
   * Only for a benefit that pays a yearly standard in instalments (`instalmentsPerYear`): the
   * yearly standard (yuan/year), rounded as the line; the annual total counts it instead of the
   * instalments.
   */
  yearlyAmount?: string;
  basis: string;
  /**
   * Why and how much, in plain sentences from labels and units, in the language asked for:
   * `月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元;低保金(差额补助) = 395.00 元 × 1 人 − 2400.00 元 ÷ 12 = 195.00 元`.
   */
  explanation: string;
  trace: BenefitTrace;
}

/** Options of {@link determine}. */
export interface DetermineOptions {
  /** The language of explanations and reasons: `zh` (default) or `en`. Amounts never depend on it. */
  language?: Language;
}

/** The answer to "is this household eligible, and for how much, on this date?" (the rules API's determination). */
export interface Determination {
  /** The household's `id` (the caller's case number), only when the household has one. */
  householdId?: string;
  ruleset: VersionReference;
  asOf: string;
  jurisdiction: string;
  eligibility: Record<string, Record<string, unknown>>;
  benefits: BenefitLine[];
  /**
   * Sums of the rounded lines, yuan: `monthly` (lines paid by the month), `annual` (the version's
   * `totals.monthsPerYear` × the monthly lines, plus the yearly lines, plus the yearly standard of
   * each line paid in instalments instead of its instalments) and `oneOff`.
   */
  totals: { monthly: string; annual: string; oneOff: string };
}

type RuleOutcomes = { fired: Set<string>; results: RuleResult[] };

/**
 * Runs a scope's rules tier by tier; after each tier, the outcomes it decided are written into
 * `decided` (the household's or the member's values), where the next tiers' rules read them.
 */
async function runRules(
  rules: RuleTiers,
  scope: Scope,
  env: Environment,
  decided: Map<string, Value>,
): Promise<RuleOutcomes> {
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
  return { fired, results: [...held, ...failed] };
}

/** The rules that decide `outcome` (only those that held, with `onlyHeld`), with their conditions. */
function rulesFor(
  outcome: string,
  run: RuleOutcomes,
  onlyHeld: boolean,
): { name: string; held: boolean; conditions: ConditionResult }[] {
  return run.results
    .filter((r) => outcomeOf(r) === outcome && (!onlyHeld || r.result))
    .map((r) => ({
      name: r.name,
      held: r.result,
      conditions: (r.conditions as unknown as { toJSON(stringify: false): ConditionResult }).toJSON(false),
    }));
}

const traceOf = (rules: ReturnType<typeof rulesFor>): RuleTrace[] =>
  rules.map((r) => ({ rule: r.name, held: r.held, conditions: conditionTrace(r.conditions) }));

/** Every fact a condition tree reads, in order. */
function factsIn(c: ConditionResult, into: string[] = []): string[] {
  (c.all ?? c.any ?? []).forEach((x) => factsIn(x, into));
  if (c.not) factsIn(c.not, into);
  if (c.fact !== undefined && !into.includes(c.fact)) into.push(c.fact);
  return into;
}

/**
 * Why members are left out of a count a rule reads (a unit size `count(inUnit)`): for each household
 * fact of the conditions defined as `count(<member fact>)`, every member for whom it is false, with
 * the values that decided it: `成员 p2 不计入 低保保障人数:低保保障对象:否(特困供养 scattered,孤儿 none;…)`.
 */
function leftOutReasons(
  conditions: ConditionResult[],
  members: readonly Map<string, Value>[],
  memberIds: readonly string[],
  memberScope: Scope,
  env: Environment,
  ctx: SentenceContext,
): string[] {
  const { glossary, language } = ctx;
  const reasons: string[] = [];
  const counts = conditions.flatMap((c) => factsIn(c));
  for (const fact of counts) {
    const formula = glossary.entry(fact)?.formula;
    if (formula?.kind !== 'call' || formula.callee !== 'count' || formula.args[0]?.kind !== 'name') continue;
    const counted = formula.args[0].name;
    const entry = glossary.entry(counted);
    members.forEach((member, i) => {
      if (member.get(counted) !== false) return;
      const because = entry?.formula
        ? namesIn(entry.formula)
            .filter((name) => glossary.entry(name)?.kind === 'fact')
            .map(
              (name) =>
                `${glossary.label(name, language)} ${valueText(
                  memberScope.lookup(name)?.read({ ...env, member }) ?? null,
                  glossary.entry(name)?.unit,
                  language,
                )}`,
            )
        : [];
      const detail = [because.join(WORDS.comma[language]), entry?.description?.[language] ?? '']
        .filter((part) => part.length > 0)
        .join(WORDS.semicolon[language]);
      reasons.push(
        `${WORDS.member[language]} ${memberIds[i] as string} ${WORDS.notCountedIn[language]} ${glossary.label(fact, language)}${WORDS.colon[language]}${glossary.label(counted, language)}${WORDS.colon[language]}${valueText(false, undefined, language)}${detail ? (language === 'zh' ? `(${detail})` : ` (${detail})`) : ''}`,
      );
    });
  }
  return reasons;
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

/**
 * Writes an outcome detail: money in yuan with two decimals (fen, the wire's unit), rounded in the
 * version's rounding mode; integers as numbers; other decimals as they are.
 */
function formatDetail(type: string, value: Value, rounding: RoundingT): unknown {
  if (!isDecimal(value)) return value;
  if (type === 'money') return formatMoney(roundAmount(value, { places: 2, mode: rounding.mode }));
  if (type === 'integer') return value.toNumber();
  return formatAtLeastTwoPlaces(value);
}

function householdEligibility(
  outcome: CompiledOutcome,
  env: Environment,
  run: RuleOutcomes,
  jurisdiction: string,
  ctx: SentenceContext,
  leftOut: (conditions: ConditionResult[]) => string[],
  rounding: RoundingT,
): Record<string, unknown> {
  const name = outcome.declaration.name;
  const entries: [string, unknown][] = [['eligible', run.fired.has(name)]];
  for (const detail of outcome.details)
    entries.push([
      detail.name,
      within({ owner: `outcome detail '${detail.name}' of '${name}'`, jurisdiction }, () =>
        formatDetail(detail.type, detail.expression.evaluate(env), rounding),
      ),
    ]);
  const rules = rulesFor(name, run, false);
  entries.push([
    'reasons',
    [
      ...rules.map((r) => ruleSentence(r.name, r.conditions, r.held, ctx)),
      ...leftOut(rules.map((r) => r.conditions)),
    ],
  ]);
  entries.push(['trace', traceOf(rules)]);
  // Object.fromEntries defines own properties: no detail name can reach a prototype.
  return Object.fromEntries(entries);
}

/**
 * Evaluates one household on `asOf` under a compiled version: derived facts, then household rules
 * tier by tier (a rule reading an outcome runs after the rules deciding it), then member rules (which
 * also see the household's outcomes), then every benefit whose outcome holds. Each line is rounded
 * from its exact value as the ruleset says (`rounding` of the benefit, or else of the version);
 * totals add the rounded lines (see {@link Determination.totals}); zero lines are left out; the
 * order is household lines, then members in input order, each in catalogue order. The household's
 * `id`, when given, is echoed first as `householdId`. Calls may overlap freely, on one compiled
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
  options: DetermineOptions = {},
): Promise<Determination> {
  const language = options.language ?? 'zh';
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
  const glossary = glossaryOf(version);

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

  const householdRun = await runRules(version.householdRules, householdScope, env, household);
  const outcomes = [...version.outcomes.values()];
  for (const o of outcomes)
    if (o.declaration.scope === 'household')
      household.set(o.declaration.name, householdRun.fired.has(o.declaration.name));
  const memberRuns: RuleOutcomes[] = [];
  for (const member of members) {
    const run = await runRules(version.memberRules, memberScope, { ...env, member }, member);
    for (const o of outcomes)
      if (o.declaration.scope === 'member') member.set(o.declaration.name, run.fired.has(o.declaration.name));
    memberRuns.push(run);
  }

  const lines: BenefitLine[] = [];
  /** The rounded yearly standard of each line paid in instalments, by line. */
  const yearlyOf = new Map<BenefitLine, Decimal>();
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
        const instalments = b.instalmentsPerYear;
        // A yearly standard paid in instalments: the line is one instalment, each rounded from the
        // exact yearly standard; the yearly standard itself is rounded once, for the annual total.
        const yearly = instalments === undefined ? null : roundAmount(exact, benefit.rounding);
        const amount = roundAmount(
          instalments === undefined ? exact : checkedResult(exact.dividedBy(instalments), "'/'"),
          benefit.rounding,
        );
        if (amount.isNegative() && !amount.isZero())
          throw new EvaluationError(`the amount is negative (${formatMoney(amount)}): check its formula`);
        if (amount.isZero()) return null;
        const ctx: SentenceContext = { glossary, jurisdiction, language, env: lineEnv };
        const rules = rulesFor(b.when, run, true);
        const why = rules.flatMap((r) => conditionSentences(r.conditions, ctx));
        const substituted = amountSentence(benefit.amount.ast, scope, lineEnv, ctx);
        // For a yearly standard paid in instalments the formula gives the standard; one instalment follows.
        const result = valueText(yearly ?? amount, 'yuan', language);
        const formulaSum =
          substituted === result
            ? `${b.label[language]} = ${result}`
            : `${b.label[language]} = ${substituted} = ${result}`;
        const sum =
          yearly === null
            ? formulaSum
            : `${formulaSum} ÷ ${instalments} = ${valueText(amount, 'yuan', language)}`;
        const line: BenefitLine = {
          code: b.code,
          memberId: memberIndex === null ? null : memberId(memberIndex),
          period: b.period,
          amount: formatMoney(amount),
          ...(yearly === null ? {} : { yearlyAmount: formatMoney(yearly) }),
          basis: b.basis,
          explanation: [...why, sum].join(WORDS.semicolon[language]),
          trace: {
            rules: traceOf(rules),
            formula: benefit.amount.source,
            inputs: formulaInputs(benefit.amount.ast, scope, lineEnv),
          },
        };
        if (yearly !== null) yearlyOf.set(line, yearly);
        return line;
      });
      if (line) lines.push(line);
    }
  };
  addLine(null, householdScope, env, householdRun);
  members.forEach((member, i) => addLine(i, memberScope, { ...env, member }, memberRuns[i] as RuleOutcomes));

  const eligibility: [string, Record<string, unknown>][] = [];
  const ctx: SentenceContext = { glossary, jurisdiction, language, env };
  const leftOut = (conditions: ConditionResult[]): string[] =>
    leftOutReasons(conditions, members, checked.memberIds, memberScope, env, ctx);
  for (const o of outcomes) {
    if (!o.declaration.report) continue;
    if (o.declaration.scope === 'household')
      eligibility.push([
        o.declaration.name,
        householdEligibility(o, env, householdRun, jurisdiction, ctx, leftOut, version.document.rounding),
      ]);
    else {
      const name = o.declaration.name;
      const memberIds = checked.memberIds.filter((_, i) => members[i]?.get(name) === true);
      // Each member's reason, whether the outcome holds for them or not (an outcome without a
      // benefit line says why only here).
      const reasons: string[] = [];
      const trace: { memberId: string; rules: RuleTrace[] }[] = [];
      members.forEach((member, i) => {
        const memberCtx: SentenceContext = { ...ctx, env: { ...env, member } };
        const rules = rulesFor(name, memberRuns[i] as RuleOutcomes, false);
        const id = memberId(i);
        for (const r of rules)
          reasons.push(
            `${WORDS.member[language]} ${id}${WORDS.colon[language]}${ruleSentence(r.name, r.conditions, r.held, memberCtx)}`,
          );
        trace.push({ memberId: id, rules: traceOf(rules) });
      });
      eligibility.push([name, { eligible: memberIds.length > 0, memberIds, reasons, trace }]);
    }
  }

  // Totals are checked against the numeric domain like any other computed value.
  const total = (owner: string, amounts: readonly (Decimal | string)[]): Decimal =>
    within({ owner, jurisdiction }, () =>
      amounts.reduce<Decimal>((t, a) => checkedResult(t.plus(a), "'+'"), new Decimal(0)),
    );
  const amountsOf = (period: BenefitLine['period'], instalments: boolean): string[] =>
    lines.filter((l) => l.period === period && yearlyOf.has(l) === instalments).map((l) => l.amount);
  const monthly = total('the monthly total', [...amountsOf('month', false), ...amountsOf('month', true)]);
  const annual = within({ owner: 'the annual total', jurisdiction }, () => {
    const monthlyLines = total('the monthly total', amountsOf('month', false));
    return total('the annual total', [
      checkedResult(monthlyLines.times(version.totals.monthsPerYear), "'*'"),
      total('the yearly total', amountsOf('year', false)),
      ...yearlyOf.values(),
    ]);
  });
  return {
    ...(checked.id === undefined ? {} : { householdId: checked.id }),
    ruleset: versionReference(version),
    asOf,
    jurisdiction: checked.jurisdiction,
    eligibility: Object.fromEntries(eligibility),
    benefits: lines,
    totals: {
      monthly: formatMoney(monthly),
      annual: formatMoney(annual),
      oneOff: formatMoney(total('the one-off total', amountsOf('oneOff', false))),
    },
  };
}
