/**
 * The full determination of the compiled path, written from a run of the fast core ({@link FastCore}):
 * every sentence of an explanation is compiled once per version into closures that hold the labels,
 * units, places and relation words and only fill in the values, and every trace is built straight
 * from the slots. It writes exactly what `writeDetermination` writes (readable.ts and
 * determination.ts are the reference for every character); a household it cannot answer exactly
 * leaves the fast path (`NOT_FAST`) and the general path answers it.
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
import { compare, moneyText, Ratio, round, SCALE, scaledText, toDecimal, type Scaled } from './scaled';

/** Per language, what a sentence needs besides the values. */
interface Writing {
  language: Language;
  /** The household's jurisdiction, named in this language. */
  place: string;
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
  const words = both((language) => (unit !== undefined ? (UNIT_WORDS[unit]?.[language] ?? '') : ''));
  const singular = unit !== undefined ? SINGULAR_WORDS[unit] : undefined;
  const withWord = (number: string, word: string): string => (word === '' ? number : `${number} ${word}`);
  writer = (value, language) => {
    if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[language];
    if (value === null) return '—';
    if (typeof value === 'number') {
      const number = isMoney
        ? fen(value)
        : value % 100 === 0
          ? scaledText(value)
          : `≈${value < 0 && round(value, 2, 'halfUp') === 0 ? '-0.00' : fen(value)}`;
      const word =
        language === 'en' && value === SCALE && singular !== undefined ? singular : pick(words, language);
      return withWord(number, word);
    }
    if (value instanceof Ratio && isMoney) {
      // Money is written rounded to the fen: the exact value decides (or the household leaves the fast path).
      const rounded = round(value, 2, 'halfUp');
      if (typeof rounded === 'number') return withWord(moneyText(rounded), pick(words, language));
    }
    if (isNumber(value)) return referenceValueText(toDecimal(value), unit, language);
    return String(value);
  };
  writers.set(unit, writer);
  return writer;
}

/** {@link writerOf} for one value. */
const valueText = (value: Slot, unit: string | undefined, language: Language): string =>
  writerOf(unit)(value, language);

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
}

/** A rule compiled for writing. */
interface WrittenRule {
  rule: FastRule;
  label: readonly [string, string];
  condition: WrittenCondition;
  /** Every fact its conditions read, in order, once each (`factsIn`). */
  facts: string[];
  /** Of {@link facts}, in order, the member counts whose left-out members an outcome's reasons name (household rules). */
  counted: CountedFact[];
  /**
   * What one determination has written of it, by key (0 the household, member index + 1), valid
   * when its stamp is the determination's generation.
   */
  memo: { sentencesStamp: number[]; sentences: string[][]; traceStamp: number[]; trace: ConditionTrace[] };
}

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
  private readonly inputs: { names: string[]; reads: Run[] }[];
  private readonly counted = new Map<string, CountedFact | null>();
  /** Counts determinations, so that what one wrote is not taken for another's (see {@link WrittenRule.memo}). */
  private generation = 0;
  private readonly outcomes: {
    name: string;
    member: boolean;
    slot: number;
    details: { name: string; type: string; run: Run }[];
  }[];

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
    this.amountSentences = version.benefits.map((b) =>
      this.render(b.amount.ast, b.declaration.scope === 'member' ? memberScope : householdScope),
    );
    this.inputs = version.benefits.map((b) => {
      const scope = b.declaration.scope === 'member' ? memberScope : householdScope;
      const names = namesIn(b.amount.ast);
      return { names, reads: names.map((n) => reader(core.layout.place(n, scope))) };
    });
    this.outcomes = [...version.outcomes.values()]
      .filter((o) => o.declaration.report === true)
      .map((o) => {
        const member = o.declaration.scope === 'member';
        return {
          name: o.declaration.name,
          member,
          slot: (member ? core.layout.member : core.layout.household).get(o.declaration.name) as number,
          details: member
            ? []
            : o.details.map((d) => ({
                name: d.name,
                type: d.type,
                run: compileFast(d.expression.ast, householdScope, core.layout),
              })),
        };
      });
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
        label: both((language) => ruleLabel(rule.name, language)),
        condition: this.condition(conditions, scope),
        facts: factsIn(conditions),
        counted: [],
        memo: { sentencesStamp: [], sentences: [], traceStamp: [], trace: [] },
      };
      const list = byOutcome.get(rule.outcome) ?? [];
      list.push(written);
      byOutcome.set(rule.outcome, list);
    });
    return byOutcome;
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
        label: both((language) => glossary.label(shownName, language)),
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
      const place = chosen.byJurisdiction ? `${w.place} ` : '';
      return `${place}${pick(chosen.label, w.language)} ${chosen.write(value, w.language)}`;
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
      };
    }
    if (c.not !== undefined) {
      const inner = this.condition(c.not, scope);
      return {
        held,
        sentences: (f, w, _onlyFailed, out) => inner.sentences(f, w, false, out),
        trace: (f) => ({ not: inner.trace(f) }),
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
    const factLabel = both((language) => `${glossary.label(fact, language)}${WORDS.colon[language]}`);
    const booleanForm = (operator === 'equal' || operator === 'notEqual') && typeof value === 'boolean';
    const relation = both((language) => ({
      held: RELATION_WORDS[operator]?.held[language] ?? operator,
      failed: RELATION_WORDS[operator]?.failed[language] ?? operator,
    }));
    const leftUnit = glossary.entry(fact)?.unit;
    const literal = RULE_OPERATORS.get(operator)?.kind === 'decimal' ? (readDecimal(value) ?? value) : value;
    const literalText = both((language) => referenceValueText(literal, leftUnit, language));
    const namedFact = this.named(fact);
    const namedOther = otherName === null ? null : this.named(otherName);
    return {
      held,
      sentences: (f, w, _onlyFailed, out) => {
        const factResult = read(f);
        const language = w.language;
        if (booleanForm && typeof factResult === 'boolean') {
          out.push(`${pick(factLabel, language)}${valueText(factResult, undefined, language)}`);
          return;
        }
        const words = pick(relation, language);
        const relationWord = held(f) ? words.held : words.failed;
        const right =
          other !== null && namedOther !== null ? namedOther(other(f), f, w) : pick(literalText, language);
        out.push(`${namedFact(factResult, f, w)}${WORDS.comma[language]}${relationWord} ${right}`);
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
          const symbol = PRINTED_OPERATORS[x.operator] ?? x.operator;
          return (f, w) => `${left(f, w)} ${symbol} ${right(f, w)}`;
        }
        case 'call': {
          const args = x.args.map(renderNode);
          const plain = (f: Frame, w: Writing) => `${x.callee}(${args.map((a) => a(f, w)).join(', ')})`;
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
            return (f, w) =>
              `${word[w.language]}(${args.map((a) => a(f, w)).join(w.language === 'zh' ? ',' : ', ')})`;
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

  private ruleSentence(r: WrittenRule, held: boolean, key: number, f: Frame, w: Writing): string {
    let out: string[];
    if (held) out = this.heldSentences(r, key, f, w);
    else {
      out = [];
      r.condition.sentences(f, w, true, out);
    }
    const { language } = w;
    const sentences = out.join(WORDS.semicolon[language]);
    const label = pick(r.label, language);
    return held
      ? `${label}${WORDS.colon[language]}${sentences}`
      : `${label}${WORDS.colon[language]}${WORDS.notMet[language]}${WORDS.colon[language]}${sentences}`;
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

  /**
   * The full determination of one household on `asOf`, as the reference writes it.
   * @throws NOT_FAST when the general path must answer.
   */
  determine(input: unknown, asOf: string, language: Language): Determination {
    this.generation++;
    const run: FastRun = this.core.run(input, asOf, true);
    const { f, ids } = run;
    const w: Writing = { language, place: this.glossary.place(run.jurisdiction, language) };
    const benefits: BenefitLine[] = [];
    const totals = forEachLine(this.core, f, (b, { amount, standard }, memberIndex) => {
      const declaration = this.version.benefits[b.index]?.declaration;
      if (!declaration) return notFast();
      const [rules, held] =
        memberIndex === null
          ? [this.householdRules, run.householdHeld]
          : [this.memberRules, run.memberHeld[memberIndex] as boolean[]];
      const holding = this.rulesFor(rules, held, b.when, true);
      const why: string[] = [];
      const key = memberIndex === null ? 0 : memberIndex + 1;
      for (const r of holding) for (const sentence of this.heldSentences(r, key, f, w)) why.push(sentence);
      const substituted = (this.amountSentences[b.index] as (f: Frame, w: Writing) => string)(f, w);
      const result = valueText(standard ?? amount, 'yuan', language);
      const label = declaration.label[language];
      const formulaSum =
        substituted === result ? `${label} = ${result}` : `${label} = ${substituted} = ${result}`;
      const sum =
        standard === null
          ? formulaSum
          : `${formulaSum} ÷ ${b.instalments as number} = ${valueText(amount, 'yuan', language)}`;
      const inputs = this.inputs[b.index] as { names: string[]; reads: Run[] };
      why.push(sum);
      const memberId = memberIndex === null ? null : (ids[memberIndex] as string);
      const explanation = why.join(WORDS.semicolon[language]);
      const trace = {
        rules: this.traceOf(holding, held, key, f),
        formula: this.version.benefits[b.index]?.amount.source ?? '',
        inputs: record(inputs.names, (i) => traceValue((inputs.reads[i] as Run)(f))),
      };
      // Two literals rather than a spread, the keys in the reference's order either way.
      benefits.push(
        standard === null
          ? {
              code: b.code,
              memberId,
              period: b.period,
              amount: moneyText(amount),
              basis: declaration.basis,
              explanation,
              trace,
            }
          : {
              code: b.code,
              memberId,
              period: b.period,
              amount: moneyText(amount),
              yearlyAmount: moneyText(standard),
              basis: declaration.basis,
              explanation,
              trace,
            },
      );
    });

    const eligibility: Record<string, Record<string, unknown>> = {};
    const mode = this.version.document.rounding.mode;
    for (const o of this.outcomes) {
      if (!o.member) {
        const details = o.details.map((d): [string, unknown] => [
          d.name,
          detailValue(d.type, d.run(f), mode),
        ]);
        const rules = this.rulesFor(this.householdRules, run.householdHeld, o.name, false);
        const reasons = rules.map((r) =>
          this.ruleSentence(r, run.householdHeld[r.rule.index] === true, 0, f, w),
        );
        reasons.push(...this.leftOut(rules, f, ids, w));
        const answer: Record<string, unknown> = { eligible: f.h[o.slot] === true };
        for (const [name, value] of details) put(answer, name, value);
        put(answer, 'reasons', reasons);
        put(answer, 'trace', this.traceOf(rules, run.householdHeld, 0, f));
        put(eligibility, o.name, answer);
      } else {
        const memberIds = ids.filter((_, i) => f.ms[i]?.[o.slot] === true);
        const reasons: string[] = [];
        const trace: { memberId: string; rules: RuleTrace[] }[] = [];
        f.ms.forEach((m, i) => {
          f.m = m;
          const held = run.memberHeld[i] as boolean[];
          const rules = this.rulesFor(this.memberRules, held, o.name, false);
          const id = ids[i] as string;
          for (const r of rules)
            reasons.push(
              `${WORDS.member[language]} ${id}${WORDS.colon[language]}${this.ruleSentence(r, held[r.rule.index] === true, i + 1, f, w)}`,
            );
          trace.push({ memberId: id, rules: this.traceOf(rules, held, i + 1, f) });
        });
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

/** An object with `keys` in order, each with its value, as Object.fromEntries would build it. */
function record(keys: readonly string[], value: (index: number) => unknown): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  keys.forEach((key, i) => put(object, key, value(i)));
  return object;
}

/** Every fact a condition reads, in order, once each, as determination.ts's `factsIn` lists them. */
function factsIn(c: ConditionT, into: string[] = []): string[] {
  (c.all ?? c.any ?? []).forEach((x) => factsIn(x, into));
  if (c.not) factsIn(c.not, into);
  if (c.fact !== undefined && !into.includes(c.fact)) into.push(c.fact);
  return into;
}
