import type { Decimal } from '../decimal';
import type { HintBudget } from './suggest';

/** A value inside the engine: decimals (integers too), booleans, strings (enums, codes), ISO dates. */
export type Value = Decimal | boolean | string | null;

/** Static types of the expression language. Integers are decimals; dates are ISO strings. */
export type ValueType = 'decimal' | 'boolean' | 'string' | 'date';

/**
 * Values by name: a household's or a member's facts, derived facts and outcomes. Always a `Map`,
 * never a plain object, so that no name (`constructor`, `toString` …) can reach a JavaScript
 * prototype.
 */
export type Values = ReadonlyMap<string, Value>;

/** What an expression can see while it runs. Every lookup by a name goes through a `Map`. */
export interface Environment {
  asOf: string;
  /** The parameters resolved for the jurisdiction, by key. */
  parameters: ReadonlyMap<string, Decimal>;
  /** The previous version's parameters for the same place (constraints only); null when there is none. */
  previous?: ReadonlyMap<string, Decimal> | null;
  household: Values;
  members: readonly Values[];
  member?: Values;
}

/** A name an expression may use, with its type and how to read it. */
export interface Binding {
  type: ValueType;
  /** What the name is: an input fact, a derived fact, a parameter, an outcome, a built-in. */
  kind: 'fact' | 'derived' | 'parameter' | 'outcome' | 'builtin' | 'object';
  /** Allowed values of an enum fact, for checking string comparisons. */
  values?: readonly string[];
  read(env: Environment): Value;
}

/** The names visible where an expression stands (household, member, parameter or constraint scope). */
export interface Scope {
  readonly name: 'household' | 'member' | 'parameter' | 'constraint';
  lookup(name: string): Binding | undefined;
  /** Every visible name, for "did you mean" hints. */
  names(): Iterable<string>;
  /** The member scope, where `count`, `sum`, `any` and `all` evaluate their argument. */
  readonly members?: Scope;
  /** Allows `previous(parameter)`. */
  readonly allowsPrevious?: boolean;
  /** The hint budget of the document being compiled (none: each hint gets a fresh budget). */
  readonly hints?: HintBudget;
}

/** A scope made from a map of bindings. */
export function scopeOf(
  name: Scope['name'],
  bindings: ReadonlyMap<string, Binding>,
  options: { members?: Scope; allowsPrevious?: boolean; hints?: HintBudget } = {},
): Scope {
  return {
    name,
    lookup: (n) => bindings.get(n),
    names: () => bindings.keys(),
    ...options,
  };
}
