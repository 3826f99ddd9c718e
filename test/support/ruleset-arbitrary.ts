/**
 * A fast-check arbitrary of valid random ruleset version documents (format v1), each of which
 * `compileVersion` accepts, for proving two evaluators of one version identical. Every document is
 * valid by construction, never by filtering: names are declared before they are read, formulas are
 * typed, rules read outcomes only from earlier tiers, parameter values cover every jurisdiction
 * exactly once, and the formulas compiling computes (those reading only parameters and literals)
 * are drawn from a grammar that cannot fail (no division but by a positive literal, no negative
 * amount, no value beyond the numeric domain). Formulas that read the household may fail at run
 * time (a division by a fact that is zero, a missing optional fact, a negative amount): both
 * evaluators must then throw the same error.
 *
 * Left out on purpose: facts of an `object` type in member scope. Their properties compile, but a
 * member can never give them (the group's key is refused as an unknown fact), so formulas reading
 * them always fail. (`in` / `notIn` with a `{"fact": …}` value is refused when compiling.)
 */
import fc from 'fast-check';

import type {
  BenefitT,
  ConditionT,
  DerivedFactT,
  FactDeclarationT,
  OutcomeT,
  ParameterT,
  ParameterValueT,
  RoundingModeT,
  RoundingT,
  RuleT,
  RulesetVersion,
  ScopeT,
} from '../../api/src/engine/schema/ruleset.schema';

/** The static types of the expression language. */
type Kind = 'decimal' | 'boolean' | 'date' | 'string';
type Localized = { zh: string; en: string };
type Word = readonly [en: string, zh: string];

/** Every rounding mode of the schema. */
export const ROUNDING_MODES: readonly RoundingModeT[] = [
  'halfUp',
  'halfEven',
  'halfDown',
  'up',
  'down',
  'ceil',
  'floor',
];

/** How many values one draw distinguishes: every range an arbitrary needs is far smaller. */
const DRAW_RESOLUTION = 2 ** 30;

/**
 * One uniform draw, scaled by {@link Draw.int} to the range asked for. A single builder with no
 * arguments keeps fast-check's `gen()` cache to one entry (it compares arguments linearly), and
 * uniform values keep weighted choices unskewed (the default bias favours the ends of a range;
 * boundaries are drawn on purpose instead).
 */
const uniformDraw = (): fc.Arbitrary<number> => fc.noBias(fc.integer({ min: 0, max: DRAW_RESOLUTION - 1 }));

/**
 * Random choices drawn through fast-check's `gen()`, so that a document replays from its seed and
 * shrinks. Every choice shrinks towards its first (simplest) option.
 */
class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}

  int(min: number, max: number): number {
    return min + Math.floor((this.g(uniformDraw) / DRAW_RESOLUTION) * (max - min + 1));
  }

  /** True `percent` times in a hundred (false when shrunk). */
  chance(percent: number): boolean {
    return this.int(0, 99) >= 100 - percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One of the choices, each with its weight; only choices with a positive weight count. */
  weighted<T>(choices: readonly (readonly [number, () => T])[]): T {
    const live = choices.filter(([w]) => w > 0);
    const total = live.reduce((sum, [w]) => sum + w, 0);
    let at = this.int(0, total - 1);
    for (const [w, make] of live) {
      if (at < w) return make();
      at -= w;
    }
    throw new Error('no choice has a weight');
  }

  /** Between `min` and `max` of the items, in their order. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = this.int(Math.min(min, items.length), Math.min(max, items.length));
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(this.int(0, items.length - 1));
    return items.filter((_, i) => chosen.has(i));
  }
}

/** A name an expression or a rule may read, with what a generator needs to know of it. */
interface Name {
  name: string;
  kind: Kind;
  role: 'parameter' | 'fact' | 'derived' | 'outcome' | 'builtin';
  /** Reads only parameters and literals: a formula made of such names is computed when compiling. */
  constant: boolean;
  /** May be null in a valid household: an optional fact without a default, a fact of a group. */
  nullable: boolean;
  /** The optional group it belongs to, as the scope names it (`present(<group>)`). */
  group?: string;
  /** The values of an enum or jurisdiction fact. */
  values?: readonly string[];
  /** Always a whole number (integer facts and parameters, counts): fit for `addYears(d, n)`. */
  whole?: boolean;
  /** For an outcome: its place among the outcomes of its scope (rules read only earlier ones). */
  tier?: number;
}

/** The names visible in household and member scope, in declaration order. */
class Names {
  readonly household: Name[] = [];
  readonly member: Name[] = [];
  /** Groups visible in each scope, for `present()`. */
  readonly groups: { household: string[]; member: string[] } = { household: [], member: [] };

  /** Declares a name in one scope; a household name is also `household.<name>` in member scope. */
  add(scope: ScopeT, name: Name): void {
    if (scope === 'member') {
      this.member.push(name);
      return;
    }
    this.household.push(name);
    this.member.push({
      ...name,
      name: `household.${name.name}`,
      ...(name.group === undefined ? {} : { group: `household.${name.group}` }),
    });
  }

  /** Declares a parameter (or a built-in) in both scopes under the same name. */
  addEverywhere(name: Name): void {
    this.household.push(name);
    this.member.push(name);
  }

  addGroup(group: string): void {
    this.groups.household.push(group);
    this.groups.member.push(`household.${group}`);
  }

  of(scope: ScopeT): Name[] {
    return scope === 'household' ? this.household : this.member;
  }
}

/** A formula being written: its text and whether it reads only parameters and literals. */
interface Expr {
  text: string;
  constant: boolean;
}

const lit = (text: string): Expr => ({ text, constant: true });
const call = (callee: string, args: readonly Expr[], constant = true): Expr => ({
  text: `${callee}(${args.map((a) => a.text).join(', ')})`,
  constant: constant && args.every((a) => a.constant),
});
const binary = (left: Expr, op: string, right: Expr): Expr => ({
  text: `(${left.text} ${op} ${right.text})`,
  constant: left.constant && right.constant,
});
const ifExpr = (condition: Expr, then: Expr, otherwise: Expr): Expr =>
  call('if', [condition, then, otherwise]);

const DECIMAL_LITERALS = [
  '0',
  '1',
  '2',
  '3',
  '7',
  '12',
  '0.5',
  '0.25',
  '100',
  '365',
  '1000',
  '2400.5',
  '0.1',
];
const DATE_LITERALS = [
  '2000-01-01',
  '1900-01-01',
  '1950-06-15',
  '1960-02-29',
  '2000-02-29',
  '2010-12-31',
  '2019-01-01',
  '2020-02-29',
  '2021-03-01',
  '2030-01-01',
  '2999-12-31',
];
const STRING_LITERALS = ['a', 'north', 'south', '东区', '一组', 'x y'];

/**
 * Writes typed formulas over the names of one scope. `constant*` methods write formulas that read
 * only parameters, literals and constant derived facts and can never fail; the others may read
 * anything visible and fail at run time.
 */
class FormulaWriter {
  constructor(
    private readonly draw: Draw,
    private readonly names: Names,
    private readonly scope: ScopeT,
    /** Dates near the version's effective date, where literals bite. */
    private readonly dates: readonly string[],
  ) {}

  private get inner(): FormulaWriter {
    return new FormulaWriter(this.draw, this.names, 'member', this.dates);
  }

  private visible(kind: Kind, filter: (n: Name) => boolean = () => true): Name[] {
    return this.names.of(this.scope).filter((n) => n.kind === kind && filter(n));
  }

  /** A name of a kind: mostly one that is never null; a group's fact behind `if(present(g), …)`. */
  private name(kind: Kind, fallback: () => Expr): Expr {
    const safe = this.visible(kind, (n) => !n.nullable);
    const grouped = this.visible(kind, (n) => n.nullable && n.group !== undefined);
    const optional = this.visible(kind, (n) => n.nullable && n.group === undefined);
    return this.draw.weighted<Expr>([
      [safe.length > 0 ? 12 : 0, () => this.read(this.draw.pick(safe))],
      [
        grouped.length > 0 ? 3 : 0,
        () => {
          const n = this.draw.pick(grouped);
          return ifExpr(call('present', [lit(n.group as string)], false), this.read(n), fallback());
        },
      ],
      [optional.length > 0 ? 1 : 0, () => this.read(this.draw.pick(optional))],
      [1, fallback],
    ]);
  }

  private read(n: Name): Expr {
    return { text: n.name, constant: n.constant };
  }

  decimalLiteral(): Expr {
    return this.draw.weighted([
      [4, () => lit(this.draw.pick(DECIMAL_LITERALS))],
      [1, () => lit(String(this.draw.int(0, 500)))],
    ]);
  }

  dateLiteral(): Expr {
    return lit(`date("${this.draw.pick([...this.dates, ...DATE_LITERALS])}")`);
  }

  stringLiteral(): Expr {
    return lit(`"${this.draw.pick(STRING_LITERALS)}"`);
  }

  of(kind: Kind, depth: number): Expr {
    switch (kind) {
      case 'decimal':
        return this.decimal(depth);
      case 'boolean':
        return this.boolean(depth);
      case 'date':
        return this.date(depth);
      default:
        return this.string(depth);
    }
  }

  /** A divisor: a positive literal, a value that may be zero, or one kept at least 1. */
  private divisor(depth: number): Expr {
    return this.draw.weighted([
      [4, () => lit(this.draw.pick(['12', '3', '7', '2', '0.5', '365']))],
      [2, () => this.name('decimal', () => this.decimalLiteral())],
      [1, () => call('max', [this.decimal(depth - 1), lit('1')])],
      [this.scope === 'household' ? 1 : 0, () => call('count', [this.inner.boolean(depth - 1)], false)],
    ]);
  }

  decimal(depth: number): Expr {
    if (depth <= 0 || this.draw.chance(30))
      return this.draw.weighted([
        [2, () => this.decimalLiteral()],
        [5, () => this.name('decimal', () => this.decimalLiteral())],
        [this.scope === 'household' ? 1 : 0, () => ({ text: 'count(true)', constant: false })],
      ]);
    const d = depth - 1;
    const household = this.scope === 'household';
    return this.draw.weighted<Expr>([
      [6, () => binary(this.decimal(d), this.draw.pick(['+', '-', '*']), this.decimal(d))],
      [3, () => binary(this.decimal(d), '/', this.divisor(depth))],
      // Thirds and sevenths taken apart and put back: 40 significant digits give 0.99…9, not 1,
      // which a rounding down or a comparison sees.
      [
        1,
        () => {
          const k = lit(this.draw.pick(['3', '7', '9', '12']));
          return binary(binary(this.decimal(d), '/', k), '*', k);
        },
      ],
      [
        1,
        () => {
          const operand = this.decimal(d);
          return { text: `-(${operand.text})`, constant: operand.constant };
        },
      ],
      [
        2,
        () =>
          call(
            this.draw.pick(['min', 'max']),
            Array.from({ length: this.draw.int(1, 3) }, () => this.decimal(d)),
          ),
      ],
      [1, () => call('abs', [this.decimal(d)])],
      [
        2,
        () => {
          const f = this.draw.pick(['round', 'ceil', 'floor']);
          const x = this.decimal(d);
          return this.draw.chance(50) ? call(f, [x]) : call(f, [x, lit(String(this.draw.int(0, 3)))]);
        },
      ],
      [2, () => ifExpr(this.boolean(d), this.decimal(d), this.decimal(d))],
      [household ? 2 : 0, () => call('count', [this.inner.boolean(d)], false)],
      [household ? 2 : 0, () => call('sum', [this.inner.decimal(d)], false)],
      [1, () => call(this.draw.pick(['year', 'month', 'day']), [this.date(d)])],
      [
        2,
        () =>
          call(this.draw.pick(['yearsBetween', 'monthsBetween', 'daysBetween']), [
            this.date(d),
            this.date(d),
          ]),
      ],
    ]);
  }

  boolean(depth: number): Expr {
    if (depth <= 0 || this.draw.chance(25))
      return this.draw.weighted([
        [1, () => lit(this.draw.pick(['true', 'false']))],
        [4, () => this.name('boolean', () => this.decimalComparison(0))],
      ]);
    const d = depth - 1;
    const household = this.scope === 'household';
    const groups = this.names.groups[this.scope];
    return this.draw.weighted<Expr>([
      [6, () => this.decimalComparison(d)],
      [2, () => binary(this.date(d), this.draw.pick(['<', '<=', '>', '>=', '==', '!=']), this.date(d))],
      [3, () => this.stringComparison(d)],
      [3, () => binary(this.boolean(d), this.draw.pick(['and', 'or']), this.boolean(d))],
      [
        1,
        () => {
          const operand = this.boolean(d);
          return { text: `not ${operand.text}`, constant: operand.constant };
        },
      ],
      [household ? 2 : 0, () => call(this.draw.pick(['any', 'all']), [this.inner.boolean(d)], false)],
      [groups.length > 0 ? 2 : 0, () => call('present', [lit(this.draw.pick(groups))], false)],
      [1, () => ifExpr(this.boolean(d), this.boolean(d), this.boolean(d))],
    ]);
  }

  private decimalComparison(depth: number): Expr {
    return binary(
      this.decimal(depth),
      this.draw.pick(['<', '<=', '>', '>=', '==', '!=']),
      this.decimal(depth),
    );
  }

  /**
   * `name == "value"` (a value the name can have) or two strings; a name with values is never
   * compared with a written-out string it cannot be (the checker refuses it).
   */
  private stringComparison(depth: number): Expr {
    const op = this.draw.pick(['==', '!=']);
    const withValues = this.visible('string', (n) => n.values !== undefined);
    if (withValues.length > 0 && this.draw.chance(50)) {
      const n = this.draw.pick(withValues);
      return binary(this.read(n), op, lit(`"${this.draw.pick(n.values ?? [])}"`));
    }
    let left = this.string(depth);
    let right = this.string(depth);
    const valuesOf = (e: Expr): readonly string[] | undefined =>
      this.visible('string').find((n) => n.name === e.text)?.values;
    const written = (e: Expr): boolean => e.text.startsWith('"');
    const leftValues = valuesOf(left);
    const rightValues = valuesOf(right);
    if (leftValues && written(right)) right = lit(`"${this.draw.pick(leftValues)}"`);
    if (rightValues && written(left)) left = lit(`"${this.draw.pick(rightValues)}"`);
    return binary(left, op, right);
  }

  date(depth: number): Expr {
    if (depth <= 0 || this.draw.chance(35))
      return this.draw.weighted([
        [2, () => this.dateLiteral()],
        [2, () => ({ text: 'asOf', constant: false })],
        [4, () => this.name('date', () => ({ text: 'asOf', constant: false }))],
      ]);
    const d = depth - 1;
    const whole = this.visible('decimal', (n) => n.whole === true && !n.nullable);
    return this.draw.weighted<Expr>([
      [
        4,
        () => {
          const f = this.draw.pick(['addDays', 'addMonths', 'addYears']);
          const count = this.draw.weighted<Expr>([
            [3, () => lit(String(this.draw.int(0, 80)))],
            [1, () => lit(`-${this.draw.int(1, f === 'addDays' ? 400 : f === 'addMonths' ? 36 : 5)}`)],
            [whole.length > 0 ? 2 : 0, () => this.read(this.draw.pick(whole))],
          ]);
          return call(f, [this.date(d), count]);
        },
      ],
      [1, () => call('startOfMonth', [this.date(d)])],
      [1, () => ifExpr(this.boolean(d), this.date(d), this.date(d))],
    ]);
  }

  string(depth: number): Expr {
    if (depth <= 0 || this.draw.chance(40))
      return this.draw.weighted([
        [1, () => this.stringLiteral()],
        [3, () => this.name('string', () => this.stringLiteral())],
      ]);
    return ifExpr(this.boolean(depth - 1), this.string(depth - 1), this.string(depth - 1));
  }

  /**
   * A formula that reads the household (never constant): when a draw happens to read only
   * parameters and literals, it is put under a condition that does.
   */
  dynamic(kind: Kind, depth: number): Expr {
    const e = this.of(kind, depth);
    if (!e.constant) return e;
    const flags = this.visible('boolean', (n) => !n.constant && !n.nullable);
    const anchor = this.draw.weighted<Expr>([
      [2, () => binary({ text: 'asOf', constant: false }, '>=', this.dateLiteral())],
      [flags.length > 0 ? 3 : 0, () => this.read(this.draw.pick(flags))],
    ]);
    return ifExpr(anchor, e, this.of(kind, 0));
  }

  // The constant grammar: non-negative decimals only, products only by small literals, division
  // only by positive literals, so that no formula compiling computes can fail in any jurisdiction.

  constantDecimal(depth: number): Expr {
    const safe = this.visible('decimal', (n) => n.constant);
    const leaf = (): Expr =>
      this.draw.weighted([
        [1, () => this.decimalLiteral()],
        [safe.length > 0 ? 3 : 0, () => this.read(this.draw.pick(safe))],
      ]);
    if (depth <= 0 || this.draw.chance(35)) return leaf();
    const d = depth - 1;
    return this.draw.weighted<Expr>([
      [3, () => binary(this.constantDecimal(d), '+', this.constantDecimal(d))],
      [2, () => binary(leaf(), '*', lit(this.draw.pick(['2', '0.5', '0.8', '1.5'])))],
      [2, () => binary(this.constantDecimal(d), '/', lit(this.draw.pick(['12', '3', '7', '100'])))],
      [2, () => call(this.draw.pick(['min', 'max']), [this.constantDecimal(d), this.constantDecimal(d)])],
      [1, () => call(this.draw.pick(['round', 'ceil', 'floor']), [this.constantDecimal(d), lit('2')])],
      [1, () => ifExpr(this.constantBoolean(d), this.constantDecimal(d), this.constantDecimal(d))],
    ]);
  }

  constantBoolean(depth: number): Expr {
    const flags = this.visible('boolean', (n) => n.constant);
    if (depth <= 0 || this.draw.chance(40))
      return this.draw.weighted([
        [1, () => lit(this.draw.pick(['true', 'false']))],
        [flags.length > 0 ? 2 : 0, () => this.read(this.draw.pick(flags))],
        [
          3,
          () =>
            binary(
              this.constantDecimal(0),
              this.draw.pick(['<', '<=', '>', '>=', '==', '!=']),
              this.constantDecimal(0),
            ),
        ],
      ]);
    return binary(
      this.constantBoolean(depth - 1),
      this.draw.pick(['and', 'or']),
      this.constantBoolean(depth - 1),
    );
  }

  constantOf(kind: Kind, depth: number): Expr {
    switch (kind) {
      case 'decimal':
        return this.constantDecimal(depth);
      case 'boolean':
        return this.constantBoolean(depth);
      case 'date':
        return this.draw.chance(50)
          ? this.dateLiteral()
          : call('addYears', [lit('date("2000-01-01")'), lit(String(this.draw.int(0, 50)))]);
      default:
        return this.draw.chance(50)
          ? this.stringLiteral()
          : ifExpr(this.constantBoolean(depth - 1), this.stringLiteral(), this.stringLiteral());
    }
  }
}

/** The kinds of value a parameter holds, by its unit. */
type ParameterKind = 'money' | 'ratio' | 'whole';

const PARAMETER_UNITS: readonly (readonly [ParameterT['unit'], ParameterKind])[] = [
  ['yuan/month', 'money'],
  ['yuan/year', 'money'],
  ['yuan', 'money'],
  ['ratio', 'ratio'],
  ['years', 'whole'],
  ['months', 'whole'],
  ['count', 'whole'],
];

const PARAMETER_WORDS: readonly Word[] = [
  ['standard', '标准'],
  ['rate', '比例'],
  ['cap', '上限'],
  ['age', '年龄'],
  ['months', '月数'],
  ['subsidy', '补助'],
  ['line', '线'],
  ['floor', '下限'],
];
const PARAMETER_QUALIFIERS: readonly Word[] = [
  ['base', '基本'],
  ['rural', '农村'],
  ['urban', '城市'],
  ['child', '儿童'],
  ['elderly', '老年'],
  ['extra', '附加'],
];
const GROUP_WORDS: readonly Word[] = [
  ['emergency', '遭遇急难'],
  ['disaster', '受灾'],
  ['schooling', '就学'],
  ['housing', '住房'],
];
const FACT_WORDS: Readonly<Record<Exclude<FactDeclarationT['type'], 'object'>, readonly Word[]>> = {
  decimal: [
    ['landArea', '耕地面积'],
    ['workHours', '工作时长'],
    ['ratioOwned', '持有比例'],
  ],
  money: [
    ['income', '收入'],
    ['savings', '存款'],
    ['rent', '房租'],
    ['debt', '负债'],
    ['medicalCost', '医疗费用'],
  ],
  integer: [
    ['childCount', '子女数'],
    ['grade', '等级'],
    ['workYears', '工龄'],
    ['rooms', '住房间数'],
  ],
  boolean: [
    ['disabled', '残疾'],
    ['farmer', '务农'],
    ['student', '在校学生'],
    ['insured', '参保'],
    ['ownsHouse', '有住房'],
  ],
  date: [
    ['birthDate', '出生日期'],
    ['arrivalDate', '迁入日期'],
    ['claimDate', '申请日期'],
  ],
  enum: [
    ['residence', '城乡类别'],
    ['tenure', '住房性质'],
    ['care', '供养方式'],
    ['severity', '困难程度'],
  ],
  string: [
    ['village', '所在村'],
    ['employer', '工作单位'],
    ['remark', '备注'],
  ],
  jurisdiction: [
    ['origin', '户籍地'],
    ['workplace', '工作地'],
  ],
};
const ENUM_VALUES: readonly (readonly string[])[] = [
  ['rural', 'urban'],
  ['owned', 'rented', 'public'],
  ['none', 'scattered', 'concentrated'],
  ['general', 'major'],
  ['甲', '乙', '丙', '丁'],
];
const DERIVED_WORDS: Readonly<Record<DerivedFactT['type'], readonly Word[]>> = {
  decimal: [
    ['monthlyIncome', '月收入'],
    ['gap', '差额'],
    ['perCapita', '人均额'],
    ['standardApplied', '适用标准'],
  ],
  integer: [
    ['unitSize', '保障人数'],
    ['age', '年龄'],
    ['eligibleCount', '符合人数'],
    ['monthsResident', '居住月数'],
  ],
  boolean: [
    ['inUnit', '保障对象'],
    ['elderly', '老年人'],
    ['overLine', '超过标准'],
    ['qualifies', '符合条件'],
  ],
  date: [
    ['deadline', '截止日期'],
    ['reviewDate', '复核日期'],
    ['adultFrom', '成年日期'],
  ],
  string: [
    ['category', '类别'],
    ['placeCode', '地区代码'],
    ['tier', '档次'],
  ],
};
const OUTCOME_WORDS: readonly Word[] = [
  ['support', '救助'],
  ['allowance', '补贴'],
  ['care', '照料'],
  ['priority', '优先'],
  ['relief', '救济'],
  ['bonus', '奖励'],
];

const FACT_TYPES = [
  'decimal',
  'money',
  'integer',
  'boolean',
  'date',
  'enum',
  'string',
  'jurisdiction',
] as const;
type InputType = (typeof FACT_TYPES)[number];

const DECIMAL_OPERATORS = [
  'decimalLessThan',
  'decimalLessThanInclusive',
  'decimalGreaterThan',
  'decimalGreaterThanInclusive',
  'decimalEqual',
  'decimalNotEqual',
] as const;
const PLAIN_OPERATORS = ['equal', 'notEqual', 'in', 'notIn'] as const;

const CODE_POOL = ['420302', '420325', 'SY0001', 'A00001', 'ZZ9999', '100001', 'B7C8D9'];
const JURISDICTION_NAMES: readonly Word[] = [
  ['Alpha', '甲镇'],
  ['Beta', '乙县'],
  ['Gamma', '丙区'],
  ['Delta', '丁乡'],
];
const GROUP_IDS: readonly Word[] = [
  ['city-area', '城区'],
  ['counties', '县市区'],
  ['mountains', '山区'],
];

/** Builds one random, valid version document from a {@link Draw}. */
class RulesetBuilder {
  private readonly names = new Names();
  private readonly used = new Set<string>();
  private readonly codes: string[] = [];
  private readonly groupsOf = new Map<string, string[]>();
  private readonly groupIds: string[] = [];
  private readonly sources = ['order-1', 'order-2'];
  private effectiveFrom = '2019-01-01';
  /** The parameters so far, with what formulas need of them. */
  private readonly parameters: {
    key: string;
    kind: ParameterKind;
    byJurisdiction: boolean;
    /** Every value is written out (no formula). */
    literal: boolean;
    /** The values written out. */
    values: string[];
  }[] = [];

  constructor(private readonly draw: Draw) {}

  /** A fresh name from a word list: the word, or the word and a number when it is taken. */
  private fresh(
    words: readonly Word[],
    join: (en: string, n: number) => string,
  ): { name: string; label: Localized } {
    const [en, zh] = this.draw.pick(words);
    let n = 1;
    let name = en;
    while (this.used.has(name)) name = join(en, ++n);
    this.used.add(name);
    return { name, label: { zh: n === 1 ? zh : `${zh}${n}`, en: n === 1 ? en : `${en} ${n}` } };
  }

  private identifier(words: readonly Word[]): { name: string; label: Localized } {
    return this.fresh(words, (en, n) => `${en}${n}`);
  }

  private writer(scope: ScopeT): FormulaWriter {
    const year = Number(this.effectiveFrom.slice(0, 4));
    return new FormulaWriter(this.draw, this.names, scope, [
      this.effectiveFrom,
      `${year + 1}-01-01`,
      `${year - 60}${this.effectiveFrom.slice(4)}`,
    ]);
  }

  private source(): ParameterValueT['source'] {
    return this.draw.chance(50)
      ? { type: 'published', document: this.draw.pick(this.sources) }
      : {
          type: 'illustrative',
          note: this.draw.pick(['示例值 / illustrative', '按上年标准 / as last year']),
        };
  }

  build(): RulesetVersion {
    const year = this.draw.int(2015, 2026);
    const month = this.draw.int(1, 12);
    const day = this.draw.chance(50) ? 1 : this.draw.int(1, 28);
    this.effectiveFrom = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    this.places();
    this.names.addEverywhere({
      name: 'asOf',
      kind: 'date',
      role: 'builtin',
      constant: false,
      nullable: false,
    });
    const parameters = this.buildParameters();
    const facts = this.buildFacts();
    const derived = this.buildDerived();
    const outcomes = this.buildOutcomes();
    const rules = {
      household: this.buildRules('household', outcomes),
      member: this.buildRules('member', outcomes),
    };
    const benefits = this.buildBenefits(outcomes);
    const document: RulesetVersion = {
      ...(this.draw.chance(20) ? { $schema: '../schema/ruleset-v1.schema.json' } : {}),
      formatVersion: 1,
      metadata: {
        key: 'random-ruleset',
        version: `r${this.draw.int(1, 999)}`,
        effectiveFrom: this.effectiveFrom,
        ...(this.draw.chance(30) ? { reviewBy: `${year + 2}-12-31` } : {}),
        title: { zh: '随机规则集', en: 'Random ruleset' },
        ...(this.draw.chance(30)
          ? { description: { zh: '为比较两个求值器而生成', en: 'Generated to compare two evaluators' } }
          : {}),
        sources: [
          { id: 'order-1', title: '测试文件一号', number: '测政发〔2019〕1号', date: '2018-12-01' },
          { id: 'order-2', title: 'Test order No. 2', note: '补充说明' },
        ],
      },
      jurisdictionGroups: this.groupIds.map((id) => ({
        id,
        name: this.localizedFrom(GROUP_IDS.find(([en]) => en === id)),
      })),
      jurisdictions: this.codes.map((code, i) => ({
        code,
        name: this.localizedFrom(JURISDICTION_NAMES[i]),
        groups: this.groupsOf.get(code) ?? [],
      })),
      facts,
      derived,
      parameters,
      ...(this.draw.chance(25)
        ? {
            parameterGroups: [
              {
                id: 'main',
                label: { zh: '主要标准', en: 'Main standards' },
                prefixes: [(parameters[0]?.key ?? 'standard').split('.')[0] as string],
              },
            ],
          }
        : {}),
      outcomes: outcomes.map((o) => o.declaration),
      rules,
      rounding: this.rounding(),
      totals: {
        monthsPerYear: this.draw.chance(70) ? 12 : this.draw.int(1, 12),
        ...(this.draw.chance(30) ? { source: this.source() } : {}),
      },
      benefits,
      constraints: this.buildConstraints(),
      tests: [],
    };
    return document;
  }

  private localizedFrom(word: Word | undefined): Localized {
    return word ? { zh: word[1], en: word[0] } : { zh: '某地', en: 'Somewhere' };
  }

  private places(): void {
    const count = this.draw.int(1, 4);
    const pool = [...CODE_POOL];
    while (this.codes.length < count) {
      const i = this.draw.int(0, pool.length - 1);
      this.codes.push(pool.splice(i, 1)[0] as string);
    }
    const groups = this.draw.int(0, 2);
    this.groupIds.push(...GROUP_IDS.slice(0, groups).map(([id]) => id));
    for (const code of this.codes) this.groupsOf.set(code, this.draw.some(this.groupIds, 0, 2));
  }

  private rounding(): RoundingT {
    return {
      places: this.draw.int(0, 2),
      mode: this.draw.pick(ROUNDING_MODES),
      ...(this.draw.chance(30) ? { source: this.source() } : {}),
    };
  }

  // Parameters --------------------------------------------------------------------------------

  private parameterLiteral(kind: ParameterKind): string {
    switch (kind) {
      case 'money':
        return this.draw.weighted([
          [1, () => '0.00'],
          [6, () => (this.draw.int(1, 200_000) / 100).toFixed(2)],
          [2, () => `${this.draw.int(1, 20) * 50}.00`],
        ]);
      case 'ratio':
        return this.draw.weighted([
          [3, () => (this.draw.int(0, 150) / 100).toFixed(2)],
          [1, () => (this.draw.int(1, 9999) / 10_000).toFixed(4)],
        ]);
      default:
        return String(this.draw.pick([0, 1, 2, 3, 6, 12, 18, 60, this.draw.int(0, 100)]));
    }
  }

  /**
   * A parameter formula over earlier parameters, from a grammar that cannot fail and grows slowly
   * (a product only with a literal or a written-out ratio), so that chains stay in the domain.
   */
  private parameterFormula(readable: readonly string[]): string | null {
    if (readable.length === 0) return null;
    const a = this.draw.pick(readable);
    const b = this.draw.pick(readable);
    const ratios = this.parameters.filter((p) => readable.includes(p.key) && p.kind === 'ratio' && p.literal);
    const r = ratios.length > 0 ? this.draw.pick(ratios).key : '0.57';
    return this.draw.pick([
      `ceil(${a} * ${r} / 12)`,
      `${a} + ${b}`,
      `round(${a} * 1.1, 2)`,
      `max(${a}, ${b})`,
      `${a} * 12`,
      `min(${a}, 1000)`,
      `floor(${a} / 7, 2)`,
    ]);
  }

  private parameterValue(
    kind: ParameterKind,
    readable: readonly string[],
    where: string | undefined,
  ): ParameterValueT {
    const formula = this.draw.chance(20) ? this.parameterFormula(readable) : null;
    return {
      ...(where === undefined ? {} : { for: where }),
      ...(formula === null ? { value: this.parameterLiteral(kind) } : { formula }),
      source: this.source(),
    };
  }

  /** Which entry applies to a jurisdiction, as the engine chooses: its own, its one group's, or everywhere. */
  private covers(entries: readonly ParameterValueT[], code: string): boolean {
    const byPlace = entries.filter((e) => e.for !== undefined);
    const everywhere = entries.some((e) => e.for === undefined);
    if (byPlace.length === 0) return everywhere;
    if (byPlace.some((e) => e.for === code)) return true;
    const groups = (this.groupsOf.get(code) ?? []).filter((g) => byPlace.some((e) => e.for === g));
    if (groups.length > 1) return false; // ambiguous: the jurisdiction needs its own value
    return groups.length === 1 || everywhere;
  }

  private buildParameters(): ParameterT[] {
    const count = this.draw.int(2, 6);
    const parameters: ParameterT[] = [];
    for (let i = 0; i < count; i++) {
      const { name: key, label } = this.fresh(
        PARAMETER_WORDS.flatMap(([en, zh]) =>
          PARAMETER_QUALIFIERS.map(([qe, qz]): Word => [`${en}.${qe}`, `${qz}${zh}`]),
        ),
        (en, n) => `${en}${n}`,
      );
      const [unit, kind] = this.draw.pick(PARAMETER_UNITS);
      const byJurisdiction = this.draw.chance(50);
      const readable = this.parameters.filter((p) => byJurisdiction || !p.byJurisdiction).map((p) => p.key);
      let values: ParameterValueT[];
      if (!byJurisdiction) values = [this.parameterValue(kind, readable, undefined)];
      else {
        const places = [...this.groupIds, ...this.codes];
        values = this.draw.weighted<ParameterValueT[]>([
          [1, () => this.codes.map((code) => this.parameterValue(kind, readable, code))],
          [
            2,
            () => [
              this.parameterValue(kind, readable, undefined),
              ...this.draw.some(places, 0, 2).map((p) => this.parameterValue(kind, readable, p)),
            ],
          ],
          [
            2,
            () =>
              this.draw
                .some([...this.groupIds, ...this.codes], 1, 3)
                .map((p) => this.parameterValue(kind, readable, p)),
          ],
        ]);
        for (const code of this.codes)
          if (!this.covers(values, code)) values.push(this.parameterValue(kind, readable, code));
      }
      parameters.push({
        key,
        unit,
        label,
        ...(this.draw.chance(20)
          ? { description: { zh: `${label.zh}的说明`, en: `About ${label.en}` } }
          : {}),
        basis: `测政发〔2019〕1号 第${i + 1}条`,
        byJurisdiction,
        values,
      });
      this.parameters.push({
        key,
        kind,
        byJurisdiction,
        literal: values.every((v) => v.value !== undefined),
        values: values.flatMap((v) => (v.value === undefined ? [] : [v.value])),
      });
      this.names.addEverywhere({
        name: key,
        kind: 'decimal',
        role: 'parameter',
        constant: true,
        nullable: false,
        whole: kind === 'whole' && values.every((v) => v.value !== undefined),
      });
    }
    return parameters;
  }

  // Facts ---------------------------------------------------------------------------------------

  /** A number between `low` and `high` written for a fact of `type`: whole, or with decimals. */
  private numberText(type: 'decimal' | 'money' | 'integer', low: number, high: number): string {
    const n = this.draw.int(low, high);
    if (type === 'integer' || n < 0 || n >= high || this.draw.chance(50)) return String(n);
    if (type === 'money') return `${n}.${String(this.draw.int(0, 99)).padStart(2, '0')}`;
    return `${n}.${this.draw.int(0, 999)}`;
  }

  /** A declaration of an input fact of one type, with bounds, a default or `required` at random. */
  private fact(type: InputType): FactDeclarationT & { type: InputType } {
    const { name, label } = this.identifier(FACT_WORDS[type]);
    const declaration: FactDeclarationT & { type: InputType } = { name, type, label };
    if (this.draw.chance(20)) declaration.description = { zh: `${label.zh}(说明)`, en: `${label.en} (note)` };
    const requirement = this.draw.weighted<'required' | 'default' | 'optional'>([
      [3, () => 'required'],
      [4, () => 'default'],
      [1, () => 'optional'],
    ]);
    if (requirement === 'required') declaration.required = true;
    else if (this.draw.chance(10)) declaration.required = false;
    let low = 0;
    let high = 100_000;
    if (type === 'decimal' || type === 'money' || type === 'integer') {
      if (this.draw.chance(60)) {
        low = this.draw.pick([0, 0, 1, -100]);
        declaration.minimum = String(low);
      }
      if (this.draw.chance(60)) {
        high = this.draw.pick([4, 100, 10_000, 1_000_000]);
        declaration.maximum = String(high);
      }
      if (this.draw.chance(40))
        declaration.unit = this.draw.pick(['yuan/month', 'yuan/year', 'yuan', 'persons', 'count', 'years']);
    }
    if (type === 'enum') {
      declaration.values = [...this.draw.pick(ENUM_VALUES)];
      if (this.draw.chance(40))
        declaration.valueLabels = Object.fromEntries(
          declaration.values.map((v) => [v, { zh: `${v}类`, en: `Kind ${v}` }]),
        );
    }
    if (type === 'date' && this.draw.chance(50)) declaration.notAfterAsOf = true;
    if (requirement === 'default' || (requirement === 'required' && this.draw.chance(10))) {
      switch (type) {
        case 'decimal':
        case 'money':
        case 'integer': {
          const text = this.numberText(type, low, Math.min(high, low + 1000));
          declaration.default = this.draw.chance(30) ? Number(text) : text;
          break;
        }
        case 'boolean':
          declaration.default = this.draw.chance(50);
          break;
        case 'date':
          declaration.default = this.draw.pick(['1970-01-01', '2000-02-29', this.effectiveFrom]);
          break;
        case 'enum':
          declaration.default = this.draw.pick(declaration.values ?? []);
          break;
        case 'string':
          declaration.default = this.draw.pick(STRING_LITERALS);
          break;
        case 'jurisdiction':
          declaration.default = this.draw.pick(this.codes);
          break;
      }
    }
    return declaration;
  }

  private declare(scope: ScopeT, declaration: FactDeclarationT, group?: string): void {
    const kind: Kind =
      declaration.type === 'boolean'
        ? 'boolean'
        : declaration.type === 'date'
          ? 'date'
          : ['decimal', 'money', 'integer'].includes(declaration.type)
            ? 'decimal'
            : 'string';
    const values = declaration.type === 'jurisdiction' ? this.codes : declaration.values;
    this.names.add(scope, {
      name: group === undefined ? declaration.name : `${group}.${declaration.name}`,
      kind,
      role: 'fact',
      constant: false,
      nullable: group !== undefined || (declaration.required !== true && declaration.default === undefined),
      ...(group === undefined ? {} : { group }),
      ...(values === undefined ? {} : { values }),
      // A count of days, months or years to shift a date by: only small whole numbers, so that
      // shifted dates mostly stay within the dates the engine computes.
      whole: declaration.type === 'integer' && Number(declaration.maximum ?? Infinity) <= 100,
    });
  }

  private buildFacts(): RulesetVersion['facts'] {
    const place: FactDeclarationT = {
      name: 'jurisdiction',
      type: 'jurisdiction',
      label: { zh: '所属县(市、区)', en: 'Jurisdiction' },
      ...(this.draw.chance(80) ? { required: true } : { default: this.draw.pick(this.codes) }),
    };
    this.used.add('jurisdiction');
    const household: FactDeclarationT[] = [place];
    const member: FactDeclarationT[] = [];
    const types = (min: number, max: number): InputType[] =>
      Array.from({ length: this.draw.int(min, max) }, () => this.draw.pick(FACT_TYPES));
    for (const type of types(1, 5)) household.push(this.fact(type));
    for (const type of types(1, 5)) member.push(this.fact(type));
    household.forEach((f) => this.declare('household', f));
    member.forEach((f) => this.declare('member', f));
    const groups = this.draw.weighted([
      [2, () => 0],
      [3, () => 1],
      [1, () => 2],
    ]);
    for (let i = 0; i < groups; i++) {
      const { name, label } = this.identifier(GROUP_WORDS);
      const properties = types(1, 3).map((t) => this.fact(t));
      household.push({ name, type: 'object', label, properties });
      this.names.addGroup(name);
      properties.forEach((p) => this.declare('household', p, name));
    }
    const minItems = this.draw.weighted([
      [1, () => 0],
      [4, () => 1],
      [1, () => 2],
    ]);
    return {
      household,
      member,
      members: { minItems, maxItems: Math.max(1, minItems + this.draw.int(0, 5)) },
    };
  }

  // Derived facts ------------------------------------------------------------------------------

  private buildDerived(): DerivedFactT[] {
    const derived: DerivedFactT[] = [];
    const count = this.draw.int(2, 8);
    for (let i = 0; i < count; i++) {
      const scope: ScopeT = this.draw.chance(50) ? 'household' : 'member';
      const type = this.draw.pick(['decimal', 'integer', 'boolean', 'date', 'string'] as const);
      const kind: Kind = type === 'integer' ? 'decimal' : type;
      const writer = this.writer(scope);
      const constant = this.draw.chance(15);
      const formula = constant
        ? writer.constantOf(kind, 2)
        : (this.integerish(writer, scope, type) ?? writer.dynamic(kind, 3));
      const { name, label } = this.identifier(DERIVED_WORDS[type]);
      derived.push({
        scope,
        name,
        type,
        formula: formula.text,
        label,
        ...((type === 'decimal' || type === 'integer') && this.draw.chance(30)
          ? { unit: this.draw.pick(['yuan/month', 'persons', 'years'] as const) }
          : {}),
        ...(this.draw.chance(15)
          ? { description: { zh: `${label.zh}的算法`, en: `How ${label.en} is found` } }
          : {}),
      });
      this.names.add(scope, {
        name,
        kind,
        role: 'derived',
        constant: formula.constant,
        nullable: false,
        whole:
          type === 'integer' &&
          formula.constant === false &&
          /^(count|yearsBetween|monthsBetween|daysBetween)\(/.test(formula.text),
      });
    }
    return derived;
  }

  /** The formulas integer derived facts usually have: a count, an age. */
  private integerish(writer: FormulaWriter, scope: ScopeT, type: string): Expr | null {
    if (type !== 'integer' || this.draw.chance(40)) return null;
    const inner = this.writer('member');
    if (scope === 'household' && this.draw.chance(50)) return call('count', [inner.boolean(2)], false);
    return call(this.draw.pick(['yearsBetween', 'monthsBetween', 'daysBetween']), [
      writer.date(1),
      { text: 'asOf', constant: false },
    ]);
  }

  // Outcomes, rules, benefits -----------------------------------------------------------------

  private buildOutcomes(): { declaration: OutcomeT; tier: number }[] {
    const outcomes: { declaration: OutcomeT; tier: number }[] = [];
    for (const scope of ['household', 'member'] as const) {
      const count = scope === 'household' ? this.draw.int(1, 3) : this.draw.int(0, 3);
      for (let tier = 0; tier < count; tier++) {
        const { name, label } = this.identifier(OUTCOME_WORDS);
        const declaration: OutcomeT = {
          name,
          scope,
          label,
          basis: `测政发〔2019〕1号 第${outcomes.length + 10}条`,
        };
        if (this.draw.chance(50)) declaration.report = true;
        else if (this.draw.chance(20)) declaration.report = false;
        outcomes.push({ declaration, tier });
      }
    }
    // Details read every name but the outcomes, which are declared first (as the engine does).
    for (const { declaration, tier } of outcomes)
      this.names.add(declaration.scope, {
        name: declaration.name,
        kind: 'boolean',
        role: 'outcome',
        constant: false,
        nullable: false,
        tier,
      });
    for (const { declaration } of outcomes) {
      if (!this.draw.chance(50)) continue;
      const writer = this.writer(declaration.scope);
      const types = this.draw.some(['money', 'integer', 'decimal', 'boolean', 'string'] as const, 1, 3);
      const detailNames = new Set<string>();
      declaration.details = types.map((type) => {
        const kind: Kind = type === 'boolean' ? 'boolean' : type === 'string' ? 'string' : 'decimal';
        const formula = this.draw.chance(20) ? writer.constantOf(kind, 1) : writer.dynamic(kind, 2);
        let name = this.draw.pick(['amount', 'standard', 'reason', 'level', 'shortfall']);
        while (detailNames.has(name)) name = `${name}X`;
        detailNames.add(name);
        return { name, formula: formula.text, type };
      });
    }
    return outcomes;
  }

  /** A literal a rule may compare a fact of this name with. */
  private ruleLiteral(target: Name): unknown {
    switch (target.kind) {
      case 'decimal': {
        const parameter = this.parameters.find((p) => p.key === target.name.replace(/^household\./, ''));
        const text = this.draw.weighted<string>([
          [parameter && parameter.values.length > 0 ? 3 : 0, () => this.draw.pick(parameter?.values ?? [])],
          [3, () => this.draw.pick(['0', '1', '2', '12', '18', '60', '100', '0.5', '1000', '2400.50'])],
          [1, () => `-${this.draw.int(1, 50)}`],
          [2, () => String(this.draw.int(0, 5000))],
        ]);
        return this.draw.chance(40) ? Number(text) : text;
      }
      case 'boolean':
        return this.draw.chance(70);
      case 'date':
        return this.draw.pick([this.effectiveFrom, ...DATE_LITERALS]);
      default:
        return target.values ? this.draw.pick(target.values) : this.draw.pick(STRING_LITERALS);
    }
  }

  private leaf(readable: readonly Name[]): ConditionT {
    const target = this.draw.pick(readable);
    const same = readable.filter((n) => n.kind === target.kind);
    if (target.kind === 'decimal') {
      const operator = this.draw.pick(DECIMAL_OPERATORS);
      const value = this.draw.chance(35) ? { fact: this.draw.pick(same).name } : this.ruleLiteral(target);
      return { fact: target.name, operator, value };
    }
    const operator = this.draw.pick(PLAIN_OPERATORS);
    if (operator === 'in' || operator === 'notIn')
      return {
        fact: target.name,
        operator,
        value: Array.from({ length: this.draw.int(1, 3) }, () => this.ruleLiteral(target)),
      };
    const value = this.draw.chance(20) ? { fact: this.draw.pick(same).name } : this.ruleLiteral(target);
    return { fact: target.name, operator, value };
  }

  private condition(readable: readonly Name[], depth: number): ConditionT {
    const node: ConditionT =
      depth <= 1 || this.draw.chance(45)
        ? this.leaf(readable)
        : this.draw.weighted<ConditionT>([
            [
              3,
              () => ({
                all: Array.from({ length: this.draw.int(1, 3) }, () => this.condition(readable, depth - 1)),
              }),
            ],
            [
              3,
              () => ({
                any: Array.from({ length: this.draw.int(1, 3) }, () => this.condition(readable, depth - 1)),
              }),
            ],
            [1, () => ({ not: this.condition(readable, depth - 1) })],
          ]);
    if (this.draw.chance(10)) node.name = this.draw.pick(['收入条件', 'income test', '年龄条件']);
    return node;
  }

  private buildRules(scope: ScopeT, outcomes: readonly { declaration: OutcomeT; tier: number }[]): RuleT[] {
    const rules: RuleT[] = [];
    const own = outcomes.filter((o) => o.declaration.scope === scope);
    for (const { declaration, tier } of own) {
      // An outcome of this scope is read only by rules of later outcomes: tiers, never a cycle.
      const readable = this.names
        .of(scope)
        .filter((n) => n.role !== 'outcome' || n.name.startsWith('household.') || (n.tier ?? 0) < tier);
      const count = this.draw.weighted([
        [5, () => 1],
        [2, () => 2],
        [1, () => 3],
      ]);
      for (let k = 0; k < count; k++) {
        let conditions = this.condition(readable, this.draw.int(1, 4));
        if (conditions.fact !== undefined)
          conditions = this.draw.chance(50) ? { all: [conditions] } : { any: [conditions] };
        rules.push({
          name: `规则${rules.length + 1}:${declaration.label.zh} / rule ${rules.length + 1}: ${declaration.name}`,
          ...(this.draw.chance(25) ? { priority: this.draw.int(1, 5) } : {}),
          conditions,
          event: {
            type: declaration.name,
            ...(this.draw.chance(10) ? { params: { note: 'ignored' } } : {}),
          },
        });
      }
    }
    return rules;
  }

  /** An amount formula: sometimes zero, sometimes negative, ties of half a fen, constants. */
  private amount(scope: ScopeT): Expr {
    const writer = this.writer(scope);
    const decimals = this.names.of(scope).filter((n) => n.kind === 'decimal' && !n.nullable);
    const parameters = decimals.filter((n) => n.role === 'parameter');
    const facts = decimals.filter((n) => !n.constant);
    const flags = this.names.of(scope).filter((n) => n.kind === 'boolean' && !n.constant && !n.nullable);
    const both = parameters.length > 0 && facts.length > 0;
    const p = (): string => this.draw.pick(parameters).name;
    const f = (): string => this.draw.pick(facts).name;
    const nonNegative = (e: Expr): Expr => call('max', [e, lit('0')]);
    return this.draw.weighted<Expr>([
      [3, () => writer.constantDecimal(2)],
      [4, () => nonNegative(writer.dynamic('decimal', 2))],
      [1, () => writer.dynamic('decimal', 2)],
      [both ? 1 : 0, () => ({ text: `${p()} - ${f()}`, constant: false })],
      [
        facts.length > 0 ? 1 : 0,
        () => {
          const k = this.draw.pick(['3', '7', '9']);
          return { text: `abs(${f()}) / ${k} * ${k}`, constant: false };
        },
      ],
      [both ? 3 : 0, () => ({ text: `max(${p()} - ${f()}, 0)`, constant: false })],
      [
        both ? 2 : 0,
        () => ({ text: `${p()} * abs(${f()}) / ${this.draw.pick(['12', '3', '7', '8'])}`, constant: false }),
      ],
      [
        parameters.length > 0 && flags.length > 0 ? 2 : 0,
        () => ({ text: `if(${this.draw.pick(flags).name}, ${p()}, 0)`, constant: false }),
      ],
    ]);
  }

  private buildBenefits(outcomes: readonly { declaration: OutcomeT }[]): BenefitT[] {
    const benefits: BenefitT[] = [];
    const count = this.draw.int(1, 5);
    for (let i = 0; i < count; i++) {
      const { declaration: when } = this.draw.pick(outcomes);
      const scope = when.scope;
      const period = this.draw.pick(['month', 'year', 'oneOff'] as const);
      const amount = this.amount(scope);
      const code = `${this.draw.pick(['support', 'allowance', 'relief', 'subsidy'])}_${i + 1}`;
      benefits.push({
        code,
        scope,
        period,
        when: when.name,
        amount: amount.text,
        ...(period === 'month' && this.draw.chance(25) ? { instalmentsPerYear: this.draw.int(1, 12) } : {}),
        ...(this.draw.chance(40) ? { rounding: this.rounding() } : {}),
        label: { zh: `${when.label.zh}金${i + 1}`, en: `${when.label.en} payment ${i + 1}` },
        basis: `测政发〔2019〕1号 第${i + 20}条`,
        ...(this.draw.chance(15) ? { description: { zh: '按月发放', en: 'Paid as stated' } } : {}),
      });
    }
    return benefits;
  }

  private buildConstraints(): RulesetVersion['constraints'] {
    if (!this.draw.chance(30) || this.parameters.length === 0) return [];
    const key = this.draw.pick(this.parameters).key;
    return [
      {
        id: 'not-negative',
        label: { zh: '不为负数', en: 'Not negative' },
        basis: '测政发〔2019〕1号 第1条',
        severity: this.draw.pick(['error', 'warning'] as const),
        ...(this.draw.chance(30) ? { forEachJurisdiction: true } : {}),
        ...(this.draw.chance(20) ? { warningBefore: this.effectiveFrom } : {}),
        assert: this.draw.chance(50) ? `${key} >= 0` : `${key} >= previous(${key})`,
      },
    ];
  }
}

/**
 * Valid random ruleset version documents (format v1), each accepted by `compileVersion` and small
 * enough to compile in a few milliseconds: 1–4 jurisdictions in 0–2 groups, 2–6 parameters (per
 * jurisdiction with group and jurisdiction overrides, or the same everywhere; literals or formulas
 * over earlier parameters), input facts of every type in both scopes (with bounds, defaults,
 * `required`, optional groups in household scope), derived facts of every type in both scopes,
 * outcomes of both scopes (reported or not, with details of every type), rules of both scopes
 * using every operator of `RULE_OPERATORS` in nested `all`/`any`/`not` (literals as strings and
 * JSON numbers, `{"fact": …}` values, names, priorities, several rules per outcome, tiers), and
 * 1–5 benefits of every period with rounding of every mode.
 * @example fc.sample(rulesetVersionArbitrary(), { seed: 1, numRuns: 10 }).map(compileVersion)
 */
export function rulesetVersionArbitrary(): fc.Arbitrary<RulesetVersion> {
  return fc.gen().map((g) => new RulesetBuilder(new Draw(g)).build());
}
