/**
 * The compiled evaluation path: each version's rule conditions are turned once into closures over
 * the version's bindings (never `eval` or `new Function`; the formulas of derived facts, benefits and
 * details are already closures, see `expression/compile.ts`), so a household is evaluated without
 * json-rules-engine's per-run copying of condition trees and promise chains. Explanations and traces
 * are written by the same code as the reference path's ({@link writeDetermination}), from condition
 * reports built only for the rules an answer shows. The json-rules-engine path ({@link determine})
 * stays the reference this path is proven against (see `test/compiled-equivalence.spec.ts`).
 */
import type { RuleProperties } from 'json-rules-engine';
import { InvalidInputError } from '../errors';
import { isCalendarDate } from '../expression/dates';
import type { Environment, Scope, Value } from '../expression/scope';
import type { CompiledOutcome, CompiledVersion } from '../model/compile-version';
import { decimalOf, RULE_OPERATORS } from '../model/operators';
import type { RuleTiers } from '../model/rules';
import type { ConditionT } from '../schema/ruleset.schema';
import {
  computeDerived,
  environmentOf,
  writeAmounts,
  writeDetermination,
  type AmountsDetermination,
  type Determination,
  type DetermineOptions,
  type RuleReport,
  type RulesOutcome,
} from './determination';
import type { ConditionResult } from './explain';
import { checkHousehold, type CheckedHousehold } from './input';
import { determine } from './determine';
import { FastAmounts } from './fast-amounts';
import { FastCore } from './fast-core';
import { FastFull } from './fast-full';
import { JsonWriter } from './json-writer';
import { withWarnings, type AnswerWarning } from './warnings';

/** A condition compiled for one scope: whether it holds, and the same result as json-rules-engine reports it. */
interface CompiledCondition {
  holds(env: Environment): boolean;
  /** The condition with the values compared, as json-rules-engine's `toJSON(false)` after a run. */
  report(env: Environment): ConditionResult;
}

/**
 * json-rules-engine's own `equal`, `notEqual`, `in` and `notIn`, as it defines them (strict
 * equality; `indexOf` on the list).
 */
const PLAIN_TESTS: Readonly<Record<string, (a: unknown, b: unknown) => boolean>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as unknown[]).indexOf(a) > -1,
  notIn: (a, b) => (b as unknown[]).indexOf(a) === -1,
};

/** How a leaf reads a fact: the binding's value, or null where the scope has no value for it. */
function reader(scope: Scope, name: string): (env: Environment) => Value {
  const binding = scope.lookup(name);
  if (!binding) throw new Error(`the checked rules read '${name}', which ${scope.name} scope does not have`);
  const read = binding.read;
  return (env) => read(env) ?? null;
}

/** The comparison of a leaf, given the literal or the other fact's value as json-rules-engine would pass it. */
function comparison(
  operator: string,
  literal: unknown,
  factValued: boolean,
): (a: unknown, b: unknown) => boolean {
  const known = RULE_OPERATORS.get(operator);
  if (known?.kind === 'decimal' && known.holds) {
    const holds = known.holds;
    if (factValued)
      return (a, b) => {
        const x = decimalOf(a);
        const y = decimalOf(b);
        return x !== null && y !== null && holds(x.cmp(y));
      };
    // A literal is read once, as json-rules-engine's decimal operator reads it on every run.
    const y = decimalOf(literal);
    return (a) => {
      if (y === null) return false;
      const x = decimalOf(a);
      return x !== null && holds(x.cmp(y));
    };
  }
  const test = PLAIN_TESTS[operator];
  if (!test) throw new Error(`the checked rules use the operator '${operator}', which has no compiled form`);
  return test;
}

/** Compiles one checked condition of a scope (exactly one of all / any / not / fact). */
function compileCondition(condition: ConditionT, scope: Scope): CompiledCondition {
  const named = condition.name ? { name: condition.name } : {};
  const list = condition.all ?? condition.any;
  if (list !== undefined) {
    const kind = condition.all !== undefined ? 'all' : 'any';
    const parts = list.map((c) => compileCondition(c, scope));
    // json-rules-engine evaluates every condition of a list (all have one priority); conditions are
    // pure, so stopping at the first that decides gives the same result.
    const holds =
      kind === 'all'
        ? (env: Environment) => {
            for (const p of parts) if (!p.holds(env)) return false;
            return true;
          }
        : (env: Environment) => {
            for (const p of parts) if (p.holds(env)) return true;
            return false;
          };
    return {
      holds,
      report: (env) =>
        ({ priority: 1, ...named, [kind]: parts.map((p) => p.report(env)) }) as unknown as ConditionResult,
    };
  }
  if (condition.not !== undefined) {
    const inner = compileCondition(condition.not, scope);
    return {
      holds: (env) => !inner.holds(env),
      report: (env) => ({ priority: 1, ...named, not: inner.report(env) }) as unknown as ConditionResult,
    };
  }
  const fact = condition.fact as string;
  const operator = condition.operator as string;
  const value = condition.value;
  const other =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? reader(scope, (value as { fact: string }).fact)
      : null;
  const read = reader(scope, fact);
  const test = comparison(operator, value, other !== null);
  return {
    holds: other === null ? (env) => test(read(env), value) : (env) => test(read(env), other(env)),
    report: (env) => {
      const factResult = read(env);
      const valueResult = other === null ? value : other(env);
      return {
        ...named,
        operator,
        value,
        fact,
        factResult,
        valueResult,
        result: test(factResult, valueResult),
      } as ConditionResult;
    },
  };
}

/** A rule compiled for its scope. */
interface CompiledRule {
  name: string;
  outcome: string;
  /** Its place among the scope's rules, in tier order and then in the order of the ruleset. */
  index: number;
  condition: CompiledCondition;
}

/** A scope's rules compiled, in the tiers of {@link RuleTiers}, with the rules of each outcome. */
class CompiledScope {
  readonly tiers: { rules: CompiledRule[]; outcomes: readonly string[] }[];
  readonly byOutcome = new Map<string, CompiledRule[]>();
  readonly size: number;

  constructor(rules: RuleTiers, scope: Scope) {
    let index = 0;
    this.tiers = rules.tiers.map((tier) => ({
      outcomes: tier.outcomes,
      rules: tier.definitions.map((d: RuleProperties): CompiledRule => {
        const outcome = String((d.event.params as { outcome: string }).outcome);
        const rule = {
          name: d.name ?? '',
          outcome,
          index: index++,
          condition: compileCondition(d.conditions as ConditionT, scope),
        };
        const list = this.byOutcome.get(outcome) ?? [];
        list.push(rule);
        this.byOutcome.set(outcome, list);
        return rule;
      }),
    }));
    this.size = index;
  }

  /**
   * Runs the rules tier by tier, writing each tier's outcomes into `decided` for the next tiers;
   * `held[i]` says whether the rule of index i held.
   */
  run(env: Environment, decided: Map<string, Value>): { fired: Set<string>; held: boolean[] } {
    const fired = new Set<string>();
    const held = new Array<boolean>(this.size);
    for (const tier of this.tiers) {
      for (const rule of tier.rules) {
        const holds = rule.condition.holds(env);
        held[rule.index] = holds;
        if (holds) fired.add(rule.outcome);
      }
      for (const outcome of tier.outcomes) decided.set(outcome, fired.has(outcome));
    }
    return { fired, held };
  }
}

/** A scope's run, reporting conditions only for the rules an answer shows. */
class CompiledRun implements RulesOutcome {
  constructor(
    private readonly scope: CompiledScope,
    readonly fired: ReadonlySet<string>,
    private readonly held: readonly boolean[],
    private readonly env: Environment,
  ) {}

  rulesFor(outcome: string, onlyHeld: boolean): RuleReport[] {
    const rules = this.scope.byOutcome.get(outcome) ?? [];
    const report = (r: CompiledRule, held: boolean): RuleReport => ({
      name: r.name,
      held,
      conditions: r.condition.report(this.env),
    });
    const reports = rules.filter((r) => this.held[r.index] === true).map((r) => report(r, true));
    if (!onlyHeld) for (const r of rules) if (this.held[r.index] !== true) reports.push(report(r, false));
    return reports;
  }
}

/**
 * Evaluates households under one compiled version on the compiled path. Every answer is the one
 * {@link determine} gives (byte for byte, explanations and traces included), synchronously. Calls
 * may overlap freely: nothing they share is changed by a call.
 */
export interface Evaluator {
  /**
   * The full determination of one household on `asOf`, as {@link determine} writes it.
   * @throws InvalidInputError naming every bad field; EvaluationError as {@link determine}.
   */
  determine(input: unknown, asOf: string, options?: DetermineOptions): Determination;
  /**
   * Appends the full determination to `out` as the JSON of an answer (UTF-8): the same bytes as
   * `JSON.stringify(withWarnings(determine(input, asOf, options), warnings))` encoded, written
   * straight from the evaluation where the fast path answers (no answer objects built, then
   * serialised and encoded).
   * @throws the same errors as {@link Evaluator.determine} for the same input, `out` then left as it was.
   */
  writeDetermination(
    out: JsonWriter,
    input: unknown,
    asOf: string,
    options?: DetermineOptions,
    warnings?: readonly AnswerWarning[],
  ): void;
  /**
   * Only the amounts (lines and totals) of one household on `asOf`, for simulations: the same lines
   * and totals as {@link Evaluator.determine}, without eligibility, explanations or traces.
   * @throws the same errors as {@link Evaluator.determine} for the same input.
   */
  amounts(input: unknown, asOf: string): AmountsDetermination;
  /**
   * How many answers (full or amounts-only) came from the fast path (scaled integers over slots) and
   * how many from the general compiled path (input off the common case, a failing formula, a version whose
   * formulas have no fast form). Both give the reference's answers.
   */
  readonly counts: { readonly fast: number; readonly general: number };
}

class VersionEvaluator implements Evaluator {
  private readonly household: CompiledScope;
  private readonly member: CompiledScope;
  private readonly householdOutcomes: string[];
  private readonly memberOutcomes: string[];
  /** Reported household outcomes whose details may fail to compute (anything but a plain name or literal). */
  private readonly detailsToCheck: CompiledOutcome[];

  /** The amounts-only fast path, or null when a formula of the version has no fast form. */
  private readonly fast: FastAmounts | null;
  /** The full determination's fast path, or null when a formula of the version has no fast form. */
  private readonly fastFull: FastFull | null;
  /** How many amounts answers each path gave (for the benchmark). */
  readonly counts = { fast: 0, general: 0 };

  constructor(private readonly version: CompiledVersion) {
    const core = orNull(() => new FastCore(version));
    this.fast = core && orNull(() => new FastAmounts(version, core));
    this.fastFull = core && orNull(() => new FastFull(version, core));
    this.household = new CompiledScope(version.householdRules, version.scopes.household);
    this.member = new CompiledScope(version.memberRules, version.scopes.member);
    const outcomes = [...version.outcomes.values()];
    const named = (scope: string) =>
      outcomes.filter((o) => o.declaration.scope === scope).map((o) => o.declaration.name);
    this.householdOutcomes = named('household');
    this.memberOutcomes = named('member');
    this.detailsToCheck = outcomes.filter(
      (o) =>
        o.declaration.report === true &&
        o.declaration.scope === 'household' &&
        o.details.some((d) => !['name', 'number', 'string', 'boolean'].includes(d.expression.ast.kind)),
    );
  }

  /** Checks the input and computes the derived facts. */
  private prepare(input: unknown, asOf: string): { checked: CheckedHousehold; env: Environment } {
    if (!isCalendarDate(asOf))
      throw new InvalidInputError([
        { path: '/asOf', message: 'must be a date written YYYY-MM-DD, such as "2019-06-30"' },
      ]);
    const checked = checkHousehold(this.version, input, asOf);
    const env = environmentOf(this.version, checked, asOf);
    computeDerived(this.version, checked, env);
    return { checked, env };
  }

  /** Runs the household's rules, then each member's, writing outcomes where the next rules read them. */
  private runRules(
    checked: CheckedHousehold,
    env: Environment,
  ): {
    household: { fired: Set<string>; held: boolean[] };
    members: { fired: Set<string>; held: boolean[]; env: Environment }[];
  } {
    const household = this.household.run(env, checked.household);
    for (const name of this.householdOutcomes) checked.household.set(name, household.fired.has(name));
    const members = checked.members.map((member) => {
      const memberEnv = { ...env, member };
      const run = this.member.run(memberEnv, member);
      for (const name of this.memberOutcomes) member.set(name, run.fired.has(name));
      return { ...run, env: memberEnv };
    });
    return { household, members };
  }

  /**
   * The fast path's answer, or null (counted as the general path's) when the household is off the
   * common case (bad input, a failing formula, a value the fast numbers cannot decide): the general
   * path then answers, with the reference's answer or error.
   */
  private onFastPath<T>(answer: (() => T) | null): T | null {
    if (answer)
      try {
        const result = answer();
        this.counts.fast++;
        return result;
      } catch {
        // Off the common case: counted below.
      }
    this.counts.general++;
    return null;
  }

  determine(input: unknown, asOf: string, options: DetermineOptions = {}): Determination {
    const fast = this.fastFull;
    const answer = this.onFastPath(fast && (() => fast.determine(input, asOf, options.language ?? 'zh')));
    return answer ?? this.generalDetermination(input, asOf, options);
  }

  writeDetermination(
    out: JsonWriter,
    input: unknown,
    asOf: string,
    options: DetermineOptions = {},
    warnings: readonly AnswerWarning[] = [],
  ): void {
    const start = out.length;
    const fast = this.fastFull;
    const language = options.language ?? 'zh';
    const written = this.onFastPath(
      fast &&
        (() => {
          fast.write(out, input, asOf, language);
          return true;
        }),
    );
    if (!written) {
      // The fast path may have written part of the answer before leaving it.
      out.truncate(start);
      try {
        out.text(JSON.stringify(this.generalDetermination(input, asOf, options)));
      } catch (e) {
        out.truncate(start);
        throw e;
      }
    }
    if (warnings.length > 0) {
      // In place of the answer's closing brace, as withWarnings adds them last.
      out.truncate(out.length - 1);
      out.text(`,"warnings":${JSON.stringify(warnings)}}`);
    }
  }

  /** The full determination on the general compiled path (condition closures over the environment). */
  private generalDetermination(input: unknown, asOf: string, options: DetermineOptions): Determination {
    const { checked, env } = this.prepare(input, asOf);
    const runs = this.runRules(checked, env);
    return writeDetermination(
      this.version,
      checked,
      env,
      new CompiledRun(this.household, runs.household.fired, runs.household.held, env),
      runs.members.map((m) => new CompiledRun(this.member, m.fired, m.held, m.env)),
      options.language ?? 'zh',
    );
  }

  amounts(input: unknown, asOf: string): AmountsDetermination {
    const fast = this.fast;
    const answer = this.onFastPath(fast && (() => fast.amounts(input, asOf)));
    if (answer) return answer;
    const { checked, env } = this.prepare(input, asOf);
    const runs = this.runRules(checked, env);
    return writeAmounts(
      this.version,
      checked,
      env,
      runs.household.fired,
      runs.members.map((m) => m.fired),
      this.detailsToCheck,
    );
  }
}

/** A fast path of a version, or null when one of its formulas has no fast form. */
function orNull<T>(build: () => T): T | null {
  try {
    return build();
  } catch {
    return null;
  }
}

const evaluators = new WeakMap<CompiledVersion, Evaluator>();

/**
 * The compiled evaluator of a version, built on first use (its rule conditions compiled into
 * closures) and kept as long as the version is.
 * @example evaluatorOf(version).determine({ jurisdiction: '420325', … }, '2019-06-30')
 */
export function evaluatorOf(version: CompiledVersion): Evaluator {
  let evaluator = evaluators.get(version);
  if (!evaluator) {
    evaluator = new VersionEvaluator(version);
    evaluators.set(version, evaluator);
  }
  return evaluator;
}

/**
 * Which path evaluates: `compiled` ({@link evaluatorOf}, the default of the service) or `reference`
 * (json-rules-engine, {@link determine}). Both give the same answers; the reference is slower.
 */
export type EvaluationPath = 'compiled' | 'reference';

/** The evaluation paths, in the order settings list them. */
export const EVALUATION_PATHS: readonly EvaluationPath[] = ['compiled', 'reference'];

/** Where single answers are written before being copied out (a thread evaluates one household at a time). */
const scratch = new JsonWriter();

/**
 * One determination on the path asked for, as the JSON of an answer with `warnings` (see
 * `withWarnings`), UTF-8, in bytes of its own.
 * @throws what {@link determine} throws.
 */
export async function determinationJsonOn(
  path: EvaluationPath,
  version: CompiledVersion,
  input: unknown,
  asOf: string,
  options: DetermineOptions = {},
  warnings: readonly AnswerWarning[] = [],
): Promise<Uint8Array> {
  if (path === 'compiled') {
    // Written and copied out with no await between: no other answer can use the scratch meanwhile.
    scratch.truncate(0);
    evaluatorOf(version).writeDetermination(scratch, input, asOf, options, warnings);
    return scratch.view().slice();
  }
  const out = new JsonWriter();
  await writeDeterminationOn(out, path, version, input, asOf, options, warnings);
  return out.view();
}

/**
 * Appends one determination on the path asked for to `out`, as the JSON of an answer with
 * `warnings` (see `withWarnings`), UTF-8.
 * @throws what {@link determine} throws, `out` then left as it was.
 */
export async function writeDeterminationOn(
  out: JsonWriter,
  path: EvaluationPath,
  version: CompiledVersion,
  input: unknown,
  asOf: string,
  options: DetermineOptions = {},
  warnings: readonly AnswerWarning[] = [],
): Promise<void> {
  if (path === 'compiled') evaluatorOf(version).writeDetermination(out, input, asOf, options, warnings);
  else out.text(JSON.stringify(withWarnings(await determine(version, input, asOf, options), warnings)));
}
