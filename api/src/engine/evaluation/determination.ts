/**
 * What both evaluation paths share once a scope's rules have run: derived facts, benefit amounts,
 * explanations, eligibility and totals. The json-rules-engine path ({@link determine}) and the
 * compiled path ({@link evaluatorOf}) differ only in how they check the input and run the rules; the
 * answer is written here, by the same code, so that it cannot differ between them.
 */
import { checkedResult, Decimal, formatAtLeastTwoPlaces, formatMoney, isDecimal } from '../decimal';
import { EvaluationError, type EvaluationContext } from '../errors';
import type { Environment, Scope, Value } from '../expression/scope';
import type { CompiledBenefit, CompiledOutcome, CompiledVersion } from '../model/compile-version';
import { roundAmount } from '../model/rounding';
import { versionReference, type VersionReference } from '../model/parameter-report';
import type { RoundingT } from '../schema/ruleset.schema';
import { WORDS, type Language } from '../messages';
import type { ConditionResult } from './explain';
import type { CheckedHousehold } from './input';
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

/** Sums of the rounded lines, yuan, as strings with two decimals. */
export interface Totals {
  monthly: string;
  annual: string;
  oneOff: string;
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
  totals: Totals;
}

/** One line of an amounts-only answer: a {@link BenefitLine} without its explanation, basis and trace. */
export interface AmountLine {
  code: string;
  memberId: string | null;
  period: 'month' | 'year' | 'oneOff';
  /** Yuan per period, two decimals. */
  amount: string;
  /** The yearly standard of a line paid in instalments (yuan/year), as in {@link BenefitLine}. */
  yearlyAmount?: string;
}

/**
 * The amounts of a determination and nothing else (for simulations over many households): the same
 * `householdId`, `ruleset`, `asOf`, `jurisdiction`, lines and totals as the full determination, without
 * eligibility, explanations or traces.
 */
export interface AmountsDetermination {
  householdId?: string;
  ruleset: VersionReference;
  asOf: string;
  jurisdiction: string;
  benefits: AmountLine[];
  totals: Totals;
}

/** One rule of a scope as it ran: its name, whether it held, and its conditions with the values compared. */
export interface RuleReport {
  name: string;
  held: boolean;
  /** The condition tree as json-rules-engine reports it (`factResult`, `valueResult`, `result` on each comparison). */
  conditions: ConditionResult;
}

/**
 * What one scope's rules decided for a household or a member: the outcomes that fired, and for any
 * outcome the rules deciding it. Rules are listed held ones first, then those that did not hold,
 * each group in the order of the ruleset (never in the order a rules engine happened to finish them).
 */
export interface RulesOutcome {
  readonly fired: ReadonlySet<string>;
  /** The rules deciding `outcome` (only those that held, with `onlyHeld`), each with its conditions. */
  rulesFor(outcome: string, onlyHeld: boolean): RuleReport[];
}

/**
 * Runs `compute` as the formula of `owner`: an EvaluationError it throws gets the owner, the
 * member and the jurisdiction (`derived fact 'age' of member p2 in 420325: division by zero`).
 */
export function within<T>(context: EvaluationContext, compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof EvaluationError) throw e.withContext(context);
    throw e;
  }
}

/**
 * The environment of a checked household: its resolved parameters, facts and members.
 * @throws EvaluationError when the jurisdiction has no resolved parameters (never for a compiled version).
 */
export function environmentOf(
  version: CompiledVersion,
  checked: CheckedHousehold,
  asOf: string,
): Environment {
  const parameters = version.resolvedParameters.get(checked.jurisdiction);
  if (!parameters)
    throw new EvaluationError('no parameters are resolved', { jurisdiction: checked.jurisdiction });
  return { asOf, parameters, household: checked.household, members: checked.members };
}

/**
 * Computes the version's derived facts in their order, into the household's and each member's values.
 * @throws EvaluationError naming the derived fact, the member (in member scope) and the jurisdiction.
 */
export function computeDerived(version: CompiledVersion, checked: CheckedHousehold, env: Environment): void {
  const { jurisdiction, household, members, memberIds } = checked;
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
          within({ owner, memberId: memberIds[i] as string, jurisdiction }, () =>
            derived.expression.evaluate({ ...env, member }),
          ),
        ),
      );
  }
}

/** The rounded amount of a line, and for a yearly standard paid in instalments the rounded standard. */
interface LineAmount {
  amount: Decimal;
  yearly: Decimal | null;
}

/**
 * The amount of one benefit line from its exact value: rounded as the benefit says; for a yearly
 * standard paid in instalments, one instalment rounded from the exact standard, and the standard
 * itself rounded once. Null for a zero line (left out).
 * @throws EvaluationError when the formula cannot be computed or the amount is negative (without context).
 */
function lineAmount(benefit: CompiledBenefit, lineEnv: Environment): LineAmount | null {
  const value = benefit.amount.evaluate(lineEnv);
  // A formula that is only the name of an optional number not given gives null, not a number.
  if (!isDecimal(value))
    throw new EvaluationError('the amount is not given: its formula reads a value not given');
  const exact = value;
  const instalments = benefit.declaration.instalmentsPerYear;
  const yearly = instalments === undefined ? null : roundAmount(exact, benefit.rounding);
  const amount = roundAmount(
    instalments === undefined ? exact : checkedResult(exact.dividedBy(instalments), "'/'"),
    benefit.rounding,
  );
  if (amount.isNegative() && !amount.isZero())
    throw new EvaluationError(`the amount is negative (${formatMoney(amount)}): check its formula`);
  return amount.isZero() ? null : { amount, yearly };
}

/** A line's period and rounded amounts, as the totals read them. */
interface TotalledLine {
  period: BenefitLine['period'];
  amount: Decimal;
  yearly: Decimal | null;
}

/**
 * The totals of the rounded lines (see {@link Determination.totals}), each sum checked against the
 * numeric domain like any other computed value.
 * @throws EvaluationError (out of range) naming the total.
 */
function totalsOf(version: CompiledVersion, lines: readonly TotalledLine[], jurisdiction: string): Totals {
  const total = (owner: string, amounts: readonly Decimal[]): Decimal =>
    within({ owner, jurisdiction }, () =>
      amounts.reduce<Decimal>((t, a) => checkedResult(t.plus(a), "'+'"), new Decimal(0)),
    );
  const amountsOf = (period: BenefitLine['period'], instalments: boolean): Decimal[] =>
    lines.filter((l) => l.period === period && (l.yearly !== null) === instalments).map((l) => l.amount);
  const monthly = total('the monthly total', [...amountsOf('month', false), ...amountsOf('month', true)]);
  const annual = within({ owner: 'the annual total', jurisdiction }, () => {
    const monthlyLines = total('the monthly total', amountsOf('month', false));
    return total('the annual total', [
      checkedResult(monthlyLines.times(version.totals.monthsPerYear), "'*'"),
      total('the yearly total', amountsOf('year', false)),
      ...lines.flatMap((l) => (l.yearly === null ? [] : [l.yearly])),
    ]);
  });
  return {
    monthly: formatMoney(monthly),
    annual: formatMoney(annual),
    oneOff: formatMoney(total('the one-off total', amountsOf('oneOff', false))),
  };
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

/** The details of a household outcome, by name, computed and written (see {@link formatDetail}). */
function outcomeDetails(
  outcome: CompiledOutcome,
  env: Environment,
  jurisdiction: string,
  rounding: RoundingT,
): [string, unknown][] {
  const name = outcome.declaration.name;
  return outcome.details.map((detail) => [
    detail.name,
    within({ owner: `outcome detail '${detail.name}' of '${name}'`, jurisdiction }, () =>
      formatDetail(detail.type, detail.expression.evaluate(env), rounding),
    ),
  ]);
}

const traceOf = (rules: readonly RuleReport[]): RuleTrace[] =>
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
  checked: CheckedHousehold,
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
    checked.members.forEach((member, i) => {
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
        `${WORDS.member[language]} ${checked.memberIds[i] as string} ${WORDS.notCountedIn[language]} ${glossary.label(fact, language)}${WORDS.colon[language]}${glossary.label(counted, language)}${WORDS.colon[language]}${valueText(false, undefined, language)}${detail ? (language === 'zh' ? `(${detail})` : ` (${detail})`) : ''}`,
      );
    });
  }
  return reasons;
}

/**
 * Writes the determination of a household whose derived facts are computed and whose rules have
 * run (`householdRun`, and `memberRuns` in the order of `checked.members`): every benefit whose
 * outcome holds, rounded as the ruleset says, with its explanation and trace (household lines, then
 * members in input order, each in catalogue order; zero lines left out); the reported outcomes with
 * their details, reasons and traces; the totals of the rounded lines. The household's `id`, when
 * given, is echoed first as `householdId`.
 * @throws EvaluationError naming the benefit, outcome detail or total that cannot be computed.
 */
export function writeDetermination(
  version: CompiledVersion,
  checked: CheckedHousehold,
  env: Environment,
  householdRun: RulesOutcome,
  memberRuns: readonly RulesOutcome[],
  language: Language,
): Determination {
  const { jurisdiction, members } = checked;
  const memberId = (i: number): string => checked.memberIds[i] as string;
  const { household: householdScope, member: memberScope } = version.scopes;
  const glossary = glossaryOf(version);

  const lines: BenefitLine[] = [];
  const totalled: TotalledLine[] = [];
  const addLines = (
    memberIndex: number | null,
    scope: Scope,
    lineEnv: Environment,
    run: RulesOutcome,
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
        const computed = lineAmount(benefit, lineEnv);
        if (computed === null) return null;
        const { amount, yearly } = computed;
        const ctx: SentenceContext = { glossary, jurisdiction, language, env: lineEnv };
        const rules = run.rulesFor(b.when, true);
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
            : `${formulaSum} ÷ ${b.instalmentsPerYear as number} = ${valueText(amount, 'yuan', language)}`;
        totalled.push({ period: b.period, amount, yearly });
        return {
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
      });
      if (line) lines.push(line);
    }
  };
  addLines(null, householdScope, env, householdRun);
  members.forEach((member, i) => addLines(i, memberScope, { ...env, member }, memberRuns[i] as RulesOutcome));

  const eligibility: [string, Record<string, unknown>][] = [];
  const ctx: SentenceContext = { glossary, jurisdiction, language, env };
  for (const o of version.outcomes.values()) {
    if (!o.declaration.report) continue;
    const name = o.declaration.name;
    if (o.declaration.scope === 'household') {
      const details = outcomeDetails(o, env, jurisdiction, version.document.rounding);
      const rules = householdRun.rulesFor(name, false);
      const reasons = [
        ...rules.map((r) => ruleSentence(r.name, r.conditions, r.held, ctx)),
        ...leftOutReasons(
          rules.map((r) => r.conditions),
          checked,
          memberScope,
          env,
          ctx,
        ),
      ];
      // Object.fromEntries defines own properties: no detail name can reach a prototype.
      eligibility.push([
        name,
        Object.fromEntries([
          ['eligible', householdRun.fired.has(name)],
          ...details,
          ['reasons', reasons],
          ['trace', traceOf(rules)],
        ]),
      ]);
    } else {
      const memberIds = checked.memberIds.filter((_, i) => members[i]?.get(name) === true);
      // Each member's reason, whether the outcome holds for them or not (an outcome without a
      // benefit line says why only here).
      const reasons: string[] = [];
      const trace: { memberId: string; rules: RuleTrace[] }[] = [];
      members.forEach((member, i) => {
        const memberCtx: SentenceContext = { ...ctx, env: { ...env, member } };
        const rules = (memberRuns[i] as RulesOutcome).rulesFor(name, false);
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

  const totals = totalsOf(version, totalled, jurisdiction);
  return {
    ...(checked.id === undefined ? {} : { householdId: checked.id }),
    ruleset: versionReference(version),
    asOf: env.asOf,
    jurisdiction,
    eligibility: Object.fromEntries(eligibility),
    benefits: lines,
    totals,
  };
}

/**
 * Writes the amounts of a household whose derived facts are computed and whose rules have run, as
 * {@link writeDetermination} would write them: the same lines (without explanation, basis or trace) and
 * the same totals. The details of reported household outcomes are still computed, so that a detail
 * that cannot be computed fails here as it fails there.
 * @throws EvaluationError as {@link writeDetermination}.
 */
export function writeAmounts(
  version: CompiledVersion,
  checked: CheckedHousehold,
  env: Environment,
  householdFired: ReadonlySet<string>,
  memberFired: readonly ReadonlySet<string>[],
  detailsToCheck: readonly CompiledOutcome[],
): AmountsDetermination {
  const { jurisdiction, members } = checked;
  const lines: AmountLine[] = [];
  const totalled: TotalledLine[] = [];
  const addLines = (memberIndex: number | null, lineEnv: Environment, fired: ReadonlySet<string>): void => {
    for (const benefit of version.benefits) {
      const b = benefit.declaration;
      if ((b.scope === 'member') !== (memberIndex !== null) || !fired.has(b.when)) continue;
      const memberId = memberIndex === null ? null : (checked.memberIds[memberIndex] as string);
      const context: EvaluationContext = {
        owner: `benefit '${b.code}'`,
        ...(memberId === null ? {} : { memberId }),
        jurisdiction,
      };
      const line = within(context, (): AmountLine | null => {
        const computed = lineAmount(benefit, lineEnv);
        if (computed === null) return null;
        const { amount, yearly } = computed;
        totalled.push({ period: b.period, amount, yearly });
        return {
          code: b.code,
          memberId,
          period: b.period,
          amount: formatMoney(amount),
          ...(yearly === null ? {} : { yearlyAmount: formatMoney(yearly) }),
        };
      });
      if (line) lines.push(line);
    }
  };
  addLines(null, env, householdFired);
  members.forEach((member, i) => addLines(i, { ...env, member }, memberFired[i] as ReadonlySet<string>));
  for (const o of detailsToCheck) outcomeDetails(o, env, jurisdiction, version.document.rounding);
  const totals = totalsOf(version, totalled, jurisdiction);
  return {
    ...(checked.id === undefined ? {} : { householdId: checked.id }),
    ruleset: versionReference(version),
    asOf: env.asOf,
    jurisdiction,
    benefits: lines,
    totals,
  };
}
