import type { Decimal } from '../decimal';

/** A value inside the engine: decimals (integers too), booleans, strings (enums, codes), ISO dates. */
export type Value = Decimal | boolean | string | null;

/** Static types of the expression language. Integers are decimals; dates are ISO strings. */
export type ValueType = 'decimal' | 'boolean' | 'string' | 'date';

/** What an expression can see while it runs. */
export interface Environment {
  asOf: string;
  parameters: Readonly<Record<string, Decimal>>;
  /** The previous version's parameters for the same place (constraints only); null when there is none. */
  previous?: Readonly<Record<string, Decimal>> | null;
  household: Readonly<Record<string, Value>>;
  members: readonly Readonly<Record<string, Value>>[];
  member?: Readonly<Record<string, Value>>;
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
  names(): string[];
  /** The member scope, where `count`, `sum`, `any` and `all` evaluate their argument. */
  readonly members?: Scope;
  /** Allows `previous(parameter)`. */
  readonly allowsPrevious?: boolean;
}

/** A scope made from a map of bindings. */
export function scopeOf(
  name: Scope['name'],
  bindings: ReadonlyMap<string, Binding>,
  options: { members?: Scope; allowsPrevious?: boolean } = {},
): Scope {
  return {
    name,
    lookup: (n) => bindings.get(n),
    names: () => [...bindings.keys()],
    ...options,
  };
}
