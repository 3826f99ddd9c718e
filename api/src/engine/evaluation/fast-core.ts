/**
 * The fast core of the compiled path: a version compiled once into closures over numbered slots
 * (each fact, derived fact and outcome of the household and of a member has its place in an array),
 * with numbers as scaled integers ({@link Scaled}), so that evaluating a household costs a few
 * microseconds and allocates only a few small arrays. The amounts-only answer (`fast-amounts.ts`)
 * and the full one (`fast-full.ts`) are written from its runs.
 *
 * It takes the common case only. Whenever anything is not plainly valid and plainly computable — an
 * input the reference would refuse or that it cannot read exactly, a formula that fails, a negative
 * amount, a sum beyond 2^53 ten-thousandths — it gives up on that household, and the caller answers
 * it on the general compiled path, which gives the reference's answer or error. So an answer from
 * here is always the reference's answer; the tests prove it over random rulesets and households.
 * Nothing here knows what a benefit is: names, formulas, rules and rounding all come from the version.
 */
import { Decimal, isDecimal, toDecimal as readDecimal } from '../decimal';
import type { Expression } from '../expression/ast';
import {
  addDays,
  addMonths,
  addYears,
  dateParts,
  daysBetween,
  isCalendarDate,
  monthsBetween,
  startOfMonth,
  yearsBetween,
} from '../expression/dates';
import type { Binding, Scope } from '../expression/scope';
import type { CompiledVersion } from '../model/compile-version';
import type { FactSpec } from '../model/facts';
import { RULE_OPERATORS } from '../model/operators';
import type { ConditionT, FactDeclarationT, RoundingT } from '../schema/ruleset.schema';
import type { Totals } from './determination';
import { householdIdProblem } from './input';
import { namesIn } from './readable';
import {
  add,
  carriedPlaces,
  compare,
  divide,
  fromDecimal,
  isZero,
  multiply,
  negate,
  moneyText,
  NOT_FAST,
  parseScaled,
  POWERS_OF_TEN,
  Ratio,
  round,
  SCALE,
  SCALE_PLACES,
  scaledOfNumber,
  subtract,
  type Scaled,
} from './scaled';

/** A value in a slot: numbers scaled, booleans, strings (codes, enums, ISO dates), or null when not given. */
export type Slot = Scaled | boolean | string | null;

/** What a closure reads while one household is evaluated. */
export interface Frame {
  /** The household's slots. */
  h: Slot[];
  /** The current member's slots (member scope, or inside count/sum/any/all). */
  m: Slot[];
  /** Every member's slots, in input order. */
  ms: Slot[][];
  /** The parameters of the household's jurisdiction, by index. */
  p: readonly Scaled[];
  asOf: string;
}

export type Run = (f: Frame) => Slot;

/** Gives up on the household (see the module's description). */
export const notFast = (): never => {
  throw NOT_FAST;
};

export const asNumber = (v: Slot): Scaled =>
  typeof v === 'number' || v instanceof Ratio || isDecimal(v) ? (v as Scaled) : notFast();
const asBoolean = (v: Slot): boolean => (typeof v === 'boolean' ? v : notFast());
const asDate = (v: Slot): string => (typeof v === 'string' ? v : notFast());
export const isNumber = (v: Slot): v is Scaled =>
  typeof v === 'number' || (typeof v === 'object' && v !== null && (v instanceof Ratio || isDecimal(v)));

/** A whole number of units given to a date function (days, months, years), or give up. */
function wholeUnits(v: Slot): number {
  const n = asNumber(v);
  if (typeof n !== 'number' || n % SCALE !== 0) return notFast();
  const units = n / SCALE;
  return Math.abs(units) > 1e7 ? notFast() : units;
}

/** Where a name of a scope lives: a slot of the household or member, a parameter, or `asOf`. */
export type Place = { in: 'h' | 'm' | 'p'; index: number } | { in: 'asOf' };

/** The slot layout of one version. */
export class Layout {
  readonly household = new Map<string, number>();
  readonly member = new Map<string, number>();
  readonly parameters = new Map<string, number>();

  constructor(version: CompiledVersion) {
    const put = (map: Map<string, number>, name: string) => map.set(name, map.size);
    version.householdFacts.forEach((f) => put(this.household, f.name));
    version.householdGroups.forEach((g) => put(this.household, g));
    version.memberFacts.forEach((f) => put(this.member, f.name));
    for (const d of version.derived)
      put(d.declaration.scope === 'household' ? this.household : this.member, d.declaration.name);
    for (const o of version.outcomes.values())
      put(o.declaration.scope === 'household' ? this.household : this.member, o.declaration.name);
    version.document.parameters.forEach((p) => put(this.parameters, p.key));
  }

  /** Where `name` lives as `scope` sees it. */
  place(name: string, scope: Scope): Place {
    const binding: Binding | undefined = scope.lookup(name);
    if (!binding) throw new Error(`'${name}' is not a name of ${scope.name} scope`);
    if (binding.kind === 'builtin') return { in: 'asOf' };
    if (binding.kind === 'parameter') return { in: 'p', index: this.required(this.parameters, name) };
    if (scope.name === 'member') {
      const own = this.member.get(name);
      if (own !== undefined) return { in: 'm', index: own };
      return { in: 'h', index: this.required(this.household, name.replace(/^household\./, '')) };
    }
    return { in: 'h', index: this.required(this.household, name) };
  }

  private required(map: Map<string, number>, name: string): number {
    const index = map.get(name);
    if (index === undefined) throw new Error(`'${name}' has no slot`);
    return index;
  }
}

/** A closure reading a name. */
export function reader(place: Place): Run {
  switch (place.in) {
    case 'asOf':
      return (f) => f.asOf;
    case 'p': {
      const i = place.index;
      return (f) => f.p[i] ?? null;
    }
    case 'h': {
      const i = place.index;
      return (f) => f.h[i] ?? null;
    }
    case 'm': {
      const i = place.index;
      return (f) => f.m[i] ?? null;
    }
  }
}

/** A numeral of the version as a scaled number. */
export const literal = (text: string): Scaled => fromDecimal(new Decimal(text));

/** Runs `inner` once per member (as count, sum, any and all do), the current member restored after. */
function overMembers(inner: Run, each: (v: Slot) => boolean | void): (f: Frame) => void {
  return (f) => {
    const saved = f.m;
    try {
      for (const member of f.ms) {
        f.m = member;
        if (each(inner(f)) === false) break;
      }
    } finally {
      f.m = saved;
    }
  };
}

const DECIMAL_ROUNDING: Readonly<Record<string, RoundingT['mode']>> = {
  round: 'halfUp',
  ceil: 'ceil',
  floor: 'floor',
};

/**
 * Compiles a checked formula into a closure over slots, with the reference's semantics: `if`,
 * `and` and `or` evaluate lazily as it does; where it would fail (a value not given, division by
 * zero, a date out of range) this gives up instead.
 */
export function compileFast(e: Expression, scope: Scope, layout: Layout): Run {
  const sub = (x: Expression, inner: Scope = scope) => compileFast(x, inner, layout);
  switch (e.kind) {
    case 'number': {
      const value = literal(e.text);
      return () => value;
    }
    case 'string':
    case 'boolean': {
      const value = e.value;
      return () => value;
    }
    case 'name':
      return reader(layout.place(e.name, scope));
    case 'unary': {
      const operand = sub(e.operand);
      return e.operator === '-' ? (f) => negate(asNumber(operand(f))) : (f) => !asBoolean(operand(f));
    }
    case 'binary': {
      const left = sub(e.left);
      const right = sub(e.right);
      switch (e.operator) {
        case 'and':
          return (f) => asBoolean(left(f)) && asBoolean(right(f));
        case 'or':
          return (f) => asBoolean(left(f)) || asBoolean(right(f));
        case '==':
        case '!=': {
          const equal = e.operator === '==';
          const fixed =
            literalComparison(e.left, e.right, scope, layout) ??
            literalComparison(e.right, e.left, scope, layout);
          // A name against a text or yes/no literal: equal only when the same (a number never is).
          if (fixed !== null) {
            const [read, text] = fixed;
            return equal ? (f) => read(f) === text : (f) => read(f) !== text;
          }
          return (f) => {
            const a = left(f);
            const b = right(f);
            const same = isNumber(a) && isNumber(b) ? compare(a, b) === 0 : a === b;
            return same === equal;
          };
        }
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const holds = ORDER[e.operator] as (cmp: number) => boolean;
          if (e.right.kind === 'number') {
            // Against a number literal: a plain scaled integer compares as a number.
            const bits = truthBits(holds);
            const b = literal(e.right.text);
            if (typeof b === 'number')
              return (f) => {
                const a = left(f);
                if (typeof a === 'number') return (bits & (a < b ? 4 : a === b ? 2 : 1)) !== 0;
                if (typeof a === 'string') return notFast();
                return holds(compare(asNumber(a), b));
              };
          }
          return (f) => {
            const a = left(f);
            const b = right(f);
            if (typeof a === 'string' || typeof b === 'string') {
              const x = asDate(a);
              const y = asDate(b);
              return holds(x < y ? -1 : x > y ? 1 : 0);
            }
            return holds(compare(asNumber(a), asNumber(b)));
          };
        }
        case '+':
          return (f) => add(asNumber(left(f)), asNumber(right(f)));
        case '-':
          return (f) => subtract(asNumber(left(f)), asNumber(right(f)));
        case '*':
          return (f) => multiply(asNumber(left(f)), asNumber(right(f)));
        case '/':
          return (f) => {
            const a = asNumber(left(f));
            const b = asNumber(right(f));
            return isZero(b) ? notFast() : divide(a, b);
          };
        default:
          throw new Error(`no fast form for the operator '${String((e as { operator: unknown }).operator)}'`);
      }
    }
    case 'call':
      return compileCall(e, scope, layout, sub);
  }
}

/**
 * For `name == literal` with a text or yes/no literal: the name's reader and the literal, for a
 * comparison that is then only `===` (a value of another kind is never equal); null otherwise.
 */
function literalComparison(
  name: Expression,
  other: Expression,
  scope: Scope,
  layout: Layout,
): [Run, string | boolean] | null {
  if (name.kind !== 'name' || (other.kind !== 'string' && other.kind !== 'boolean')) return null;
  return [reader(layout.place(name.name, scope)), other.value];
}

const ORDER: Readonly<Record<string, (cmp: number) => boolean>> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function compileCall(
  e: Extract<Expression, { kind: 'call' }>,
  scope: Scope,
  layout: Layout,
  sub: (x: Expression, inner?: Scope) => Run,
): Run {
  const name = e.callee;
  const arg = (i: number): Expression => e.args[i] as Expression;
  switch (name) {
    case 'if': {
      const [c, a, b] = [sub(arg(0)), sub(arg(1)), sub(arg(2))];
      return (f) => (asBoolean(c(f)) ? a(f) : b(f));
    }
    case 'min':
    case 'max': {
      const args = e.args.map((x) => sub(x));
      const better = name === 'min' ? (c: number) => c < 0 : (c: number) => c > 0;
      return (f) => {
        let best = asNumber((args[0] as Run)(f));
        for (let i = 1; i < args.length; i++) {
          const v = asNumber((args[i] as Run)(f));
          if (better(compare(v, best))) best = v;
        }
        return best;
      };
    }
    case 'abs': {
      const x = sub(arg(0));
      return (f) => {
        const v = asNumber(x(f));
        return compare(v, 0) < 0 ? negate(v) : v;
      };
    }
    case 'round':
    case 'ceil':
    case 'floor': {
      const x = sub(arg(0));
      const places = e.args[1] === undefined ? 0 : Number((e.args[1] as { text: string }).text);
      const mode = DECIMAL_ROUNDING[name] as RoundingT['mode'];
      return (f) => round(asNumber(x(f)), places, mode);
    }
    case 'date': {
      const value = (arg(0) as { value: string }).value;
      return () => value;
    }
    case 'addDays':
    case 'addMonths':
    case 'addYears': {
      const shift = name === 'addDays' ? addDays : name === 'addMonths' ? addMonths : addYears;
      const [date, count] = [sub(arg(0)), sub(arg(1))];
      return (f) => {
        const from = asDate(date(f));
        return shift(from, wholeUnits(count(f))) ?? notFast();
      };
    }
    case 'year':
    case 'month':
    case 'day': {
      const index = name === 'year' ? 0 : name === 'month' ? 1 : 2;
      const date = sub(arg(0));
      return (f) => (dateParts(asDate(date(f)))[index] as number) * SCALE;
    }
    case 'startOfMonth': {
      const date = sub(arg(0));
      return (f) => startOfMonth(asDate(date(f)));
    }
    case 'yearsBetween':
    case 'monthsBetween':
    case 'daysBetween': {
      const span =
        name === 'yearsBetween' ? yearsBetween : name === 'monthsBetween' ? monthsBetween : daysBetween;
      const [from, to] = [sub(arg(0)), sub(arg(1))];
      return (f) => span(asDate(from(f)), asDate(to(f))) * SCALE;
    }
    case 'count':
    case 'sum':
    case 'any':
    case 'all': {
      const members = scope.members;
      if (!members) throw new Error(`${name}() outside household scope`);
      const inner = sub(arg(0), members);
      const counted = arg(0);
      if (name === 'count' && counted.kind === 'boolean')
        return counted.value ? (f) => f.ms.length * SCALE : () => 0;
      if (name === 'count' && counted.kind === 'name') {
        const place = layout.place(counted.name, members);
        if (place.in === 'm') {
          // A member fact or derived fact counted where it is yes.
          const slot = place.index;
          return (f) => {
            let n = 0;
            for (const m of f.ms) if (m[slot] === true) n++;
            return n * SCALE;
          };
        }
      }
      if (name === 'count') {
        let n = 0;
        const run = overMembers(inner, (v) => {
          if (v === true) n++;
        });
        return (f) => {
          n = 0;
          run(f);
          return n * SCALE;
        };
      }
      if (name === 'sum') {
        let total: Scaled = 0;
        const run = overMembers(inner, (v) => {
          total = add(total, asNumber(v));
        });
        return (f) => {
          total = 0;
          run(f);
          return total;
        };
      }
      // any() and all() read every member's value, as the reference does.
      let seen = 0;
      const run = overMembers(inner, (v) => {
        if (v === true) seen++;
      });
      return name === 'any'
        ? (f) => {
            seen = 0;
            run(f);
            return seen > 0;
          }
        : (f) => {
            seen = 0;
            run(f);
            return seen === f.ms.length;
          };
    }
    case 'present': {
      const read = reader(layout.place((arg(0) as { name: string }).name, scope));
      return (f) => read(f) === true;
    }
    default:
      throw new Error(`no fast form for ${name}()`);
  }
}

/** Where a condition's value lives: the household's slots, the member's, the parameters, or nowhere (a literal). */
const HOUSEHOLD = 0;
const MEMBER = 1;
const PARAMETER = 2;
const NONE = 3;
type SlotRef = readonly [where: number, index: number];
const NO_SLOT: SlotRef = [NONE, -1];

/** A place as a {@link SlotRef}, or null for `asOf` (read by its own closure). */
function slotRef(place: Place): SlotRef | null {
  if (place.in === 'asOf') return null;
  return [place.in === 'h' ? HOUSEHOLD : place.in === 'm' ? MEMBER : PARAMETER, place.index];
}

/** The value at a {@link SlotRef} (not NONE), as {@link reader}'s closure reads it. */
function slotAt(f: Frame, where: number, index: number): Slot {
  return (where === HOUSEHOLD ? f.h[index] : where === MEMBER ? f.m[index] : f.p[index]) ?? null;
}

/**
 * A decimal operator's truth table as three bits: whether it holds when the fact's value is less
 * than (4), equal to (2) or greater than (1) the value compared, read off its own `holds`.
 */
const truthBits = (holds: (cmp: number) => boolean): number =>
  (holds(-1) ? 4 : 0) | (holds(0) ? 2 : 0) | (holds(1) ? 1 : 0);

/** A rule condition compiled over slots: json-rules-engine's result for the same values. */
export function compileCondition(c: ConditionT, scope: Scope, layout: Layout): (f: Frame) => boolean {
  const list = c.all ?? c.any;
  if (list !== undefined) {
    const parts = list.map((x) => compileCondition(x, scope, layout));
    // One condition: all and any of it are the condition itself.
    if (parts.length === 1) return parts[0] as (f: Frame) => boolean;
    return c.all !== undefined
      ? (f) => {
          for (const p of parts) if (!p(f)) return false;
          return true;
        }
      : (f) => {
          for (const p of parts) if (p(f)) return true;
          return false;
        };
  }
  if (c.not !== undefined) {
    const inner = compileCondition(c.not, scope, layout);
    return (f) => !inner(f);
  }
  const value = c.value;
  const factPlace = layout.place(c.fact as string, scope);
  const otherPlace =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? layout.place((value as { fact: string }).fact, scope)
      : null;
  const operator = RULE_OPERATORS.get(c.operator as string);
  const holds = operator?.kind === 'decimal' ? operator.holds : undefined;
  /** A decimal operator on any two values, as json-rules-engine's registered comparison decides it. */
  const decimalTest = (x: Slot, y: Slot, test: (cmp: number) => boolean): boolean =>
    x !== null && y !== null && isNumber(x) && isNumber(y) && test(compare(x, y));
  // Most conditions compare a slot or parameter with a literal or another slot: those read their
  // values in place (one closure, no reader calls).
  const a = slotRef(factPlace);
  const b = otherPlace === null ? NO_SLOT : slotRef(otherPlace);
  if (a !== null && b !== null) {
    const [aIn, aIndex] = a;
    const [bIn, bIndex] = b;
    if (holds) {
      const parsed = otherPlace === null ? readDecimal(value) : null;
      const literalB: Slot = parsed === null ? null : fromDecimal(parsed);
      const bits = truthBits(holds);
      if (bIn === NONE && typeof literalB === 'number' && aIn !== PARAMETER) {
        // A fact against a number literal, read where it lives.
        const test = (x: Slot | undefined): boolean =>
          typeof x === 'number'
            ? (bits & (x < literalB ? 4 : x === literalB ? 2 : 1)) !== 0
            : decimalTest(x ?? null, literalB, holds);
        return aIn === MEMBER ? (f) => test(f.m[aIndex]) : (f) => test(f.h[aIndex]);
      }
      return (f) => {
        const x = slotAt(f, aIn, aIndex);
        const y = bIn === NONE ? literalB : slotAt(f, bIn, bIndex);
        // Two plain scaled integers compare as numbers.
        if (typeof x === 'number' && typeof y === 'number')
          return (bits & (x < y ? 4 : x === y ? 2 : 1)) !== 0;
        return decimalTest(x, y, holds);
      };
    }
    if (c.operator === 'equal' || c.operator === 'notEqual') {
      const equal = c.operator === 'equal';
      if (bIn === NONE && value !== null && value !== undefined && aIn !== PARAMETER) {
        // A fact against a literal, read where it lives (a value not given is never the literal).
        if (aIn === MEMBER) return equal ? (f) => f.m[aIndex] === value : (f) => f.m[aIndex] !== value;
        return equal ? (f) => f.h[aIndex] === value : (f) => f.h[aIndex] !== value;
      }
      return (f) => {
        const x = slotAt(f, aIn, aIndex);
        const y = bIn === NONE ? value : slotAt(f, bIn, bIndex);
        return (x === y) === equal;
      };
    }
  }
  const read = reader(factPlace);
  const other = otherPlace === null ? null : reader(otherPlace);
  if (holds) {
    if (other) return (f) => decimalTest(read(f), other(f), holds);
    const parsed = readDecimal(value);
    const b = parsed === null ? null : fromDecimal(parsed);
    return (f) => decimalTest(read(f), b, holds);
  }
  const against: (f: Frame) => unknown = other ?? (() => value);
  switch (c.operator) {
    case 'equal':
      return (f) => read(f) === against(f);
    case 'notEqual':
      return (f) => read(f) !== against(f);
    case 'in':
      return (f) => (against(f) as unknown[]).indexOf(read(f)) > -1;
    case 'notIn':
      return (f) => (against(f) as unknown[]).indexOf(read(f)) === -1;
    default:
      throw new Error(`no fast form for the operator '${String(c.operator)}'`);
  }
}

/** Reads one input fact into its slot value, or gives up where the reference would complain or read it otherwise. */
type FactReader = (raw: unknown, asOf: string) => Slot;

function factReader(declaration: FactDeclarationT, jurisdictions: ReadonlySet<string>): FactReader {
  const bound = (text: string | undefined): Scaled | null => (text === undefined ? null : literal(text));
  const minimum = bound(declaration.minimum);
  const maximum = bound(declaration.maximum);
  const number = (raw: unknown, maxPlaces: number | null, whole: boolean): Scaled => {
    let value: number | null;
    if (typeof raw === 'number') {
      // The number as parseScaled(String(raw)) reads it, without writing it out (see scaledOfNumber).
      value = scaledOfNumber(raw);
      if (value === null) return notFast();
      if (maxPlaces !== null && value % (POWERS_OF_TEN[SCALE_PLACES - maxPlaces] as number) !== 0)
        return notFast();
    } else if (typeof raw === 'string') {
      if (maxPlaces !== null && carriedPlaces(raw) > maxPlaces) return notFast();
      value = parseScaled(raw);
    } else return notFast();
    if (value === null || (whole && value % SCALE !== 0)) return notFast();
    if (minimum !== null && compare(value, minimum) < 0) return notFast();
    if (maximum !== null && compare(value, maximum) > 0) return notFast();
    return value;
  };
  switch (declaration.type) {
    case 'decimal':
      return (raw) => number(raw, null, false);
    case 'money':
      return (raw) => number(raw, 2, false);
    case 'integer':
      return (raw) => number(raw, null, true);
    case 'boolean':
      return (raw) => (typeof raw === 'boolean' ? raw : notFast());
    case 'date': {
      const notAfter = declaration.notAfterAsOf === true;
      return (raw, asOf) =>
        typeof raw === 'string' && isCalendarDate(raw) && !(notAfter && raw > asOf) ? raw : notFast();
    }
    case 'enum': {
      const list = declaration.values ?? [];
      if (list.length > 8) {
        const values = new Set(list);
        return (raw) => (typeof raw === 'string' && values.has(raw) ? raw : notFast());
      }
      // A few values: compared in turn, cheaper than hashing the text.
      return (raw) => {
        if (typeof raw === 'string') for (let i = 0; i < list.length; i++) if (list[i] === raw) return raw;
        return notFast();
      };
    }
    case 'jurisdiction':
      return (raw) => (typeof raw === 'string' && jurisdictions.has(raw) ? raw : notFast());
    default:
      return (raw) => (typeof raw === 'string' && raw.length > 0 ? raw : notFast());
  }
}

/** The slot value of a fact's declared default (null when it has none). */
function defaultSlot(declaration: FactDeclarationT): Slot {
  const d = declaration.default;
  if (d === undefined) return null;
  if (declaration.type === 'decimal' || declaration.type === 'money' || declaration.type === 'integer') {
    const parsed = readDecimal(d);
    return parsed === null ? null : fromDecimal(parsed);
  }
  return d as Slot;
}

/** One fact of an object, read into a slot. */
interface FieldReader {
  key: string;
  /** Its place among the fields of its object. */
  index: number;
  slot: number;
  required: boolean;
  absent: Slot;
  read: FactReader;
}

/**
 * Whether Object.prototype has an enumerable property (code in this process set one): for…in then
 * meets inherited keys, and the household is left to the general path, which reads own keys only.
 */
function objectPrototypeEnumerable(): boolean {
  for (const key in Object.prototype) if (typeof key === 'string') return true;
  return false;
}

/**
 * Whether a value is an object (not null). An array, or any object that is not plain, is refused by
 * {@link readFields}, which every such value then meets.
 */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * How the keys of one kind of object (a household, a group, a member) are read: the field of each
 * allowed key, or for an allowed key that is not one of its facts (`members`, `id`, a group) its
 * index among the object's other keys, whose values {@link readFields} hands back.
 */
interface ObjectReader {
  byKey: Record<string, FieldReader | number | undefined>;
  fields: readonly FieldReader[];
  /** How many of `fields` are required. */
  required: number;
  /** Every key it reads: the fields' keys, then the other keys. */
  keys: readonly string[];
  /** By key (as {@link keys}), the number of the last reading that met it as an own key. */
  met: Float64Array;
}

/** Counts readings of objects (see {@link ObjectReader.met}). */
let readings = 0;

function objectReader(fields: readonly FieldReader[], otherKeys: readonly string[]): ObjectReader {
  // A table without a prototype: any key reads as its field, its index, or undefined.
  const byKey = Object.create(null) as Record<string, FieldReader | number | undefined>;
  otherKeys.forEach((key, i) => (byKey[key] = i));
  for (const field of fields) byKey[field.key] = field;
  return {
    byKey,
    fields,
    required: fields.filter((f) => f.required).length,
    keys: [...fields.map((f) => f.key), ...otherKeys],
    met: new Float64Array(fields.length + otherKeys.length),
  };
}

/**
 * Reads an object's fields into slots (which hold each field's value when absent, from the
 * templates of {@link FastCore}), and the value of each of its other keys into `others` (by
 * index; left as it was where the object has no such own key); gives up on an unknown key, on an
 * object that is not plain, or on a field the reference would refuse.
 */
function readFields(
  input: Record<string, unknown>,
  reader: ObjectReader,
  slots: Slot[],
  asOf: string,
  others: unknown[] | null,
): void {
  // Only plain objects (as JSON gives) or objects without a prototype: a field is then inherited from
  // Object.prototype or from nothing.
  // (An array is refused whatever its prototype, as the reference refuses it.)
  const prototype: unknown = Object.getPrototypeOf(input);
  if ((prototype !== Object.prototype && prototype !== null) || Array.isArray(input)) notFast();
  // The object's own keys drive the reading (V8 then reads each value by its place in the object
  // rather than looking its name up). Every key for…in meets is an own one: the prototype is
  // Object.prototype or null, and FastCore.run leaves when Object.prototype has an enumerable key.
  const reading = ++readings;
  const { met, fields } = reader;
  let required = 0;
  let own = 0;
  for (const key in input) {
    const field = reader.byKey[key];
    if (field === undefined) return notFast();
    if (typeof field === 'number') {
      met[fields.length + field] = reading;
      own++;
      if (others !== null) others[field] = input[key];
      continue;
    }
    met[field.index] = reading;
    own++;
    const raw = input[key];
    if (raw === undefined || raw === null) continue;
    if (field.required) required++;
    slots[field.slot] = field.read(raw, asOf);
  }
  // A key it reads that for…in did not meet may still be an own property, one that is not
  // enumerable (never so in parsed JSON): the reference reads it, so the fast path leaves.
  const keys = reader.keys;
  if (own < keys.length)
    for (let i = 0; i < keys.length; i++)
      if (met[i] !== reading && Object.hasOwn(input, keys[i] as string)) notFast();
  // A required field absent or null.
  if (required !== reader.required) notFast();
}

/** A benefit compiled over slots. */
export interface FastBenefit {
  index: number;
  code: string;
  period: 'month' | 'year' | 'oneOff';
  member: boolean;
  /** The outcome granting it, by name, and its slot (household or member). */
  when: string;
  whenSlot: number;
  amount: Run;
  instalments: number | null;
  rounding: RoundingT;
}

/** A rule compiled over slots; `index` is its place among its scope's rules, in tier order. */
export interface FastRule {
  index: number;
  name: string;
  outcome: string;
  outcomeSlot: number;
  holds: (f: Frame) => boolean;
  conditions: ConditionT;
}

/** One household evaluated: its slots, member ids, and which rules held. */
export interface FastRun {
  f: Frame;
  ids: string[];
  /** The household `id` as given (valid, or absent). */
  id: string | undefined;
  jurisdiction: string;
  /** Whether each household rule held, by rule index (empty unless asked for). */
  householdHeld: boolean[];
  /** Whether each member rule held, by member, then by rule index (empty unless asked for). */
  memberHeld: boolean[][];
}

/** A benefit line's rounded amount and, for a yearly standard paid in instalments, the rounded standard. */
export interface FastLineAmount {
  /** Scaled integer, whole fen, positive. */
  amount: number;
  standard: number | null;
}

/**
 * A version compiled over slots. {@link FastCore.run} evaluates a household (input read, derived
 * facts, rules) or throws {@link NOT_FAST} when the general path must answer it.
 */
export class FastCore {
  readonly layout: Layout;
  /** Slots of a household and of a member before anything is read: each input fact as it reads when absent (its default or null), the rest null. */
  private readonly householdTemplate: Slot[];
  private readonly memberTemplate: Slot[];
  /** The values of a household's other keys before it is read: all undefined. */
  private readonly householdOthers: unknown[];
  private readonly householdReader: ObjectReader;
  private readonly groups: { key: string; slot: number; reader: ObjectReader }[];
  private readonly memberReader: ObjectReader;
  private readonly jurisdictionSlot: number;
  private readonly parameters = new Map<string, Scaled[]>();
  private readonly derived: { member: boolean; slot: number; run: Run }[];
  readonly householdRules: FastRule[][];
  readonly memberRules: FastRule[][];
  /** The rules of each scope in tier order. */
  private readonly householdRuleList: FastRule[];
  private readonly memberRuleList: FastRule[];
  /** Of those, the rules the amounts-only answer runs (see the constructor). */
  private readonly householdAmountRules: FastRule[];
  private readonly memberAmountRules: FastRule[];
  private readonly householdOutcomes: number[];
  private readonly memberOutcomes: number[];
  readonly benefits: FastBenefit[];
  /** Of {@link benefits}, in catalogue order, those of the household and those of a member. */
  readonly householdBenefits: FastBenefit[];
  readonly memberBenefits: FastBenefit[];
  /** Reported household outcome details that can fail (anything but a plain name or literal). */
  private readonly failingDetails: Run[];

  /** @throws Error when a formula has no fast form (the version is then answered on the general path). */
  constructor(readonly version: CompiledVersion) {
    const layout = (this.layout = new Layout(version));
    const { household: householdScope, member: memberScope } = version.scopes;
    const jurisdictions = new Set(version.jurisdictions.keys());
    const field = (spec: FactSpec, slots: Map<string, number>, key: string, index: number): FieldReader => ({
      key,
      index,
      slot: slots.get(spec.name) as number,
      required: spec.declaration.required === true,
      absent: defaultSlot(spec.declaration),
      read: factReader(spec.declaration, jurisdictions),
    });
    const topLevel = version.householdFacts.filter((s) => s.group === undefined);
    this.householdReader = objectReader(
      topLevel.map((s, i) => field(s, layout.household, s.name, i)),
      ['members', 'id', ...version.householdGroups],
    );
    this.groups = version.householdGroups.map((group) => {
      const specs = version.householdFacts.filter((s) => s.group === group);
      return {
        key: group,
        slot: layout.household.get(group) as number,
        reader: objectReader(
          specs.map((s, i) => field(s, layout.household, s.declaration.name, i)),
          [],
        ),
      };
    });
    // Members are read without groups, as the reference reads them.
    const memberTop = version.memberFacts.filter((s) => s.group === undefined);
    this.memberReader = objectReader(
      memberTop.map((s, i) => field(s, layout.member, s.name, i)),
      ['id'],
    );
    const jurisdictionFact = version.householdFacts.find((f) => f.declaration.type === 'jurisdiction');
    this.jurisdictionSlot = layout.household.get(jurisdictionFact?.name ?? 'jurisdiction') ?? -1;
    // Every field starts as it reads when absent: its default, or null.
    const template = (size: number, readers: readonly ObjectReader[]): Slot[] => {
      const slots = new Array<Slot>(size).fill(null);
      for (const r of readers) for (const field of r.fields) slots[field.slot] = field.absent;
      return slots;
    };
    this.householdTemplate = template(layout.household.size, [
      this.householdReader,
      ...this.groups.map((g) => g.reader),
    ]);
    this.householdOthers = new Array<unknown>(2 + version.householdGroups.length).fill(undefined);
    this.memberTemplate = template(layout.member.size, [this.memberReader]);

    for (const [code, values] of version.resolvedParameters) {
      const list: Scaled[] = [];
      for (const [key, index] of layout.parameters) {
        const value = values.get(key);
        if (value !== undefined) list[index] = fromDecimal(value);
      }
      this.parameters.set(code, list);
    }

    this.derived = version.derived.map((d) => {
      const member = d.declaration.scope === 'member';
      return {
        member,
        slot: (member ? layout.member : layout.household).get(d.declaration.name) as number,
        run: compileFast(d.expression.ast, member ? memberScope : householdScope, layout),
      };
    });
    const tiers = (rules: CompiledVersion['householdRules'], scope: Scope, slots: Map<string, number>) => {
      let index = 0;
      return rules.tiers.map((tier) =>
        tier.definitions.map((d): FastRule => {
          const outcome = String((d.event.params as { outcome: string }).outcome);
          return {
            index: index++,
            name: d.name ?? '',
            outcome,
            outcomeSlot: slots.get(outcome) as number,
            holds: compileCondition(d.conditions as ConditionT, scope, layout),
            conditions: d.conditions as ConditionT,
          };
        }),
      );
    };
    this.householdRules = tiers(version.householdRules, householdScope, layout.household);
    this.memberRules = tiers(version.memberRules, memberScope, layout.member);
    this.householdRuleList = this.householdRules.flat();
    this.memberRuleList = this.memberRules.flat();
    const outcomes = [...version.outcomes.values()];
    // What the amounts-only answer reads: the outcomes granting benefits, every name a formula or a
    // rule reads. A rule deciding an outcome none of them reads (one only reported, as eligibility)
    // is left out of it: a rule condition cannot fail (`in` and `notIn` are compiled only with a
    // list of values, never against a fact), so leaving one out changes no answer.
    const read = new Set<string>();
    const readBy = (ast: Expression): void =>
      namesIn(ast).forEach((n) => read.add(n.replace(/^household\./, '')));
    version.derived.forEach((d) => readBy(d.expression.ast));
    version.benefits.forEach((b) => {
      read.add(b.declaration.when);
      readBy(b.amount.ast);
    });
    outcomes.forEach((o) => o.details.forEach((d) => readBy(d.expression.ast)));
    for (const rule of [...this.householdRuleList, ...this.memberRuleList])
      conditionNames(rule.conditions, read);
    const kept = (rule: FastRule) => read.has(rule.outcome);
    this.householdAmountRules = this.householdRuleList.filter(kept);
    this.memberAmountRules = this.memberRuleList.filter(kept);
    this.householdOutcomes = outcomes
      .filter((o) => o.declaration.scope === 'household')
      .map((o) => layout.household.get(o.declaration.name) as number);
    this.memberOutcomes = outcomes
      .filter((o) => o.declaration.scope === 'member')
      .map((o) => layout.member.get(o.declaration.name) as number);
    this.benefits = version.benefits.map((b, index) => {
      const member = b.declaration.scope === 'member';
      return {
        index,
        code: b.declaration.code,
        period: b.declaration.period,
        member,
        when: b.declaration.when,
        whenSlot: (member ? layout.member : layout.household).get(b.declaration.when) as number,
        amount: compileFast(b.amount.ast, member ? memberScope : householdScope, layout),
        instalments: b.declaration.instalmentsPerYear ?? null,
        rounding: b.rounding,
      };
    });
    this.householdBenefits = this.benefits.filter((b) => !b.member);
    this.memberBenefits = this.benefits.filter((b) => b.member);
    // The details of reported household outcomes are computed by the full answer; one that fails
    // there must fail in the amounts-only answer too. A plain name or literal cannot fail.
    this.failingDetails = outcomes
      .filter((o) => o.declaration.report === true && o.declaration.scope === 'household')
      .flatMap((o) => o.details)
      .filter((d) => !['name', 'number', 'string', 'boolean'].includes(d.expression.ast.kind))
      .map((d) => compileFast(d.expression.ast, householdScope, layout));
  }

  /**
   * Reads a household and evaluates its derived facts and rules.
   * @throws NOT_FAST when the general path must answer (any input or computation off the common case).
   */
  run(input: unknown, asOf: string, withHeld: boolean): FastRun {
    if (!isObject(input) || !isCalendarDate(asOf) || objectPrototypeEnumerable()) return notFast();
    const h: Slot[] = this.householdTemplate.slice();
    // `members`, `id`, then each group (see the household reader's other keys).
    const others: unknown[] = this.householdOthers.slice();
    readFields(input, this.householdReader, h, asOf, others);
    for (let g = 0; g < this.groups.length; g++) {
      const group = this.groups[g] as (typeof this.groups)[number];
      const raw = others[g + 2];
      const present = raw !== undefined && raw !== null;
      h[group.slot] = present;
      if (!present) for (const f of group.reader.fields) h[f.slot] = null;
      else if (!isObject(raw)) notFast();
      else readFields(raw, group.reader, h, asOf, null);
    }
    const id = others[1];
    if (householdIdProblem(id) !== null) notFast();
    const rawMembers = others[0];
    if (!Array.isArray(rawMembers)) return notFast();
    const { minItems, maxItems } = this.version.document.facts.members;
    if (rawMembers.length < minItems || rawMembers.length > maxItems) notFast();
    const ms: Slot[][] = [];
    const ids: string[] = [];
    const memberOthers: unknown[] = [undefined];
    // By index, as the reference reads them (not by the array's iterator, which may be replaced).
    for (let i = 0; i < rawMembers.length; i++) {
      const raw: unknown = rawMembers[i];
      if (!isObject(raw)) return notFast();
      const m: Slot[] = this.memberTemplate.slice();
      memberOthers[0] = undefined;
      readFields(raw, this.memberReader, m, asOf, memberOthers);
      const memberId = memberOthers[0];
      // As the reference checks a member id: 1 to 100 UTF-16 units, unique in the household.
      if (
        typeof memberId !== 'string' ||
        memberId.length === 0 ||
        memberId.length > 100 ||
        ids.includes(memberId)
      )
        return notFast();
      ids.push(memberId);
      ms.push(m);
    }
    const jurisdiction = String(h[this.jurisdictionSlot] ?? null);
    const p = this.parameters.get(jurisdiction);
    if (!p) return notFast();
    const f: Frame = { h, m: [], ms, p, asOf };

    for (const d of this.derived) {
      if (!d.member) h[d.slot] = d.run(f);
      else
        for (const m of ms) {
          f.m = m;
          m[d.slot] = d.run(f);
        }
    }
    for (const o of this.householdOutcomes) h[o] = false;
    const householdHeld: boolean[] | null = withHeld ? [] : null;
    runRules(withHeld ? this.householdRuleList : this.householdAmountRules, f, h, householdHeld);
    const memberHeld: boolean[][] = [];
    for (const m of ms) {
      for (const o of this.memberOutcomes) m[o] = false;
      f.m = m;
      const held: boolean[] | null = withHeld ? [] : null;
      runRules(withHeld ? this.memberRuleList : this.memberAmountRules, f, m, held);
      if (held !== null) memberHeld.push(held);
    }
    return {
      f,
      ids,
      id: typeof id === 'string' ? id : undefined,
      jurisdiction,
      householdHeld: householdHeld ?? [],
      memberHeld,
    };
  }

  /** Computes the details the full answer computes, so that one that fails makes this household leave the fast path. */
  checkDetails(f: Frame): void {
    for (const detail of this.failingDetails) detail(f);
  }
}

/**
 * Computes the amount of a benefit line (`f.m` set to the member for a member benefit), rounded as
 * the benefit says, into `line`; false for a zero line.
 * @throws NOT_FAST for a negative amount or one that is not a whole scaled integer.
 */
function lineAmountInto(b: FastBenefit, f: Frame, line: FastLineAmount): boolean {
  const exact = asNumber(b.amount(f));
  const { places, mode } = b.rounding;
  const standard = b.instalments === null ? null : round(exact, places, mode);
  const amount = round(b.instalments === null ? exact : divide(exact, b.instalments * SCALE), places, mode);
  if (typeof amount !== 'number' || (standard !== null && typeof standard !== 'number')) return notFast();
  if (amount < 0) return notFast();
  line.amount = amount;
  line.standard = standard;
  return amount !== 0;
}

/**
 * Visits every non-zero benefit line of a run, as the reference orders them (household lines, then
 * each member's in input order, each in catalogue order; `f.m` set to the member), and returns the
 * totals of the rounded lines as the reference forms them (see `Determination.totals`). The `line`
 * given to `visit` is one object, refilled for each line: read it, do not keep it.
 * @throws NOT_FAST as {@link lineAmountInto}, or when a total leaves the safe integers.
 */
export function forEachLine(
  core: FastCore,
  f: Frame,
  visit: (b: FastBenefit, line: FastLineAmount, memberIndex: number | null) => void,
): Totals {
  let monthly = 0;
  let monthlyPlain = 0;
  let yearly = 0;
  let oneOff = 0;
  const line: FastLineAmount = { amount: 0, standard: null };
  const ms = f.ms;
  // The household's lines (i = -1), then each member's.
  for (let i = -1; i < ms.length; i++) {
    const member = i >= 0;
    const slots = member ? (ms[i] as Slot[]) : f.h;
    if (member) f.m = slots;
    const benefits = member ? core.memberBenefits : core.householdBenefits;
    for (let k = 0; k < benefits.length; k++) {
      const b = benefits[k] as FastBenefit;
      if (slots[b.whenSlot] !== true || !lineAmountInto(b, f, line)) continue;
      visit(b, line, member ? i : null);
      const { amount, standard } = line;
      if (b.period === 'month') {
        monthly += amount;
        if (standard === null) monthlyPlain += amount;
        else yearly += standard;
      } else if (b.period === 'year') yearly += amount;
      else oneOff += amount;
    }
  }
  const annual = monthlyPlain * core.version.totals.monthsPerYear + yearly;
  if (!Number.isSafeInteger(annual) || !Number.isSafeInteger(monthly) || !Number.isSafeInteger(oneOff))
    return notFast();
  return { monthly: moneyText(monthly), annual: moneyText(annual), oneOff: moneyText(oneOff) };
}

/** Adds every name a rule condition reads (a fact, a fact compared with) to `into`, `household.` dropped. */
function conditionNames(c: ConditionT, into: Set<string>): void {
  for (const x of c.all ?? c.any ?? []) conditionNames(x, into);
  if (c.not !== undefined) conditionNames(c.not, into);
  const value = c.value;
  for (const name of [c.fact, isObject(value) && !Array.isArray(value) ? value['fact'] : undefined])
    if (typeof name === 'string') into.add(name.replace(/^household\./, ''));
}

/**
 * Runs a scope's rules tier by tier: an outcome holds when one of its rules holds (its slot starts
 * false). A rule never reads an outcome of its own tier, so writing an outcome as soon as one of its
 * rules holds is the same as writing each tier's outcomes after the tier. Records in `held` whether
 * each rule held, when given.
 */
function runRules(rules: readonly FastRule[], f: Frame, slots: Slot[], held: boolean[] | null): void {
  for (const rule of rules) {
    const holds = rule.holds(f);
    if (held !== null) held[rule.index] = holds;
    if (holds) slots[rule.outcomeSlot] = true;
  }
}
