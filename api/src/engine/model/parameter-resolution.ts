import { numeralProblem, toDecimal, type Decimal } from '../decimal';
import { EvaluationError, OutOfRangeError, pointer, type FieldProblem } from '../errors';
import { namesIn } from '../expression/ast';
import type { CompiledExpression } from '../expression/compile';
import type { Environment } from '../expression/scope';
import { MAX_LITERAL_DECIMAL_PLACES, MAX_RESOLVED_VALUES } from '../limits';
import type { ParameterT, ParameterValueT, RulesetVersion } from '../schema/ruleset.schema';

/** Every parameter's value in one jurisdiction, by key. */
export type ParameterValues = ReadonlyMap<string, Decimal>;

/** The parameters resolved for every jurisdiction of the version: jurisdiction code → values by key. */
export type ResolvedParameters = ReadonlyMap<string, ParameterValues>;

/**
 * A problem at `/jurisdictions` when compiling the version would compute more than
 * {@link MAX_RESOLVED_VALUES} values (every parameter and every formula that reads only parameters,
 * in every jurisdiction); null otherwise. Costs nothing: it only counts.
 */
export function resolutionSizeProblem(version: RulesetVersion): FieldProblem | null {
  const details = version.outcomes.reduce((n, o) => n + (o.details?.length ?? 0), 0);
  const perPlace =
    version.parameters.length +
    version.derived.length +
    details +
    version.benefits.length +
    version.constraints.length;
  const places = version.jurisdictions.length;
  if (places * perPlace <= MAX_RESOLVED_VALUES) return null;
  return {
    path: '/jurisdictions',
    message: `${places} jurisdictions × ${perPlace} parameters and formulas make ${places * perPlace} values to compute; at most ${MAX_RESOLVED_VALUES} are allowed (split the ruleset)`,
    code: 'too-large',
  };
}

/** One value entry of a parameter, with its index in `values`. */
export interface ValueChoice {
  entry: ParameterValueT;
  index: number;
}

/**
 * Which value entry of a parameter applies in a jurisdiction: a jurisdiction's own entry beats its
 * group's, which beats an entry without `for`. Indexed once per parameter, so choosing costs the
 * number of the jurisdiction's groups, whatever the number of entries.
 */
export class ValueChooser {
  private readonly byPlace = new Map<string, ValueChoice>();
  private everywhere: ValueChoice | null = null;

  constructor(parameter: ParameterT) {
    parameter.values.forEach((entry, index) => {
      if (entry.for === undefined) this.everywhere ??= { entry, index };
      else if (!this.byPlace.has(entry.for)) this.byPlace.set(entry.for, { entry, index });
    });
  }

  choose(code: string, groups: readonly string[]): { choice: ValueChoice | null; ambiguous: string[] } {
    if (this.byPlace.size === 0) return { choice: this.everywhere, ambiguous: [] };
    const own = this.byPlace.get(code);
    if (own) return { choice: own, ambiguous: [] };
    let found: ValueChoice | undefined;
    for (const group of groups) {
      const choice = this.byPlace.get(group);
      if (!choice || choice === found) continue;
      if (found) return { choice: null, ambiguous: this.groupsWithValues(groups) };
      found = choice;
    }
    return { choice: found ?? this.everywhere, ambiguous: [] };
  }

  /** The groups among `groups` that have a value, in the order of the values. */
  private groupsWithValues(groups: readonly string[]): string[] {
    // Two values for one group are reported as a duplicate; only different groups are ambiguous.
    return [...new Set(groups)]
      .map((group) => this.byPlace.get(group))
      .filter((c): c is ValueChoice => c !== undefined)
      .sort((a, b) => a.index - b.index)
      .map((c) => c.entry.for as string);
  }
}

/**
 * What a formula that failed at compile time says: `for 420325 the value exceeds 10^15 (about
 * 10^28) at '*'` for a value outside the numeric domain, `cannot be computed for 420325: division
 * by zero` otherwise.
 */
export function failureFor(code: string, error: EvaluationError): string {
  if (error instanceof OutOfRangeError)
    return `for ${code} ${error.exponent === null ? 'the value is not a finite number' : error.reason}`;
  return `cannot be computed for ${code}: ${error.reason}`;
}

/** Collects one problem per failing formula: the first jurisdiction where it fails, and how many others. */
export class FailureReport {
  private readonly failures = new Map<string, { message: string; code: string; others: number }>();

  add(path: string, message: string, code: string): void {
    const earlier = this.failures.get(path);
    if (earlier) earlier.others++;
    else this.failures.set(path, { message, code, others: 0 });
  }

  /** The problems, in the order the formulas first failed. */
  problems(): FieldProblem[] {
    return [...this.failures].map(([path, { message, code, others }]) => ({
      path,
      message: `${message}${others > 0 ? ` (and in ${others} other jurisdiction${others === 1 ? '' : 's'})` : ''}`,
      code,
    }));
  }
}

/** What {@link resolveValues} needs: the checked parameters, their formulas and the order to compute them. */
export interface Resolution {
  version: RulesetVersion;
  byKey: ReadonlyMap<string, { parameter: ParameterT; index: number; chooser: ValueChooser }>;
  /** `${parameterIndex}/${valueIndex}` → the checked formula. */
  formulas: ReadonlyMap<string, CompiledExpression>;
  order: readonly string[];
}

/**
 * Resolves every parameter in every jurisdiction, formulas in dependency order. A literal is read
 * once; a parameter that does not vary by jurisdiction is computed once and shared by all of them.
 * A formula that fails (outside the numeric domain, division by zero) is one problem at its path;
 * formulas reading a value that failed (or a literal outside the domain) are not computed.
 */
export function resolveValues({ version, byKey, formulas, order }: Resolution): {
  resolved: ResolvedParameters;
  problems: FieldProblem[];
} {
  const groupsOf = new Map(version.jurisdictions.map((j) => [j.code, j.groups]));
  const literals = new Map<ParameterValueT, Decimal | null>();
  const literal = (entry: ParameterValueT, text: string): Decimal | null => {
    if (!literals.has(entry))
      literals.set(entry, numeralProblem(text, MAX_LITERAL_DECIMAL_PLACES) ? null : toDecimal(text));
    return literals.get(entry) ?? null;
  };
  const shared = new Map<string, Decimal | EvaluationError | null>(); // same everywhere: computed once
  const report = new FailureReport();
  const resolved = new Map<string, ParameterValues>();
  for (const code of version.jurisdictions.map((j) => j.code)) {
    const values = new Map<string, Decimal>();
    const env: Environment = {
      asOf: version.metadata.effectiveFrom,
      parameters: values,
      household: new Map(),
      members: [],
    };
    const failed = new Set<string>();
    for (const key of order) {
      const { parameter, index, chooser } = byKey.get(key) as NonNullable<ReturnType<typeof byKey.get>>;
      const { choice } = chooser.choose(code, groupsOf.get(code) ?? []);
      if (!choice) continue;
      let value: Decimal | EvaluationError | null;
      if (choice.entry.value !== undefined) value = literal(choice.entry, choice.entry.value);
      else if (!parameter.byJurisdiction && shared.has(key)) value = shared.get(key) ?? null;
      else {
        const formula = formulas.get(`${index}/${choice.index}`) as CompiledExpression;
        value = computed(formula, env, failed);
        if (!parameter.byJurisdiction) shared.set(key, value);
      }
      if (value instanceof EvaluationError) {
        report.add(
          pointer('parameters', index, 'values', choice.index, 'formula'),
          failureFor(code, value),
          value instanceof OutOfRangeError ? 'numeric-domain' : 'expression',
        );
        failed.add(key);
      } else if (value === null) failed.add(key);
      else values.set(key, value);
    }
    resolved.set(code, values);
  }
  return { resolved, problems: report.problems() };
}

const namesOf = new WeakMap<CompiledExpression, string[]>();

/** A formula's value; null when it reads a value that failed; the error when it fails. */
function computed(
  formula: CompiledExpression,
  env: Environment,
  failed: ReadonlySet<string>,
): Decimal | EvaluationError | null {
  let names = namesOf.get(formula);
  if (!names) namesOf.set(formula, (names = namesIn(formula.ast)));
  if (names.some((name) => failed.has(name))) return null;
  try {
    return formula.evaluate(env) as Decimal;
  } catch (e) {
    if (e instanceof EvaluationError) return e;
    throw e;
  }
}
