/**
 * fast-check arbitraries of households for any compiled version, driven only by what the version
 * declares: its household and member facts (`householdFacts`, `memberFacts`, `householdGroups`),
 * how many members a household lists, and its jurisdictions. Values lean on the boundaries a
 * version's rules and formulas draw: the literals and parameters conditions compare with, each
 * also one step (a fen, one, a hundredth) either side, twelve times over, zero, fact bounds, dates
 * on `asOf` and on the anniversaries the version's whole numbers name. Money comes as two-decimal
 * strings, minimal strings and JSON numbers; optional facts and groups are often left out.
 *
 * A small share of households are invalid on purpose, each with one flaw the input check must
 * refuse (a wrong type, an unknown field, too many decimals, a missing required fact, a duplicate
 * member id, too many or too few members, a date after `asOf`, a bad evaluation date…), so that
 * two evaluators can be compared on their errors too.
 */
import fc from 'fast-check';

import { Decimal } from '../../api/src/engine/decimal';
import { namesIn, type Expression } from '../../api/src/engine/expression/ast';
import type { CompiledVersion } from '../../api/src/engine/model/compile-version';
import type { FactSpec } from '../../api/src/engine/model/facts';
import type { ConditionT } from '../../api/src/engine/schema/ruleset.schema';
import { asOfArbitrary } from './household-arbitrary';
import { addDays, isLeapYear, yearsBefore } from './iso-date';

/** A household as a caller sends it, and whether it was drawn valid or with a flaw. */
export interface VersionHousehold {
  household: unknown;
  /** `valid`: the input check accepts it; `invalid`: it has exactly the flaw named by `flaw`. */
  intent: 'valid' | 'invalid';
  flaw?: Flaw;
}

/** One evaluation to make: a date and a household. */
export interface VersionCase extends VersionHousehold {
  asOf: string;
}

/** The flaws an invalid household is drawn with. */
export const FLAWS = [
  'wrong-type',
  'unknown-field',
  'too-many-decimals',
  'missing-required',
  'duplicate-member-id',
  'member-count',
  'after-as-of',
  'out-of-bounds',
  'bad-id',
  'not-an-object',
  'bad-as-of',
] as const;
export type Flaw = (typeof FLAWS)[number];

/** Options of {@link versionHouseholdArbitrary} and {@link versionCaseArbitrary}. */
export interface VersionHouseholdOptions {
  /** Percent of invalid households, 0 to 100 (default 10). */
  invalidPercent?: number;
  /** The most members a valid household lists, below the version's own maximum (default 6). */
  maxMembers?: number;
}

/** What the version's rules and formulas compare with: the values worth drawing. */
interface Boundaries {
  /** Numbers compared with each fact, by the name rules and formulas read it by. */
  numbersByFact: Map<string, Decimal[]>;
  /** Every number the version names: parameter values, literals of conditions and formulas. */
  numbers: Decimal[];
  /** Whole numbers from 0 to 120 among them: ages and spans a date may be on the edge of. */
  years: number[];
  /** Dates written in conditions and formulas. */
  dates: string[];
  /** Strings compared with each fact. */
  stringsByFact: Map<string, string[]>;
}

const boundaries = new WeakMap<CompiledVersion, Boundaries>();

const plainName = (name: string): string => name.replace(/^household\./, '');

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function boundariesOf(version: CompiledVersion): Boundaries {
  const known = boundaries.get(version);
  if (known) return known;
  const numbersByFact = new Map<string, Decimal[]>();
  const stringsByFact = new Map<string, string[]>();
  const numbers: Decimal[] = [];
  const dates: string[] = [];
  const parameterValues = (key: string): Decimal[] =>
    [...version.resolvedParameters.values()].flatMap((values) => {
      const value = values.get(key);
      return value ? [value] : [];
    });
  for (const key of version.parameters.keys()) numbers.push(...parameterValues(key));

  const literal = (fact: string, value: unknown): void => {
    if (typeof value === 'number' || (typeof value === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(value))) {
      const d = new Decimal(value);
      numbers.push(d);
      push(numbersByFact, fact, d);
    } else if (typeof value === 'string') {
      if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) dates.push(value);
      push(stringsByFact, fact, value);
    }
  };
  const walkCondition = (c: ConditionT): void => {
    c.all?.forEach(walkCondition);
    c.any?.forEach(walkCondition);
    if (c.not) walkCondition(c.not);
    if (c.fact === undefined) return;
    const fact = plainName(c.fact);
    const value = c.value as unknown;
    if (Array.isArray(value)) value.forEach((item) => literal(fact, item));
    else if (typeof value === 'object' && value !== null) {
      const other = plainName(String((value as { fact?: unknown }).fact));
      if (version.parameters.has(other)) parameterValues(other).forEach((d) => push(numbersByFact, fact, d));
      if (version.parameters.has(fact)) parameterValues(fact).forEach((d) => push(numbersByFact, other, d));
    } else literal(fact, value);
  };
  [...version.document.rules.household, ...version.document.rules.member].forEach((r) =>
    walkCondition(r.conditions),
  );

  const walkExpression = (e: Expression): void => {
    switch (e.kind) {
      case 'number':
        numbers.push(new Decimal(e.text));
        break;
      case 'unary':
        walkExpression(e.operand);
        break;
      case 'binary':
        walkExpression(e.left);
        walkExpression(e.right);
        // `income < 420`, `age >= age.elderly`: the other side is a boundary of the name.
        for (const [side, other] of [
          [e.left, e.right],
          [e.right, e.left],
        ] as const) {
          if (side.kind !== 'name') continue;
          if (other.kind === 'number') push(numbersByFact, plainName(side.name), new Decimal(other.text));
          if (other.kind === 'name' && version.parameters.has(other.name))
            parameterValues(other.name).forEach((d) => push(numbersByFact, plainName(side.name), d));
          if (other.kind === 'string') push(stringsByFact, plainName(side.name), other.value);
        }
        break;
      case 'call':
        if (e.callee === 'date' && e.args[0]?.kind === 'string') dates.push(e.args[0].value);
        e.args.forEach(walkExpression);
        break;
      default:
        break;
    }
  };
  version.derived.forEach((d) => walkExpression(d.expression.ast));
  // A derived fact compared with a number puts its inputs near that number too (scaled when drawn):
  // `monthlyIncome < standard` with `monthlyIncome = annualNetIncome / 12`. Later derived facts
  // first, so that a boundary flows down a chain of them.
  for (const d of [...version.derived].reverse()) {
    const { name } = d.declaration;
    const found = [...(numbersByFact.get(name) ?? []), ...(numbersByFact.get(`household.${name}`) ?? [])];
    for (const input of namesIn(d.expression.ast).map(plainName))
      if (input !== name) found.forEach((n) => push(numbersByFact, input, n));
  }
  version.benefits.forEach((b) => walkExpression(b.amount.ast));
  version.outcomes.forEach((o) => o.details.forEach((d) => walkExpression(d.expression.ast)));

  const years = [
    ...new Set(
      numbers
        .filter((d) => d.isInteger() && d.gte(0) && d.lte(120))
        .map((d) => d.toNumber())
        .concat([0, 1, 18, 60]),
    ),
  ].sort((a, b) => a - b);
  const found: Boundaries = {
    numbersByFact,
    numbers: uniqueDecimals(numbers),
    years,
    dates: [...new Set(dates)],
    stringsByFact,
  };
  boundaries.set(version, found);
  return found;
}

function uniqueDecimals(values: readonly Decimal[]): Decimal[] {
  const seen = new Map<string, Decimal>();
  for (const v of values) seen.set(v.toFixed(), v);
  return [...seen.values()];
}

/** How many values one draw distinguishes: every range an arbitrary needs is far smaller. */
const DRAW_RESOLUTION = 2 ** 30;

/**
 * One uniform draw, scaled by {@link Draw.int} to the range asked for. A single builder with no
 * arguments keeps fast-check's `gen()` cache to one entry (it compares arguments linearly), and
 * uniform values keep weighted choices unskewed (the default bias favours the ends of a range;
 * boundaries are drawn on purpose instead).
 */
const uniformDraw = (): fc.Arbitrary<number> => fc.noBias(fc.integer({ min: 0, max: DRAW_RESOLUTION - 1 }));

/** Random choices drawn through fast-check's `gen()`; each shrinks towards its first option. */
class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}

  int(min: number, max: number): number {
    return min + Math.floor((this.g(uniformDraw) / DRAW_RESOLUTION) * (max - min + 1));
  }

  chance(percent: number): boolean {
    return this.int(0, 99) >= 100 - percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  weighted<T>(choices: readonly (readonly [number, () => T])[]): T {
    const live = choices.filter(([w]) => w > 0);
    let at = this.int(0, live.reduce((sum, [w]) => sum + w, 0) - 1);
    for (const [w, make] of live) {
      if (at < w) return make();
      at -= w;
    }
    throw new Error('no choice has a weight');
  }
}

const STRINGS = ['a', 'north', '东区', '一组', 'x y', 'Z'];

/** Writes valid and flawed households for one version on one date. */
class HouseholdWriter {
  private readonly bounds: Boundaries;
  /** Every 29 February of the hundred years up to `asOf`. */
  private readonly leapDays: string[];

  constructor(
    private readonly draw: Draw,
    private readonly version: CompiledVersion,
    private readonly asOf: string,
    private readonly maxMembers: number,
  ) {
    this.bounds = boundariesOf(version);
    const year = Number(asOf.slice(0, 4));
    this.leapDays = Array.from({ length: 100 }, (_, i) => year - i)
      .filter(isLeapYear)
      .map((y) => `${y}-02-29`)
      .filter((d) => d <= asOf);
  }

  private get codes(): string[] {
    return [...this.version.jurisdictions.keys()];
  }

  /** A number near a boundary of the fact, inside its bounds, written as a caller might. */
  private number(spec: FactSpec): unknown {
    const declaration = spec.declaration;
    const type = declaration.type as 'decimal' | 'money' | 'integer';
    const min = declaration.minimum === undefined ? null : new Decimal(declaration.minimum);
    const max = declaration.maximum === undefined ? null : new Decimal(declaration.maximum);
    const own = this.bounds.numbersByFact.get(spec.name) ?? [];
    const step =
      type === 'integer'
        ? new Decimal(1)
        : type === 'money'
          ? new Decimal('0.01')
          : new Decimal(this.draw.pick(['0.01', '0.01', '0.001', '1']));
    let value = this.draw.weighted<Decimal>([
      [own.length > 0 ? 6 : 0, () => this.draw.pick(own)],
      [this.bounds.numbers.length > 0 ? 3 : 0, () => this.draw.pick(this.bounds.numbers)],
      [2, () => new Decimal(0)],
      [min ? 1 : 0, () => min as Decimal],
      [max ? 1 : 0, () => max as Decimal],
      [4, () => new Decimal(this.draw.int(0, 1_000_000)).div(type === 'integer' ? 1000 : 100)],
    ]);
    // A monthly figure compared with a yearly one (`income / 12 < standard`), or a per-person one
    // with a household's: twelve times over, or twelve times two to four.
    const scale = this.draw.weighted<number>([
      [8, () => 1],
      [2, () => 12],
      [1, () => 12 * this.draw.int(2, 4)],
    ]);
    value = value.times(scale);
    value = this.draw.weighted<Decimal>([
      [3, () => value],
      [1, () => value.plus(step)],
      [1, () => value.minus(step)],
    ]);
    if (type === 'integer') value = value.toDecimalPlaces(0, Decimal.ROUND_FLOOR);
    else if (type === 'money') value = value.toDecimalPlaces(2, Decimal.ROUND_FLOOR);
    else value = value.toDecimalPlaces(10, Decimal.ROUND_FLOOR);
    // Inside the bounds, and well inside the numeric domain (|x| ≤ 10^15) that input must respect.
    value = Decimal.min(Decimal.max(value, -1e12), 1e12);
    if (min && value.lt(min)) value = min;
    if (max && value.gt(max)) value = max;
    return this.written(value, type);
  }

  /** A decimal as a caller writes it: a fixed string, a minimal string or a JSON number. */
  private written(value: Decimal, type: 'decimal' | 'money' | 'integer'): unknown {
    const minimal = value.toFixed();
    return this.draw.weighted<unknown>([
      [3, () => (type === 'money' ? value.toFixed(2) : minimal)],
      [2, () => minimal],
      [2, () => Number(minimal)],
    ]);
  }

  /** A date near `asOf`, a birthday the version's whole numbers make a boundary of, or any. */
  private date(spec: FactSpec): string {
    const notAfter = spec.declaration.notAfterAsOf === true;
    const anniversary = (): string => {
      const day = yearsBefore(this.asOf, this.draw.pick(this.bounds.years));
      return addDays(day, this.draw.pick([0, 0, -1, 1]));
    };
    const drawn = this.draw.weighted<string>([
      [3, () => this.asOf],
      [2, () => addDays(this.asOf, this.draw.pick([-1, 1]))],
      [5, anniversary],
      [this.bounds.dates.length > 0 ? 2 : 0, () => this.draw.pick(this.bounds.dates)],
      [1, () => this.draw.pick(this.leapDays)],
      [4, () => addDays(this.asOf, -this.draw.int(0, 36_500))],
      [notAfter ? 0 : 1, () => addDays(this.asOf, this.draw.int(1, 3_650))],
    ]);
    return notAfter && drawn > this.asOf ? this.asOf : drawn;
  }

  /** A valid value of a fact. */
  private value(spec: FactSpec): unknown {
    const declaration = spec.declaration;
    switch (declaration.type) {
      case 'decimal':
      case 'money':
      case 'integer':
        return this.number(spec);
      case 'boolean':
        return this.draw.chance(50);
      case 'date':
        return this.date(spec);
      case 'enum':
        return this.draw.pick(declaration.values ?? []);
      case 'jurisdiction':
        return this.draw.pick(this.codes);
      default: {
        const compared = (this.bounds.stringsByFact.get(spec.name) ?? []).filter((s) => s.length > 0);
        return compared.length > 0 && this.draw.chance(60)
          ? this.draw.pick(compared)
          : this.draw.pick(STRINGS);
      }
    }
  }

  /** The fields of one object: required facts always, others often left out or null. */
  private fields(
    specs: readonly FactSpec[],
    target: Record<string, unknown>,
    key: (s: FactSpec) => string,
  ): void {
    for (const spec of specs) {
      if (spec.declaration.required !== true) {
        const presence = this.draw.weighted<'absent' | 'null' | 'given'>([
          [3, () => 'absent'],
          [1, () => 'null'],
          [6, () => 'given'],
        ]);
        if (presence === 'absent') continue;
        if (presence === 'null') {
          target[key(spec)] = null;
          continue;
        }
      }
      target[key(spec)] = this.value(spec);
    }
  }

  valid(): Record<string, unknown> {
    const household: Record<string, unknown> = {};
    if (this.draw.chance(30)) household['id'] = this.draw.pick(['HH-1', 'SY-2019-000123', '户-42']);
    this.fields(
      this.version.householdFacts.filter((s) => s.group === undefined),
      household,
      (s) => s.name,
    );
    for (const group of this.version.householdGroups) {
      const presence = this.draw.weighted<'absent' | 'null' | 'given'>([
        [4, () => 'absent'],
        [1, () => 'null'],
        [5, () => 'given'],
      ]);
      if (presence === 'absent') continue;
      if (presence === 'null') {
        household[group] = null;
        continue;
      }
      const fields: Record<string, unknown> = {};
      this.fields(
        this.version.householdFacts.filter((s) => s.group === group),
        fields,
        (s) => s.declaration.name,
      );
      household[group] = fields;
    }
    const { minItems, maxItems } = this.version.document.facts.members;
    const most = Math.max(minItems, Math.min(maxItems, this.maxMembers));
    const count = this.draw.weighted<number>([
      [3, () => this.draw.int(minItems, Math.min(most, minItems + 2))],
      [1, () => this.draw.int(minItems, most)],
    ]);
    const scheme = this.draw.pick(['p', 'member-', '成员']);
    // A member's facts of an object type can never be given (see ruleset-arbitrary.ts): left out.
    const memberFacts = this.version.memberFacts.filter((s) => s.group === undefined);
    household['members'] = Array.from({ length: count }, (_, i) => {
      const member: Record<string, unknown> = { id: `${scheme}${i + 1}` };
      this.fields(memberFacts, member, (s) => s.name);
      return member;
    });
    return household;
  }

  /** Which flaws this version and household can have. */
  private flawsFor(household: Record<string, unknown>): Flaw[] {
    const members = household['members'] as Record<string, unknown>[];
    const all = [...this.version.householdFacts, ...this.version.memberFacts];
    const { minItems, maxItems } = this.version.document.facts.members;
    return FLAWS.filter((flaw) => {
      switch (flaw) {
        case 'too-many-decimals':
          return all.some((s) => ['money', 'decimal', 'integer'].includes(s.declaration.type));
        case 'missing-required':
          return all.some((s) => s.declaration.required === true && s.group === undefined);
        case 'duplicate-member-id':
          return members.length >= 2 || (members.length === 1 && maxItems >= 2);
        case 'member-count':
          return maxItems + 1 <= 40 || minItems > 0;
        case 'after-as-of':
          return all.some((s) => s.declaration.notAfterAsOf === true && s.group === undefined);
        case 'out-of-bounds':
          return all.some((s) => s.declaration.minimum !== undefined || s.declaration.maximum !== undefined);
        default:
          return true;
      }
    });
  }

  /** A top-level fact of the household or of a member (never of a member's group) to spoil. */
  private target(
    filter: (s: FactSpec) => boolean,
    household: Record<string, unknown>,
  ): {
    object: Record<string, unknown>;
    key: string;
    spec: FactSpec;
  } | null {
    const members = household['members'] as Record<string, unknown>[];
    const places: { object: Record<string, unknown>; key: string; spec: FactSpec }[] = [];
    for (const spec of this.version.householdFacts.filter(filter)) {
      if (spec.group === undefined) places.push({ object: household, key: spec.name, spec });
      else {
        const group = household[spec.group];
        if (typeof group === 'object' && group !== null)
          places.push({ object: group as Record<string, unknown>, key: spec.declaration.name, spec });
      }
    }
    for (const member of members)
      for (const spec of this.version.memberFacts.filter((s) => filter(s) && s.group === undefined))
        places.push({ object: member, key: spec.name, spec });
    return places.length > 0 ? this.draw.pick(places) : null;
  }

  /** A value of the wrong type for a fact, or outside its values. */
  private wrongValue(spec: FactSpec): unknown {
    switch (spec.declaration.type) {
      case 'decimal':
      case 'money':
      case 'integer':
        return this.draw.pick(['abc', true, '1e3', '', [1], { value: 1 }, '12,5']);
      case 'boolean':
        return this.draw.pick(['yes', 1, 'true', 0]);
      case 'date':
        return this.draw.pick(['2019-02-30', '20190101', 20190101, '2019-1-1', true]);
      case 'enum':
        return this.draw.pick(['unknown-value', 1, '']);
      case 'jurisdiction':
        return this.draw.pick(['000000', 420302, '']);
      default:
        return this.draw.pick(['', 5, false]);
    }
  }

  /** A valid household with one flaw; `null` when the flaw is in the evaluation date instead. */
  invalid(household: Record<string, unknown>, flaw: Flaw): unknown {
    const members = household['members'] as unknown[];
    switch (flaw) {
      case 'wrong-type': {
        const at = this.target(() => true, household);
        if (!at) return this.invalid(household, 'unknown-field');
        at.object[at.key] = this.wrongValue(at.spec);
        return household;
      }
      case 'unknown-field': {
        const where =
          members.length > 0 && this.draw.chance(50)
            ? (this.draw.pick(members) as Record<string, unknown>)
            : household;
        where[this.draw.pick(['unknownFact', 'toString', 'constructor', 'incomes'])] = this.draw.pick([
          1,
          'x',
          null,
        ]);
        // null counts as absent for declared facts only: an unknown key is refused whatever it holds.
        return household;
      }
      case 'too-many-decimals': {
        const at = this.target(
          (s) => ['money', 'decimal', 'integer'].includes(s.declaration.type),
          household,
        );
        if (!at) return this.invalid(household, 'wrong-type');
        const type = at.spec.declaration.type;
        at.object[at.key] =
          type === 'money'
            ? this.draw.pick(['1.234', 0.125, '0.001'])
            : type === 'integer'
              ? this.draw.pick(['2.5', 1.5])
              : `0.${'1'.repeat(31)}`;
        return household;
      }
      case 'missing-required': {
        const at = this.target((s) => s.declaration.required === true, household);
        if (!at) return this.invalid(household, 'wrong-type');
        if (this.draw.chance(70)) delete at.object[at.key];
        else at.object[at.key] = null;
        return household;
      }
      case 'duplicate-member-id': {
        const first = members[0] as Record<string, unknown> | undefined;
        if (!first) return this.invalid(household, 'unknown-field');
        if (members.length === 1) members.push({ ...first });
        else (members[this.draw.int(1, members.length - 1)] as Record<string, unknown>)['id'] = first['id'];
        return household;
      }
      case 'member-count': {
        const { minItems, maxItems } = this.version.document.facts.members;
        const shape = this.draw.weighted<'few' | 'many' | 'missing' | 'not-a-list'>([
          [minItems > 0 ? 2 : 0, () => 'few'],
          [maxItems + 1 <= 40 ? 2 : 0, () => 'many'],
          [1, () => 'missing'],
          [1, () => 'not-a-list'],
        ]);
        if (shape === 'few') household['members'] = members.slice(0, minItems - 1);
        else if (shape === 'many') {
          const model = members[0] ?? { id: 'x' };
          household['members'] = Array.from({ length: maxItems + 1 }, (_, i) => ({
            ...model,
            id: `m${i + 1}`,
          }));
        } else if (shape === 'missing') delete household['members'];
        else household['members'] = { p1: members[0] ?? {} };
        return household;
      }
      case 'after-as-of': {
        const at = this.target(
          (s) => s.declaration.notAfterAsOf === true && s.group === undefined,
          household,
        );
        if (!at) return this.invalid(household, 'wrong-type');
        at.object[at.key] = addDays(this.asOf, this.draw.int(1, 400));
        return household;
      }
      case 'out-of-bounds': {
        const at = this.target(
          (s) => s.declaration.minimum !== undefined || s.declaration.maximum !== undefined,
          household,
        );
        if (!at) return this.invalid(household, 'wrong-type');
        const { minimum, maximum } = at.spec.declaration;
        at.object[at.key] =
          maximum !== undefined && (minimum === undefined || this.draw.chance(50))
            ? new Decimal(maximum).plus(1).toFixed()
            : new Decimal(minimum as string).minus(1).toFixed();
        return household;
      }
      case 'bad-id':
        if (members.length > 0 && this.draw.chance(50))
          (this.draw.pick(members) as Record<string, unknown>)['id'] = this.draw.pick([
            '',
            7,
            null,
            'x'.repeat(101),
          ]);
        else household['id'] = this.draw.pick(['', 'bad\u0007id', 42, 'x'.repeat(101)]);
        return household;
      case 'not-an-object':
        if (members.length > 0 && this.draw.chance(50)) {
          members[this.draw.int(0, members.length - 1)] = this.draw.pick(['p1', 3, null, []]);
          return household;
        }
        return this.draw.pick([null, [household], 'household', 12]);
      default:
        return household;
    }
  }

  /** A household for the version: valid, or (`invalidPercent` of the time) with one flaw. */
  household(invalidPercent: number, asOfFlaws: boolean): VersionHousehold & { badAsOf?: string } {
    const household = this.valid();
    if (!this.draw.chance(invalidPercent)) return { household, intent: 'valid' };
    const flaw = this.draw.pick(this.flawsFor(household).filter((f) => asOfFlaws || f !== 'bad-as-of'));
    if (flaw === 'bad-as-of')
      return {
        household,
        intent: 'invalid',
        flaw,
        badAsOf: this.draw.pick(['2019-02-30', '20190101', '2019-13-01', '']),
      };
    return { household: this.invalid(household, flaw), intent: 'invalid', flaw };
  }
}

/**
 * Evaluation dates for a version: from its effective date to three years later, a quarter of them
 * on the first or last day of a year, some on the effective date itself or on 29 February.
 * @example fc.sample(versionAsOfArbitrary(version), { seed: 1, numRuns: 5 })
 */
export function versionAsOfArbitrary(version: CompiledVersion): fc.Arbitrary<string> {
  const from = version.effectiveFrom;
  const to = `${Number(from.slice(0, 4)) + 3}${from.slice(4, 10) === '-02-29' ? '-02-28' : from.slice(4)}`;
  const leap = Array.from({ length: 4 }, (_, i) => Number(from.slice(0, 4)) + i)
    .filter(isLeapYear)
    .map((y) => `${y}-02-29`)
    .filter((d) => d >= from && d <= to);
  return fc.oneof(
    { arbitrary: asOfArbitrary(from, to), weight: 8 },
    { arbitrary: fc.constant(from), weight: 1 },
    ...(leap.length > 0 ? [{ arbitrary: fc.constantFrom(...leap), weight: 1 }] : []),
  );
}

/**
 * Households for a version on the date `asOf`, driven only by its declared facts: mostly valid
 * and biased to the version's boundaries, a share (`invalidPercent`, default 10) with one flaw.
 * A flaw of the evaluation date itself is drawn only by {@link versionCaseArbitrary}.
 * @example fc.sample(versionHouseholdArbitrary(version, '2019-06-30'), { seed: 1, numRuns: 20 })
 */
export function versionHouseholdArbitrary(
  version: CompiledVersion,
  asOf: string,
  options: VersionHouseholdOptions = {},
): fc.Arbitrary<VersionHousehold> {
  return fc.gen().map((g) => {
    const writer = new HouseholdWriter(new Draw(g), version, asOf, options.maxMembers ?? 6);
    return writer.household(options.invalidPercent ?? 10, false);
  });
}

/**
 * Evaluations for a version: a date from {@link versionAsOfArbitrary} and a household from
 * {@link versionHouseholdArbitrary} for that date; an invalid case may instead carry an evaluation
 * date that is no date (`bad-as-of`).
 * @example fc.sample(versionCaseArbitrary(version), { seed: 1, numRuns: 20 })
 */
export function versionCaseArbitrary(
  version: CompiledVersion,
  options: VersionHouseholdOptions = {},
): fc.Arbitrary<VersionCase> {
  return fc.tuple(versionAsOfArbitrary(version), fc.gen()).map(([asOf, g]): VersionCase => {
    const writer = new HouseholdWriter(new Draw(g), version, asOf, options.maxMembers ?? 6);
    const { badAsOf, ...rest } = writer.household(options.invalidPercent ?? 10, true);
    return { asOf: badAsOf ?? asOf, ...rest };
  });
}
