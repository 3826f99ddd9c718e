/**
 * The full determination of the compiled path, written from a run of the fast core ({@link FastCore}):
 * every sentence of an explanation is compiled once per version into closures that hold the labels,
 * units, places and relation words and only fill in the values, and every trace is built straight
 * from the slots. It writes exactly what `writeDetermination` writes (readable.ts and
 * determination.ts are the reference for every character), either as the answer's objects
 * ({@link FastFull.determine}) or straight as the answer's JSON in UTF-8 ({@link FastFull.write}: the
 * bytes `JSON.stringify` and encoding would give, for the service, which sends bytes); a household
 * it cannot answer exactly leaves the fast path (`NOT_FAST`) and the general path answers it.
 */
import { formatAtLeastTwoPlaces, formatMoney, isWritable, toDecimal as readDecimal } from '../decimal';
import type { Expression } from '../expression/ast';
import { OPERATOR_PRECEDENCE, PRINTED_OPERATORS } from '../expression/notation';
import type { Scope } from '../expression/scope';
import type { CompiledVersion } from '../model/compile-version';
import { RULE_OPERATORS } from '../model/operators';
import { versionReference } from '../model/parameter-report';
import { MONEY_UNITS, RELATION_WORDS, SINGULAR_WORDS, UNIT_WORDS, WORDS, type Language } from '../messages';
import type { ConditionT } from '../schema/ruleset.schema';
import type { BenefitLine, Determination } from './determination';
import {
  compileCondition,
  compileFast,
  FastCore,
  forEachLine,
  isNumber,
  notFast,
  reader,
  type FastBenefit,
  type FastLineAmount,
  type FastRule,
  type FastRun,
  type Frame,
  type Run,
  type Slot,
} from './fast-core';
import {
  glossaryOf,
  namesIn,
  ruleLabel,
  valueText as referenceValueText,
  type ConditionTrace,
  type Glossary,
  type RuleTrace,
} from './readable';
import { jsonFragment, type JsonWriter } from './json-writer';
import { compare, moneyText, Ratio, round, SCALE, scaledText, toDecimal, type Scaled } from './scaled';

/** Per language, what a sentence needs besides the values. */
interface Writing {
  language: Language;
  /** The household's jurisdiction, named in this language, and a space (what a sentence puts before a parameter of it). */
  placeSpace: string;
}

const LANGUAGE_INDEX = { zh: 0, en: 1 } as const;
const both = <T>(make: (language: Language) => T): readonly [T, T] => [make('zh'), make('en')];
const pick = <T>(pair: readonly [T, T], language: Language): T => pair[LANGUAGE_INDEX[language]];

/** Money to two decimals, half up, as decimal.js's `toDecimalPlaces(2).toFixed(2)` writes it. */
const fen = (x: number): string => moneyText(round(x, 2, 'halfUp') as number);

/** Writes a value of one unit for a sentence, in a language. */
type ValueWriter = (value: Slot, language: Language) => string;

const writers = new Map<string | undefined, ValueWriter>();

/**
 * The writer of values of `unit`, exactly as readable.ts's `valueText` writes them: money with two
 * decimals, other numbers as they are (≈ when rounded), yes/no for booleans, `—` for nothing. The
 * unit's words are looked up once, here.
 */
function writerOf(unit: string | undefined): ValueWriter {
  let writer = writers.get(unit);
  if (writer) return writer;
  const isMoney = unit !== undefined && MONEY_UNITS.has(unit);
  // Each word with the space before it (none when there is no word), so that a value is one concatenation.
  const spaced = (word: string): string => (word === '' ? '' : ` ${word}`);
  const words = both((language) => spaced(unit !== undefined ? (UNIT_WORDS[unit]?.[language] ?? '') : ''));
  const singularWord = unit !== undefined ? SINGULAR_WORDS[unit] : undefined;
  const singular = singularWord === undefined ? undefined : spaced(singularWord);
  writer = (value, language) => {
    if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[language];
    if (value === null) return '—';
    if (typeof value === 'number') {
      const number = isMoney
        ? fen(value)
        : value % 100 === 0
          ? scaledText(value)
          : `≈${value < 0 && round(value, 2, 'halfUp') === 0 ? '-0.00' : fen(value)}`;
      return (
        number +
        (language === 'en' && value === SCALE && singular !== undefined ? singular : pick(words, language))
      );
    }
    if (value instanceof Ratio && isMoney) {
      // Money is written rounded to the fen: the exact value decides (or the household leaves the fast path).
      const rounded = round(value, 2, 'halfUp');
      if (typeof rounded === 'number') return moneyText(rounded) + pick(words, language);
    }
    if (isNumber(value)) return referenceValueText(toDecimal(value), unit, language);
    return String(value);
  };
  writers.set(unit, writer);
  return writer;
}

/**
 * `strings.join(separator)` as concatenations: the result then refers to its parts (which are used
 * elsewhere in the answer too) rather than copying every character of them.
 */
function concatenated(strings: readonly string[], separator: string): string {
  if (strings.length === 0) return '';
  let text = strings[0] as string;
  for (let i = 1; i < strings.length; i++) text = text + separator + (strings[i] as string);
  return text;
}

/** A sentence's part, written for a household. */
type Part = (f: Frame, w: Writing) => string;

/** Each of `parts` written for `f`, joined by `separator` (as {@link concatenated}). */
function joined(parts: readonly Part[], f: Frame, w: Writing, separator: string): string {
  let text = parts.length === 0 ? '' : (parts[0] as Part)(f, w);
  for (let i = 1; i < parts.length; i++) text = text + separator + (parts[i] as Part)(f, w);
  return text;
}

/** {@link writerOf} for one value. */
const valueText = (value: Slot, unit: string | undefined, language: Language): string =>
  writerOf(unit)(value, language);

/** Writes yuan for a sentence, as {@link valueText} with the unit `yuan`. */
const writeYuan = writerOf('yuan');

/** A slot value for machines: decimals as exact decimal strings, as readable.ts's `traceValue` writes them. */
function traceValue(value: Slot): unknown {
  if (typeof value === 'number') return scaledText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (isNumber(value)) {
    const d = toDecimal(value);
    return isWritable(d) ? d.toFixed() : null;
  }
  return value;
}

/** A literal of a rule for machines, as readable.ts's `traceValue` writes it (JSON numbers stay numbers). */
function literalTrace(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(literalTrace);
  return value === undefined ? null : value;
}

/** Fixed parts of the JSON a determination is written as. */
const COMMA = 0x2c;
const QUOTE = 0x22;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const OPEN_ARRAY = 0x5b;
const VALUE_KEY = jsonFragment(',"value":');
const VALUE_KEY_QUOTE = jsonFragment(',"value":"');
const RESULT_TRUE = jsonFragment(',"result":true}');
const RESULT_FALSE = jsonFragment(',"result":false}');
const ALL_OPEN = jsonFragment('{"all":[');
const ANY_OPEN = jsonFragment('{"any":[');
const NOT_OPEN = jsonFragment('{"not":');
const CLOSE_ARRAY_OBJECT = jsonFragment(']}');
const TRUE = jsonFragment('true');
const FALSE = jsonFragment('false');
const NULL = jsonFragment('null');

/** Writes a trace value of a slot as `traceValue` gives it; false where `JSON.stringify` writes nothing. */
function writeTraceValue(out: JsonWriter, value: Slot): boolean {
  if (typeof value !== 'number') return out.value(traceValue(value));
  // A scaled integer's text is digits, a point and a sign: nothing to escape.
  out.byte(QUOTE);
  out.ascii(scaledText(value));
  out.byte(QUOTE);
  return true;
}

/** Writes `,"value":` and a slot's trace value, or nothing where `JSON.stringify` leaves the key out. */
function writeValueField(out: JsonWriter, value: Slot): void {
  if (typeof value === 'number') {
    out.bytes(VALUE_KEY_QUOTE);
    out.ascii(scaledText(value));
    out.byte(QUOTE);
    return;
  }
  const start = out.length;
  out.bytes(VALUE_KEY);
  if (!out.value(traceValue(value))) out.truncate(start);
}

/** A key as JSON writes it (`"name":`) and the index of the value it holds. */
interface KeyPlace {
  key: Uint8Array;
  index: number;
}

/**
 * Where each key of `keys`, {@link put} in turn, lands when `JSON.stringify` writes the object:
 * integer keys first, a repeated key in its first place with its last value.
 */
function keyOrder(keys: readonly string[]): KeyPlace[] {
  const object: Record<string, unknown> = {};
  keys.forEach((key, i) => put(object, key, i));
  return Object.keys(object).map((key) => ({
    key: jsonFragment(`${JSON.stringify(key)}:`),
    index: object[key] as number,
  }));
}

/**
 * Writes an object's members (without the braces) in the order of `order`: `member(index)` writes
 * the value of the key placed at `index` and returns false where it wrote nothing, the key then
 * being left out, as `JSON.stringify` leaves out a key whose value is undefined.
 */
function writeMembers(out: JsonWriter, order: readonly KeyPlace[], member: (index: number) => boolean): void {
  let first = true;
  for (const { key, index } of order) {
    const start = out.length;
    if (!first) out.byte(COMMA);
    out.bytes(key);
    if (member(index)) first = false;
    else out.truncate(start);
  }
}

/** Writes an array of strings as `JSON.stringify` writes it. */
function writeStrings(out: JsonWriter, strings: readonly string[]): void {
  out.byte(OPEN_ARRAY);
  for (let i = 0; i < strings.length; i++) {
    if (i > 0) out.byte(COMMA);
    out.string(strings[i] as string);
  }
  out.byte(CLOSE_ARRAY);
}

/** Yuan with two decimals of a rounded amount. */
const money = (x: Scaled): string => (typeof x === 'number' ? moneyText(x) : formatMoney(toDecimal(x)));

/** An outcome detail as `formatDetail` writes it. */
function detailValue(type: string, value: Slot, mode: Parameters<typeof round>[2]): unknown {
  if (!isNumber(value)) return value;
  if (type === 'money') return money(round(value, 2, mode));
  if (typeof value !== 'number') {
    const d = toDecimal(value);
    return type === 'integer' ? d.toNumber() : formatAtLeastTwoPlaces(d);
  }
  if (type === 'integer') return value / SCALE;
  return value % 100 === 0 ? moneyText(value) : scaledText(value);
}

/** A name and its value as a sentence reads them: `房县 农村低保标准 395.00 元`. */
type Named = (value: Slot, f: Frame, w: Writing) => string;

/** A condition compiled for writing: whether it held, its sentences and its trace. */
interface WrittenCondition {
  held(f: Frame): boolean;
  sentences(f: Frame, w: Writing, onlyFailed: boolean, out: string[]): void;
  trace(f: Frame): ConditionTrace;
  /** Writes {@link trace} as JSON, as `JSON.stringify` writes it. */
  writeTrace(f: Frame, out: JsonWriter): void;
}

/** A rule compiled for writing. */
interface WrittenRule {
  rule: FastRule;
  /** Its label and a colon, by language: what its sentence starts with when it held. */
  label: readonly [string, string];
  /** Its label, a colon, "not met" and a colon: what its sentence starts with when it did not hold. */
  labelNotMet: readonly [string, string];
  /** The start of its trace in JSON, by whether it held (0 no, 1 yes): `{"rule":…,"held":…,"conditions":`. */
  traceHead: readonly [Uint8Array, Uint8Array];
  condition: WrittenCondition;
  /** Every fact its conditions read, in order, once each (`factsIn`). */
  facts: string[];
  /** Of {@link facts}, in order, the member counts whose left-out members an outcome's reasons name (household rules). */
  counted: CountedFact[];
  /**
   * What one determination has written of it, by key (0 the household, member index + 1), valid
   * when its stamp is the determination's generation.
   */
  memo: {
    sentencesStamp: number[];
    sentences: string[][];
    traceStamp: number[];
    trace: ConditionTrace[];
    /** Where its condition trace was written in this determination's JSON: start and end. */
    writtenStamp: number[];
    writtenStart: number[];
    writtenEnd: number[];
  };
}

/** A reported outcome of the version, as the answer's `eligibility` shows it. */
interface ReportedOutcome {
  name: string;
  member: boolean;
  slot: number;
  /** A household outcome's details (none for a member outcome). */
  details: { name: string; type: string; run: Run }[];
  /** Where `eligible`, each detail, `reasons` and `trace` land in a household outcome's JSON. */
  keys: KeyPlace[];
}

/** What a benefit line's trace shows of its formula's inputs. */
interface BenefitInputs {
  /** The names its formula reads, in order, once each. */
  names: string[];
  reads: Run[];
  /** Where each name lands in `inputs`, written as JSON. */
  order: KeyPlace[];
}

/** The fixed parts of a benefit's lines in JSON, around the member, the amounts, the explanation and the trace. */
interface LineFragments {
  /** `{"code":…,"memberId":` */
  start: Uint8Array;
  /** `,"period":…,"amount":"` */
  amount: Uint8Array;
  /** `","basis":…,"explanation":` */
  explanation: Uint8Array;
  /** `,"formula":…,"inputs":{` */
  formula: Uint8Array;
}

/** What a benefit line says besides its amounts (see `FastFull.lineParts`). */
interface LineParts {
  basis: string;
  /** The rules that made the line due, and whether each rule of the scope held. */
  holding: WrittenRule[];
  held: readonly boolean[];
  /** 0 for a household line, member index + 1 for a member's. */
  key: number;
  memberId: string | null;
  explanation: string;
}

/** Fixed parts of an answer's JSON (see `FastFull.write`). */
const HOUSEHOLD_ID_KEY = jsonFragment('"householdId":');
const JURISDICTION_KEY = jsonFragment(',"jurisdiction":');
const ELIGIBILITY_KEY = jsonFragment(',"eligibility":{');
const BENEFITS_KEY = jsonFragment('},"benefits":[');
const YEARLY_AMOUNT = jsonFragment('","yearlyAmount":"');
const TRACE_RULES_KEY = jsonFragment(',"trace":{"rules":');
const LINE_END = jsonFragment('}}}');
const TOTALS_MONTHLY = jsonFragment('],"totals":{"monthly":"');
const TOTALS_ANNUAL = jsonFragment('","annual":"');
const TOTALS_ONE_OFF = jsonFragment('","oneOff":"');
const ANSWER_END = jsonFragment('"}}');
const ELIGIBLE_TRUE = jsonFragment('{"eligible":true,"memberIds":');
const ELIGIBLE_FALSE = jsonFragment('{"eligible":false,"memberIds":');
const REASONS_KEY = jsonFragment(',"reasons":');
const TRACE_KEY = jsonFragment(',"trace":[');
const MEMBER_ID_KEY = jsonFragment('{"memberId":');
const RULES_KEY = jsonFragment(',"rules":');

/** Why members are left out of a count a rule reads: one entry per household fact defined as `count(x)`. */
interface CountedFact {
  fact: string;
  /** The member slot of the counted value; null when it is not a member value (never left out). */
  slot: number | null;
  label: readonly [string, string];
  countedLabel: readonly [string, string];
  because: { label: readonly [string, string]; unit: string | undefined; read: Run }[];
  description: readonly [string, string];
}

/**
 * A version's writer of full determinations over the fast core. {@link FastFull.determine} answers a
 * household or throws `NOT_FAST` when the general path must answer it.
 */
export class FastFull {
  private readonly glossary: Glossary;
  private readonly householdRules: Map<string, WrittenRule[]>;
  private readonly memberRules: Map<string, WrittenRule[]>;
  private readonly amountSentences: ((f: Frame, w: Writing) => string)[];
  /** Each benefit's label and ` = ` by language: what its sum in an explanation starts with. */
  private readonly sumLabels: (readonly [string, string])[];
  private readonly inputs: BenefitInputs[];
  private readonly counted = new Map<string, CountedFact | null>();
  /** Counts determinations, so that what one wrote is not taken for another's (see {@link WrittenRule.memo}). */
  private generation = 0;
  private readonly outcomes: ReportedOutcome[];
  /** Where each reported outcome lands in `eligibility`, written as JSON. */
  private readonly eligibilityKeys: KeyPlace[];
  /** `"ruleset":…,"asOf":` in JSON. */
  private readonly rulesetStart: Uint8Array;
  /** Each benefit's {@link LineFragments}, by index, once written. */
  private readonly fragments: (LineFragments | undefined)[] = [];

  constructor(
    private readonly version: CompiledVersion,
    private readonly core: FastCore,
  ) {
    this.glossary = glossaryOf(version);
    const { household: householdScope, member: memberScope } = version.scopes;
    this.householdRules = this.writtenRules(
      core.householdRules.flat(),
      version.householdRules,
      householdScope,
    );
    this.memberRules = this.writtenRules(core.memberRules.flat(), version.memberRules, memberScope);
    this.sumLabels = version.benefits.map((b) => both((language) => `${b.declaration.label[language]} = `));
    this.amountSentences = version.benefits.map((b) =>
      this.render(b.amount.ast, b.declaration.scope === 'member' ? memberScope : householdScope),
    );
    this.inputs = version.benefits.map((b) => {
      const scope = b.declaration.scope === 'member' ? memberScope : householdScope;
      const names = namesIn(b.amount.ast);
      return {
        names,
        reads: names.map((n) => reader(core.layout.place(n, scope))),
        order: keyOrder(names),
      };
    });
    this.outcomes = [...version.outcomes.values()]
      .filter((o) => o.declaration.report === true)
      .map((o) => {
        const member = o.declaration.scope === 'member';
        const details = member
          ? []
          : o.details.map((d) => ({
              name: d.name,
              type: d.type,
              run: compileFast(d.expression.ast, householdScope, core.layout),
            }));
        return {
          name: o.declaration.name,
          member,
          slot: (member ? core.layout.member : core.layout.household).get(o.declaration.name) as number,
          details,
          keys: keyOrder(['eligible', ...details.map((d) => d.name), 'reasons', 'trace']),
        };
      });
    this.eligibilityKeys = keyOrder(this.outcomes.map((o) => o.name));
    this.rulesetStart = jsonFragment(`"ruleset":${JSON.stringify(versionReference(version))},"asOf":`);
    for (const rules of this.householdRules.values())
      for (const r of rules)
        for (const fact of r.facts) {
          const counted = this.countedFact(fact);
          if (counted !== null && counted.slot !== null) r.counted.push(counted);
        }
  }

  private writtenRules(
    rules: readonly FastRule[],
    tiers: CompiledVersion['householdRules'],
    scope: Scope,
  ): Map<string, WrittenRule[]> {
    const definitions = tiers.tiers.flatMap((t) => t.definitions);
    const byOutcome = new Map<string, WrittenRule[]>();
    rules.forEach((rule, i) => {
      const conditions = (definitions[i] as { conditions: ConditionT }).conditions;
      const written: WrittenRule = {
        rule,
        label: both((language) => `${ruleLabel(rule.name, language)}${WORDS.colon[language]}`),
        labelNotMet: both(
          (language) =>
            `${ruleLabel(rule.name, language)}${WORDS.colon[language]}${WORDS.notMet[language]}${WORDS.colon[language]}`,
        ),
        traceHead: [false, true].map((held) =>
          jsonFragment(`{"rule":${JSON.stringify(rule.name)},"held":${held},"conditions":`),
        ) as [Uint8Array, Uint8Array],
        condition: this.condition(conditions, scope),
        facts: factsIn(conditions),
        counted: [],
        memo: {
          sentencesStamp: [],
          sentences: [],
          traceStamp: [],
          trace: [],
          writtenStamp: [],
          writtenStart: [],
          writtenEnd: [],
        },
      };
      const list = byOutcome.get(rule.outcome) ?? [];
      list.push(written);
      byOutcome.set(rule.outcome, list);
    });
    return byOutcome;
  }

  /** What the sentences of a run need besides its values, in `language`. */
  private writing(run: FastRun, language: Language): Writing {
    return { language, placeSpace: `${this.glossary.place(run.jurisdiction, language)} ` };
  }

  /** A name and its value in a sentence, naming the parameter a derived fact picked when it picked one. */
  private named(name: string): Named {
    const glossary = this.glossary;
    const entry = glossary.entry(name);
    const candidates: string[] = [];
    if (entry?.kind === 'derived' && entry.formula) {
      const collect = (e: Expression, depth: number): void => {
        if (depth > 8) return;
        if (e.kind === 'name' && glossary.entry(e.name)?.kind === 'parameter') candidates.push(e.name);
        if (e.kind === 'call' && e.callee === 'if')
          e.args.slice(1).forEach((branch) => collect(branch, depth + 1));
      };
      collect(entry.formula, 0);
    }
    const shown = (shownName: string) => {
      const e = glossary.entry(shownName);
      return {
        byJurisdiction: e?.byJurisdiction === true,
        /** The label and the space before the value. */
        label: both((language) => `${glossary.label(shownName, language)} `),
        write: writerOf(e?.unit),
      };
    };
    const own = shown(name);
    const indexes = candidates.map((c) => this.core.layout.parameters.get(c));
    const picked = candidates.map(shown);
    return (value, f, w) => {
      let chosen = own;
      if (candidates.length > 0 && isNumber(value)) {
        let match = -1;
        let count = 0;
        for (let i = 0; i < indexes.length; i++) {
          const index = indexes[i];
          const v = index === undefined ? undefined : f.p[index];
          if (v !== undefined && compare(v, value) === 0) {
            match = i;
            count++;
          }
        }
        if (count === 1) chosen = picked[match] as typeof own;
      }
      const text = pick(chosen.label, w.language) + chosen.write(value, w.language);
      return chosen.byJurisdiction ? w.placeSpace + text : text;
    };
  }

  /** Compiles a rule condition for writing (the sentences and trace of readable.ts). */
  private condition(c: ConditionT, scope: Scope): WrittenCondition {
    const layout = this.core.layout;
    const held = compileCondition(c, scope, layout);
    const list = c.all ?? c.any;
    if (list !== undefined) {
      const parts = list.map((x) => this.condition(x, scope));
      const kind = c.all !== undefined ? 'all' : 'any';
      return {
        held,
        sentences:
          kind === 'all'
            ? (f, w, onlyFailed, out) => {
                for (const p of parts) if (!onlyFailed || !p.held(f)) p.sentences(f, w, onlyFailed, out);
              }
            : (f, w, onlyFailed, out) => {
                const holding = onlyFailed ? [] : parts.filter((p) => p.held(f));
                for (const p of holding.length > 0 ? holding : parts) p.sentences(f, w, false, out);
              },
        trace: (f) =>
          (kind === 'all'
            ? { all: parts.map((p) => p.trace(f)) }
            : { any: parts.map((p) => p.trace(f)) }) as ConditionTrace,
        writeTrace: (f, out) => {
          out.bytes(kind === 'all' ? ALL_OPEN : ANY_OPEN);
          for (let i = 0; i < parts.length; i++) {
            if (i > 0) out.byte(COMMA);
            (parts[i] as WrittenCondition).writeTrace(f, out);
          }
          out.bytes(CLOSE_ARRAY_OBJECT);
        },
      };
    }
    if (c.not !== undefined) {
      const inner = this.condition(c.not, scope);
      return {
        held,
        sentences: (f, w, _onlyFailed, out) => inner.sentences(f, w, false, out),
        trace: (f) => ({ not: inner.trace(f) }),
        writeTrace: (f, out) => {
          out.bytes(NOT_OPEN);
          inner.writeTrace(f, out);
          out.byte(CLOSE_OBJECT);
        },
      };
    }
    const fact = c.fact as string;
    const operator = c.operator as string;
    const value = c.value;
    const read = reader(layout.place(fact, scope));
    const otherName =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as { fact: string }).fact
        : null;
    const other = otherName === null ? null : reader(layout.place(otherName, scope));
    const glossary = this.glossary;
    const booleanForm = (operator === 'equal' || operator === 'notEqual') && typeof value === 'boolean';
    // What follows the fact and its value, by language: the comma and the relation's word (held or
    // failed) and a space, then, for a literal, the literal: the fixed text is joined once, here.
    const leftUnit = glossary.entry(fact)?.unit;
    const literal = RULE_OPERATORS.get(operator)?.kind === 'decimal' ? (readDecimal(value) ?? value) : value;
    const relation = both((language) => {
      const tail = (word: string) =>
        `${WORDS.comma[language]}${word} ${otherName === null ? referenceValueText(literal, leftUnit, language) : ''}`;
      return {
        held: tail(RELATION_WORDS[operator]?.held[language] ?? operator),
        failed: tail(RELATION_WORDS[operator]?.failed[language] ?? operator),
      };
    });
    // A boolean fact's sentence, by language, then value (0 no, 1 yes).
    const booleanSentence = both((language) =>
      [false, true].map(
        (v) =>
          `${glossary.label(fact, language)}${WORDS.colon[language]}${valueText(v, undefined, language)}`,
      ),
    );
    const namedFact = this.named(fact);
    const namedOther = otherName === null ? null : this.named(otherName);
    // The trace's fixed parts as JSON, encoded once.
    const factStart = jsonFragment(`{"fact":${JSON.stringify(fact)}`);
    const operatorPart = jsonFragment(`,"operator":${JSON.stringify(operator)},"compared":{`);
    const comparedPart = jsonFragment(
      otherName === null
        ? `"value":${JSON.stringify(literalTrace(value))}}`
        : `"fact":${JSON.stringify(otherName)}`,
    );
    return {
      held,
      sentences: (f, w, _onlyFailed, out) => {
        const factResult = read(f);
        const language = w.language;
        if (booleanForm && typeof factResult === 'boolean') {
          out.push(pick(booleanSentence, language)[factResult ? 1 : 0] as string);
          return;
        }
        const words = pick(relation, language);
        const sentence = namedFact(factResult, f, w) + (held(f) ? words.held : words.failed);
        out.push(other !== null && namedOther !== null ? sentence + namedOther(other(f), f, w) : sentence);
      },
      trace: (f) => ({
        fact,
        value: traceValue(read(f)),
        operator,
        compared:
          other !== null
            ? { fact: otherName as string, value: traceValue(other(f)) }
            : { value: literalTrace(value) },
        result: held(f),
      }),
      writeTrace: (f, out) => {
        out.bytes(factStart);
        writeValueField(out, read(f));
        out.bytes(operatorPart);
        out.bytes(comparedPart);
        if (other !== null) {
          writeValueField(out, other(f));
          out.byte(CLOSE_OBJECT);
        }
        out.bytes(held(f) ? RESULT_TRUE : RESULT_FALSE);
      },
    };
  }

  /**
   * A benefit's sum with every name replaced by its value and unit, as readable.ts's
   * `amountSentence` writes it.
   */
  private render(e: Expression, scope: Scope): (f: Frame, w: Writing) => string {
    const layout = this.core.layout;
    const glossary = this.glossary;
    const renderNode = (x: Expression): ((f: Frame, w: Writing) => string) => {
      switch (x.kind) {
        case 'name': {
          const read = reader(layout.place(x.name, scope));
          const write = writerOf(glossary.entry(x.name)?.unit);
          return (f, w) => write(read(f), w.language);
        }
        case 'number': {
          const text = x.text;
          return () => text;
        }
        case 'string': {
          const text = JSON.stringify(x.value);
          return () => text;
        }
        case 'boolean': {
          const text = String(x.value);
          return () => text;
        }
        case 'unary': {
          const operand = wrap(x.operand, x.operator === 'not' ? 3 : 6);
          return x.operator === 'not' ? (f, w) => `not ${operand(f, w)}` : (f, w) => `-${operand(f, w)}`;
        }
        case 'binary': {
          const p = OPERATOR_PRECEDENCE[x.operator] as number;
          const left = wrap(x.left, p);
          const right = wrap(x.right, p + 1);
          const symbol = ` ${PRINTED_OPERATORS[x.operator] ?? x.operator} `;
          return (f, w) => left(f, w) + symbol + right(f, w);
        }
        case 'call': {
          const args = x.args.map(renderNode);
          const open = `${x.callee}(`;
          const plain = (f: Frame, w: Writing) => `${open + joined(args, f, w, ', ')})`;
          if (x.callee === 'if' && x.args[0] !== undefined) {
            const decided = this.decided(x.args[0], scope);
            const [then, otherwise] = [args[1], args[2]] as [typeof plain, typeof plain];
            return (f, w) => {
              const condition = decided(f);
              return condition === null ? plain(f, w) : (condition ? then : otherwise)(f, w);
            };
          }
          if (x.callee === 'min' || x.callee === 'max') {
            const word = WORDS[x.callee];
            const open = both((language) => `${word[language]}(`);
            return (f, w) =>
              `${pick(open, w.language) + joined(args, f, w, w.language === 'zh' ? ',' : ', ')})`;
          }
          return plain;
        }
      }
    };
    const wrap = (x: Expression, minimum: number): ((f: Frame, w: Writing) => string) => {
      const inner = renderNode(x);
      if (x.kind === 'binary' && (OPERATOR_PRECEDENCE[x.operator] as number) < minimum)
        return (f, w) => `(${inner(f, w)})`;
      return inner;
    };
    return renderNode(e);
  }

  /** The value of a simple condition of `if` (a name, `not name`, `name == "text"`), or null. */
  private decided(e: Expression, scope: Scope): (f: Frame) => boolean | null {
    const layout = this.core.layout;
    if (e.kind === 'name') {
      const read = reader(layout.place(e.name, scope));
      return (f) => {
        const v = read(f);
        return typeof v === 'boolean' ? v : null;
      };
    }
    if (e.kind === 'unary' && e.operator === 'not') {
      const inner = this.decided(e.operand, scope);
      return (f) => {
        const v = inner(f);
        return v === null ? null : !v;
      };
    }
    if (
      e.kind === 'binary' &&
      (e.operator === '==' || e.operator === '!=') &&
      e.left.kind === 'name' &&
      e.right.kind === 'string'
    ) {
      const read = reader(layout.place(e.left.name, scope));
      const text = e.right.value;
      const equal = e.operator === '==';
      return (f) => {
        const v = read(f);
        return typeof v === 'string' ? (v === text) === equal : null;
      };
    }
    return () => null;
  }

  /** What `leftOutReasons` needs of a household fact read by a rule (null when it is not a count). */
  private countedFact(fact: string): CountedFact | null {
    if (this.counted.has(fact)) return this.counted.get(fact) as CountedFact | null;
    const glossary = this.glossary;
    const formula = glossary.entry(fact)?.formula;
    let result: CountedFact | null = null;
    if (formula?.kind === 'call' && formula.callee === 'count' && formula.args[0]?.kind === 'name') {
      const counted = formula.args[0].name;
      const entry = glossary.entry(counted);
      const memberScope = this.version.scopes.member;
      result = {
        fact,
        slot: this.core.layout.member.get(counted) ?? null,
        label: both((language) => glossary.label(fact, language)),
        countedLabel: both((language) => glossary.label(counted, language)),
        because: entry?.formula
          ? namesIn(entry.formula)
              .filter((name) => glossary.entry(name)?.kind === 'fact')
              .map((name) => ({
                label: both((language) => glossary.label(name, language)),
                unit: glossary.entry(name)?.unit,
                read: memberScope.lookup(name)
                  ? reader(this.core.layout.place(name, memberScope))
                  : () => null,
              }))
          : [],
        description: both((language) => entry?.description?.[language] ?? ''),
      };
    }
    this.counted.set(fact, result);
    return result;
  }

  /** The rules deciding `outcome` in a scope: those that held, then (unless `onlyHeld`) the others. */
  private rulesFor(
    rules: Map<string, WrittenRule[]>,
    held: readonly boolean[],
    outcome: string,
    onlyHeld: boolean,
  ) {
    const all = rules.get(outcome);
    const chosen: WrittenRule[] = [];
    if (all === undefined) return chosen;
    for (const r of all) if (held[r.rule.index] === true) chosen.push(r);
    if (!onlyHeld) for (const r of all) if (held[r.rule.index] !== true) chosen.push(r);
    return chosen;
  }

  /**
   * The sentences of a rule that held (key 0 for the household, member index + 1 for a member),
   * written once per determination: an outcome's reasons and its benefit line's explanation both
   * use them.
   */
  private heldSentences(r: WrittenRule, key: number, f: Frame, w: Writing): string[] {
    const memo = r.memo;
    if (memo.sentencesStamp[key] === this.generation) return memo.sentences[key] as string[];
    const out: string[] = [];
    r.condition.sentences(f, w, false, out);
    memo.sentencesStamp[key] = this.generation;
    memo.sentences[key] = out;
    return out;
  }

  /** A rule's condition trace (key as for {@link heldSentences}), built once per determination. */
  private conditionTrace(r: WrittenRule, key: number, f: Frame): ConditionTrace {
    const memo = r.memo;
    if (memo.traceStamp[key] === this.generation) return memo.trace[key] as ConditionTrace;
    const trace = r.condition.trace(f);
    memo.traceStamp[key] = this.generation;
    memo.trace[key] = trace;
    return trace;
  }

  /**
   * Writes a rule's condition trace (key as for {@link heldSentences}); written again, within one
   * determination, it is copied from where it was first written.
   */
  private writeCondition(r: WrittenRule, key: number, f: Frame, out: JsonWriter): void {
    const memo = r.memo;
    if (memo.writtenStamp[key] === this.generation) {
      out.repeat(memo.writtenStart[key] as number, memo.writtenEnd[key] as number);
      return;
    }
    const start = out.length;
    r.condition.writeTrace(f, out);
    memo.writtenStamp[key] = this.generation;
    memo.writtenStart[key] = start;
    memo.writtenEnd[key] = out.length;
  }

  private ruleSentence(r: WrittenRule, held: boolean, key: number, f: Frame, w: Writing): string {
    let out: string[];
    if (held) out = this.heldSentences(r, key, f, w);
    else {
      out = [];
      r.condition.sentences(f, w, true, out);
    }
    const { language } = w;
    return pick(held ? r.label : r.labelNotMet, language) + concatenated(out, WORDS.semicolon[language]);
  }

  private traceOf(
    rules: readonly WrittenRule[],
    held: readonly boolean[],
    key: number,
    f: Frame,
  ): RuleTrace[] {
    return rules.map((r) => ({
      rule: r.rule.name,
      held: held[r.rule.index] === true,
      conditions: this.conditionTrace(r, key, f),
    }));
  }

  /** Writes {@link traceOf} as JSON. */
  private writeRules(
    out: JsonWriter,
    rules: readonly WrittenRule[],
    held: readonly boolean[],
    key: number,
    f: Frame,
  ): void {
    out.byte(OPEN_ARRAY);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as WrittenRule;
      if (i > 0) out.byte(COMMA);
      out.bytes(r.traceHead[held[r.rule.index] === true ? 1 : 0]);
      this.writeCondition(r, key, f, out);
      out.byte(CLOSE_OBJECT);
    }
    out.byte(CLOSE_ARRAY);
  }

  /**
   * What a benefit line says besides its amounts: the rules that made it due, its explanation (their
   * sentences and the sum) and its member.
   */
  private lineParts(
    run: FastRun,
    b: FastBenefit,
    { amount, standard }: FastLineAmount,
    memberIndex: number | null,
    w: Writing,
  ): LineParts {
    const declaration = this.version.benefits[b.index]?.declaration;
    if (!declaration) return notFast();
    const { f, ids } = run;
    const { language } = w;
    const [rules, held] =
      memberIndex === null
        ? [this.householdRules, run.householdHeld]
        : [this.memberRules, run.memberHeld[memberIndex] as boolean[]];
    const holding = this.rulesFor(rules, held, b.when, true);
    const why: string[] = [];
    const key = memberIndex === null ? 0 : memberIndex + 1;
    for (const r of holding) for (const sentence of this.heldSentences(r, key, f, w)) why.push(sentence);
    const substituted = (this.amountSentences[b.index] as (f: Frame, w: Writing) => string)(f, w);
    const result = writeYuan(standard ?? amount, language);
    const label = pick(this.sumLabels[b.index] as readonly [string, string], language);
    const formulaSum = substituted === result ? label + result : `${label + substituted} = ${result}`;
    const sum =
      standard === null
        ? formulaSum
        : `${formulaSum} ÷ ${b.instalments as number} = ${writeYuan(amount, language)}`;
    why.push(sum);
    return {
      basis: declaration.basis,
      holding,
      held,
      key,
      memberId: memberIndex === null ? null : (ids[memberIndex] as string),
      explanation: concatenated(why, WORDS.semicolon[language]),
    };
  }

  /** A household outcome's details, the rules deciding it and their reasons. */
  private householdOutcome(o: ReportedOutcome, run: FastRun, w: Writing) {
    const { f, ids } = run;
    const mode = this.version.document.rounding.mode;
    const details = o.details.map((d) => detailValue(d.type, d.run(f), mode));
    const rules = this.rulesFor(this.householdRules, run.householdHeld, o.name, false);
    const reasons = rules.map((r) => this.ruleSentence(r, run.householdHeld[r.rule.index] === true, 0, f, w));
    reasons.push(...this.leftOut(rules, f, ids, w));
    return { details, rules, reasons };
  }

  /** A member outcome: the members it holds for, and each member's reasons and trace (written by `traceOf`). */
  private memberOutcome<T>(
    o: ReportedOutcome,
    run: FastRun,
    w: Writing,
    traceOf: (rules: readonly WrittenRule[], held: readonly boolean[], key: number, f: Frame) => T,
  ): { memberIds: string[]; reasons: string[]; trace: { memberId: string; rules: T }[] } {
    const { f, ids } = run;
    const { language } = w;
    const memberIds = ids.filter((_, i) => f.ms[i]?.[o.slot] === true);
    const reasons: string[] = [];
    const trace: { memberId: string; rules: T }[] = [];
    f.ms.forEach((m, i) => {
      f.m = m;
      const held = run.memberHeld[i] as boolean[];
      const rules = this.rulesFor(this.memberRules, held, o.name, false);
      const id = ids[i] as string;
      for (const r of rules)
        reasons.push(
          `${WORDS.member[language]} ${id}${WORDS.colon[language]}${this.ruleSentence(r, held[r.rule.index] === true, i + 1, f, w)}`,
        );
      trace.push({ memberId: id, rules: traceOf.call(this, rules, held, i + 1, f) });
    });
    return { memberIds, reasons, trace };
  }

  /**
   * The full determination of one household on `asOf`, as the reference writes it.
   * @throws NOT_FAST when the general path must answer.
   */
  determine(input: unknown, asOf: string, language: Language): Determination {
    this.generation++;
    const run: FastRun = this.core.run(input, asOf, true);
    const { f } = run;
    const w = this.writing(run, language);
    const benefits: BenefitLine[] = [];
    const totals = forEachLine(this.core, f, (b, line, memberIndex) => {
      const { basis, holding, held, key, memberId, explanation } = this.lineParts(
        run,
        b,
        line,
        memberIndex,
        w,
      );
      const inputs = this.inputs[b.index] as BenefitInputs;
      const trace = {
        rules: this.traceOf(holding, held, key, f),
        formula: this.version.benefits[b.index]?.amount.source ?? '',
        inputs: inputsOf(inputs, f),
      };
      const { amount, standard } = line;
      // Two literals rather than a spread, the keys in the reference's order either way.
      benefits.push(
        standard === null
          ? { code: b.code, memberId, period: b.period, amount: moneyText(amount), basis, explanation, trace }
          : {
              code: b.code,
              memberId,
              period: b.period,
              amount: moneyText(amount),
              yearlyAmount: moneyText(standard),
              basis,
              explanation,
              trace,
            },
      );
    });

    const eligibility: Record<string, Record<string, unknown>> = {};
    for (const o of this.outcomes) {
      if (!o.member) {
        const { details, rules, reasons } = this.householdOutcome(o, run, w);
        const answer: Record<string, unknown> = { eligible: f.h[o.slot] === true };
        o.details.forEach((d, i) => put(answer, d.name, details[i]));
        put(answer, 'reasons', reasons);
        put(answer, 'trace', this.traceOf(rules, run.householdHeld, 0, f));
        put(eligibility, o.name, answer);
      } else {
        const { memberIds, reasons, trace } = this.memberOutcome(o, run, w, this.traceOf);
        put(eligibility, o.name, { eligible: memberIds.length > 0, memberIds, reasons, trace });
      }
    }

    const ruleset = versionReference(this.version);
    const { jurisdiction } = run;
    // Two literals rather than a spread: the keys in the reference's order either way.
    return run.id === undefined
      ? { ruleset, asOf, jurisdiction, eligibility, benefits, totals }
      : { householdId: run.id, ruleset, asOf, jurisdiction, eligibility, benefits, totals };
  }

  /**
   * Writes {@link determine}'s answer as JSON (exactly what `JSON.stringify` writes of it, as UTF-8)
   * straight from the run, without building the answer's objects: the fixed parts of every trace
   * are encoded once per version, and a trace shown twice is copied.
   * @throws NOT_FAST when the general path must answer, having written part of the answer.
   */
  write(out: JsonWriter, input: unknown, asOf: string, language: Language): void {
    this.generation++;
    const run: FastRun = this.core.run(input, asOf, true);
    const { f } = run;
    const w = this.writing(run, language);
    out.byte(0x7b);
    if (run.id !== undefined) {
      out.bytes(HOUSEHOLD_ID_KEY);
      out.string(run.id);
      out.byte(COMMA);
    }
    out.bytes(this.rulesetStart);
    out.string(asOf);
    out.bytes(JURISDICTION_KEY);
    out.string(run.jurisdiction);
    out.bytes(ELIGIBILITY_KEY);
    // The answer's order: eligibility, then the lines (the object path forms them the other way round;
    // neither depends on the other).
    writeMembers(out, this.eligibilityKeys, (index) => {
      const o = this.outcomes[index] as ReportedOutcome;
      if (!o.member) this.writeHouseholdOutcome(out, o, run, w);
      else this.writeMemberOutcome(out, o, run, w);
      return true;
    });
    out.bytes(BENEFITS_KEY);
    let lines = 0;
    const totals = forEachLine(this.core, f, (b, line, memberIndex) => {
      const { basis, holding, held, key, memberId, explanation } = this.lineParts(
        run,
        b,
        line,
        memberIndex,
        w,
      );
      if (lines++ > 0) out.byte(COMMA);
      const parts = this.lineFragments(b, basis);
      out.bytes(parts.start);
      if (memberId === null) out.bytes(NULL);
      else out.string(memberId);
      out.bytes(parts.amount);
      out.ascii(moneyText(line.amount));
      if (line.standard !== null) {
        out.bytes(YEARLY_AMOUNT);
        out.ascii(moneyText(line.standard));
      }
      out.bytes(parts.explanation);
      out.string(explanation);
      out.bytes(TRACE_RULES_KEY);
      this.writeRules(out, holding, held, key, f);
      out.bytes(parts.formula);
      const inputs = this.inputs[b.index] as BenefitInputs;
      writeMembers(out, inputs.order, (i) => writeTraceValue(out, (inputs.reads[i] as Run)(f)));
      out.bytes(LINE_END);
    });
    out.bytes(TOTALS_MONTHLY);
    out.ascii(totals.monthly);
    out.bytes(TOTALS_ANNUAL);
    out.ascii(totals.annual);
    out.bytes(TOTALS_ONE_OFF);
    out.ascii(totals.oneOff);
    out.bytes(ANSWER_END);
  }

  /** The fixed parts of a benefit's lines in JSON (see {@link write}), encoded on first use. */
  private lineFragments(b: FastBenefit, basis: string): LineFragments {
    let parts = this.fragments[b.index];
    if (parts) return parts;
    const member = (key: string, value: unknown): string => {
      const text = JSON.stringify(value) as string | undefined;
      return text === undefined ? '' : `"${key}":${text},`;
    };
    const basisText = JSON.stringify(basis) as string | undefined;
    parts = {
      start: jsonFragment(`{${member('code', b.code)}"memberId":`),
      amount: jsonFragment(
        `${JSON.stringify(b.period) === undefined ? '' : `,"period":${JSON.stringify(b.period)}`},"amount":"`,
      ),
      explanation: jsonFragment(`"${basisText === undefined ? '' : `,"basis":${basisText}`},"explanation":`),
      formula: jsonFragment(
        `,"formula":${JSON.stringify(this.version.benefits[b.index]?.amount.source ?? '')},"inputs":{`,
      ),
    };
    this.fragments[b.index] = parts;
    return parts;
  }

  /** Writes a household outcome of `eligibility`: `{eligible, …details, reasons, trace}`. */
  private writeHouseholdOutcome(out: JsonWriter, o: ReportedOutcome, run: FastRun, w: Writing): void {
    const { details, rules, reasons } = this.householdOutcome(o, run, w);
    const last = details.length + 1;
    out.byte(0x7b);
    writeMembers(out, o.keys, (index) => {
      if (index === 0) out.bytes(run.f.h[o.slot] === true ? TRUE : FALSE);
      else if (index <= details.length) return out.value(details[index - 1]);
      else if (index === last) writeStrings(out, reasons);
      else this.writeRules(out, rules, run.householdHeld, 0, run.f);
      return true;
    });
    out.byte(CLOSE_OBJECT);
  }

  /** Writes a member outcome of `eligibility`: `{eligible, memberIds, reasons, trace}`. */
  private writeMemberOutcome(out: JsonWriter, o: ReportedOutcome, run: FastRun, w: Writing): void {
    const { memberIds, reasons, trace } = this.memberOutcome(o, run, w, (rules, held, key) => ({
      rules,
      held,
      key,
    }));
    out.bytes(memberIds.length > 0 ? ELIGIBLE_TRUE : ELIGIBLE_FALSE);
    writeStrings(out, memberIds);
    out.bytes(REASONS_KEY);
    writeStrings(out, reasons);
    out.bytes(TRACE_KEY);
    const { f } = run;
    trace.forEach((t, i) => {
      if (i > 0) out.byte(COMMA);
      out.bytes(MEMBER_ID_KEY);
      out.string(t.memberId);
      out.bytes(RULES_KEY);
      // A member's conditions read that member.
      f.m = f.ms[i] as Slot[];
      this.writeRules(out, t.rules.rules, t.rules.held, t.rules.key, f);
      out.byte(CLOSE_OBJECT);
    });
    out.bytes(CLOSE_ARRAY_OBJECT);
  }

  /** `leftOutReasons` of determination.ts: members left out of a count the rules read. */
  private leftOut(rules: readonly WrittenRule[], f: Frame, ids: readonly string[], w: Writing): string[] {
    const { language } = w;
    const reasons: string[] = [];
    const ms = f.ms;
    for (const r of rules)
      for (const counted of r.counted) {
        const slot = counted.slot as number;
        for (let i = 0; i < ms.length; i++) {
          const member = ms[i] as Slot[];
          if (member[slot] !== false) continue;
          f.m = member;
          let because = '';
          for (const b of counted.because) {
            if (because !== '') because += WORDS.comma[language];
            because += `${pick(b.label, language)} ${valueText(b.read(f), b.unit, language)}`;
          }
          const description = pick(counted.description, language);
          const detail =
            because === ''
              ? description
              : description === ''
                ? because
                : `${because}${WORDS.semicolon[language]}${description}`;
          reasons.push(
            `${WORDS.member[language]} ${ids[i] as string} ${WORDS.notCountedIn[language]} ${pick(counted.label, language)}${WORDS.colon[language]}${pick(counted.countedLabel, language)}${WORDS.colon[language]}${valueText(false, undefined, language)}${detail ? (language === 'zh' ? `(${detail})` : ` (${detail})`) : ''}`,
          );
        }
      }
    return reasons;
  }
}

/**
 * Sets `key` of `object` as its own property, as Object.fromEntries would (a later value of the
 * same key replaces the earlier one in its place; `__proto__` is a property like any other).
 */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

/** A benefit line's `inputs` in its trace: each name its formula reads and the name's value for machines. */
function inputsOf(inputs: BenefitInputs, f: Frame): Record<string, unknown> {
  const { names, reads } = inputs;
  const object: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) put(object, names[i] as string, traceValue((reads[i] as Run)(f)));
  return object;
}

/** Every fact a condition reads, in order, once each, as determination.ts's `factsIn` lists them. */
function factsIn(c: ConditionT, into: string[] = []): string[] {
  (c.all ?? c.any ?? []).forEach((x) => factsIn(x, into));
  if (c.not) factsIn(c.not, into);
  if (c.fact !== undefined && !into.includes(c.fact)) into.push(c.fact);
  return into;
}
