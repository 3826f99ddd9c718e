/**
 * Explanations people read, built from the version's labels and units (never its identifiers),
 * and the same facts structured for machines (`trace`). See {@link Glossary}, {@link conditionSentences},
 * {@link conditionTrace} and {@link amountSentence}.
 */
import { isDecimal, isWritable, toDecimal, type Decimal } from '../decimal';
import { RULE_OPERATORS } from '../model/operators';
import type { Expression } from '../expression/ast';
import type { Environment, Scope, Value } from '../expression/scope';
import {
  MONEY_UNITS,
  RELATION_WORDS,
  SINGULAR_WORDS,
  UNIT_WORDS,
  WORDS,
  type Bilingual,
  type Language,
} from '../messages';
import type { CompiledVersion } from '../model/compile-version';
import type { ConditionResult } from './explain';
import { render } from './explain';

/** What a name of a version means to a reader. */
export interface GlossaryEntry {
  label: Bilingual;
  /** The unit of a number (`yuan/month`, `persons` …), when declared. */
  unit?: string;
  description?: Bilingual;
  kind: 'fact' | 'derived' | 'parameter' | 'outcome';
  /** Parameters: whether the value differs by jurisdiction (then the place is named). */
  byJurisdiction?: boolean;
  /** Derived facts: their formula. */
  formula?: Expression;
}

/** Every name of a version with its labels and unit; built once per compiled version. */
export class Glossary {
  private readonly entries = new Map<string, GlossaryEntry>();

  constructor(readonly version: CompiledVersion) {
    const document = version.document;
    for (const p of document.parameters)
      this.entries.set(p.key, {
        label: p.label,
        unit: p.unit,
        kind: 'parameter',
        byJurisdiction: p.byJurisdiction,
      });
    for (const spec of [...version.householdFacts, ...version.memberFacts]) {
      const d = spec.declaration;
      this.entries.set(spec.name, {
        label: d.label,
        ...(d.unit !== undefined ? { unit: d.unit } : {}),
        ...(d.description !== undefined ? { description: d.description } : {}),
        kind: 'fact',
      });
    }
    for (const derived of version.derived) {
      const d = derived.declaration;
      this.entries.set(d.name, {
        label: d.label,
        ...(d.unit !== undefined ? { unit: d.unit } : {}),
        ...(d.description !== undefined ? { description: d.description } : {}),
        kind: 'derived',
        formula: derived.expression.ast,
      });
    }
    for (const o of version.outcomes.values())
      this.entries.set(o.declaration.name, { label: o.declaration.label, kind: 'outcome' });
  }

  /** The entry of a name as a scope sees it (`household.dibao` in member scope is `dibao`). */
  entry(name: string): GlossaryEntry | undefined {
    return this.entries.get(name) ?? this.entries.get(name.replace(/^household\./, ''));
  }

  /** The label of a name in `language`, or the name itself when it has none. */
  label(name: string, language: Language): string {
    return this.entry(name)?.label[language] ?? name;
  }

  /** The name of a jurisdiction in `language`. */
  place(code: string, language: Language): string {
    return this.version.jurisdictions.get(code)?.name[language] ?? code;
  }
}

const glossaries = new WeakMap<CompiledVersion, Glossary>();

/** The glossary of a compiled version (built on first use, then shared: it never changes). */
export function glossaryOf(version: CompiledVersion): Glossary {
  let glossary = glossaries.get(version);
  if (!glossary) {
    glossary = new Glossary(version);
    glossaries.set(version, glossary);
  }
  return glossary;
}

/** A rule's name written `中文 / English` gives each language its half; otherwise the whole name. */
export function ruleLabel(name: string, language: Language): string {
  const parts = name.split(' / ');
  if (parts.length !== 2) return name;
  return (language === 'zh' ? parts[0] : parts[1]) as string;
}

/**
 * A value for a sentence, with its unit: money with two decimals (`395.00 元`), persons, ages
 * and counts as they are (`1 人`), yes/no for booleans. Never a huge numeral or `NaN`.
 */
export function valueText(value: unknown, unit: string | undefined, language: Language): string {
  if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[language];
  if (value === null || value === undefined) return '—';
  if (isDecimal(value)) {
    const d = value as Decimal;
    if (!isWritable(d)) return '(out of range)';
    const number =
      unit !== undefined && MONEY_UNITS.has(unit)
        ? d.toDecimalPlaces(2).toFixed(2)
        : d.decimalPlaces() <= 2
          ? d.toFixed()
          : `≈${d.toFixed(2)}`;
    const singular = language === 'en' && unit !== undefined && d.eq(1) ? SINGULAR_WORDS[unit] : undefined;
    const word = singular ?? (unit !== undefined ? (UNIT_WORDS[unit]?.[language] ?? '') : '');
    return word === '' ? number : `${number} ${word}`;
  }
  if (Array.isArray(value)) return value.map((v) => valueText(v, unit, language)).join('、');
  return String(value);
}

/** Whether a condition held; json-rules-engine records results on comparisons only. */
export function conditionHeld(c: ConditionResult): boolean | undefined {
  if (c.all)
    return c.all.some((x) => conditionHeld(x) === false)
      ? false
      : c.all.every((x) => conditionHeld(x) === true)
        ? true
        : undefined;
  if (c.any)
    return c.any.some((x) => conditionHeld(x) === true)
      ? true
      : c.any.every((x) => conditionHeld(x) === false)
        ? false
        : undefined;
  if (c.not) {
    const inner = conditionHeld(c.not);
    return inner === undefined ? undefined : !inner;
  }
  return c.result;
}

const comparedFact = (c: ConditionResult): string | null =>
  typeof c.value === 'object' && c.value !== null && 'fact' in c.value
    ? String((c.value as { fact: unknown }).fact)
    : null;

/** Where a value read by a derived fact comes from, when it only picks one of several parameters. */
function pickedParameter(
  glossary: Glossary,
  name: string,
  value: unknown,
  env: Environment | undefined,
): string | null {
  const entry = glossary.entry(name);
  if (entry?.kind !== 'derived' || !entry.formula || !env || !isDecimal(value)) return null;
  const candidates: string[] = [];
  const collect = (e: Expression, depth: number): void => {
    if (depth > 8) return;
    if (e.kind === 'name' && glossary.entry(e.name)?.kind === 'parameter') candidates.push(e.name);
    if (e.kind === 'call' && e.callee === 'if')
      e.args.slice(1).forEach((branch) => collect(branch, depth + 1));
  };
  collect(entry.formula, 0);
  const matching = candidates.filter((p) => {
    const v = env.parameters.get(p);
    return v !== undefined && v.eq(value as Decimal);
  });
  return matching.length === 1 ? (matching[0] as string) : null;
}

/** The context a sentence needs: the version's glossary, the place, and the values being read. */
export interface SentenceContext {
  glossary: Glossary;
  jurisdiction: string;
  language: Language;
  /** The environment the conditions ran in (to name the parameter a derived fact picked). */
  env?: Environment;
}

/** A name and its value as a sentence reads them: `房县 农村低保标准 395.00 元`. */
function namedValue(name: string, value: unknown, ctx: SentenceContext, unitOf?: string): string {
  const { glossary, language } = ctx;
  const parameter = pickedParameter(glossary, name, value, ctx.env) ?? name;
  const entry = glossary.entry(parameter);
  const place = entry?.byJurisdiction ? `${glossary.place(ctx.jurisdiction, language)} ` : '';
  return `${place}${glossary.label(parameter, language)} ${valueText(value, unitOf ?? entry?.unit, language)}`;
}

/** One comparison as a true sentence: `月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元`. */
function comparisonSentence(c: ConditionResult, ctx: SentenceContext): string {
  const { glossary, language } = ctx;
  const fact = c.fact ?? '';
  const held = c.result === true;
  const leftUnit = glossary.entry(fact)?.unit;
  if (
    (c.operator === 'equal' || c.operator === 'notEqual') &&
    typeof c.value === 'boolean' &&
    typeof c.factResult === 'boolean'
  )
    return `${glossary.label(fact, language)}${WORDS.colon[language]}${valueText(c.factResult, undefined, language)}`;
  const relation = RELATION_WORDS[c.operator ?? '']?.[held ? 'held' : 'failed'][language] ?? c.operator;
  const other = comparedFact(c);
  // A literal of a decimal comparison is a number in the unit of the fact it is compared with.
  const literal =
    RULE_OPERATORS.get(c.operator ?? '')?.kind === 'decimal' ? (toDecimal(c.value) ?? c.value) : c.value;
  const right =
    other !== null ? namedValue(other, c.valueResult, ctx) : valueText(literal, leftUnit, language);
  return `${namedValue(fact, c.factResult, ctx)}${WORDS.comma[language]}${relation} ${right}`;
}

/**
 * The sentences that say why a rule's conditions held, or (`onlyFailed`) why they did not: each
 * comparison as a true statement, in the order of the rule; of an `any` that held, only the parts
 * that held.
 */
export function conditionSentences(
  condition: ConditionResult,
  ctx: SentenceContext,
  onlyFailed = false,
): string[] {
  const evaluated = (list: ConditionResult[]) => list.filter((c) => conditionHeld(c) !== undefined);
  if (condition.all) {
    const parts = evaluated(condition.all).filter((c) => !onlyFailed || conditionHeld(c) === false);
    return parts.flatMap((c) => conditionSentences(c, ctx, onlyFailed));
  }
  if (condition.any) {
    const parts = evaluated(condition.any);
    const held = parts.filter((c) => conditionHeld(c) === true);
    return (held.length > 0 && !onlyFailed ? held : parts).flatMap((c) => conditionSentences(c, ctx, false));
  }
  if (condition.not) return conditionSentences(condition.not, ctx, false);
  return [comparisonSentence(condition, ctx)];
}

/** A rule's reason in one line: `低保:家庭月人均收入低于低保标准:…`, or `…:不符合:…` when it did not hold. */
export function ruleSentence(
  name: string,
  condition: ConditionResult,
  held: boolean,
  ctx: SentenceContext,
): string {
  const { language } = ctx;
  const sentences = conditionSentences(condition, ctx, !held).join(WORDS.semicolon[language]);
  const label = ruleLabel(name, language);
  return held
    ? `${label}${WORDS.colon[language]}${sentences}`
    : `${label}${WORDS.colon[language]}${WORDS.notMet[language]}${WORDS.colon[language]}${sentences}`;
}

/** A value for machines: decimals as exact decimal strings, everything else as it is. */
function traceValue(value: unknown): unknown {
  if (isDecimal(value)) return isWritable(value as Decimal) ? (value as Decimal).toFixed() : null;
  if (Array.isArray(value)) return value.map(traceValue);
  if (value === undefined) return null;
  return value;
}

/** A condition tree for machines: each comparison's fact key, value, operator, compared value and result. */
export type ConditionTrace =
  | { all: ConditionTrace[] }
  | { any: ConditionTrace[] }
  | { not: ConditionTrace }
  | {
      fact: string;
      value: unknown;
      operator: string;
      compared: { fact: string; value: unknown } | { value: unknown };
      result: boolean | null;
    };

/** The structured form of a condition as json-rules-engine reported it. */
export function conditionTrace(c: ConditionResult): ConditionTrace {
  if (c.all) return { all: c.all.map(conditionTrace) };
  if (c.any) return { any: c.any.map(conditionTrace) };
  if (c.not) return { not: conditionTrace(c.not) };
  const other = comparedFact(c);
  return {
    fact: c.fact ?? '',
    value: traceValue(c.factResult),
    operator: c.operator ?? '',
    compared:
      other !== null ? { fact: other, value: traceValue(c.valueResult) } : { value: traceValue(c.value) },
    result: typeof c.result === 'boolean' ? c.result : null,
  };
}

/** One rule of a trace: its name, whether it held, and its conditions. */
export interface RuleTrace {
  rule: string;
  held: boolean;
  conditions: ConditionTrace;
}

const FUNCTION_WORDS: Record<string, keyof typeof WORDS> = { min: 'min', max: 'max' };

/**
 * A benefit's sum with every name replaced by its value and unit, as a reader can redo it:
 * `395.00 元 × 1 人 − 2400.00 元 ÷ 12`. Of an `if` whose condition is a name, only the branch taken.
 */
export function amountSentence(
  ast: Expression,
  scope: Scope,
  env: Environment,
  ctx: SentenceContext,
): string {
  const { glossary, language } = ctx;
  const read = (name: string): Value => scope.lookup(name)?.read(env) ?? null;
  /** The value of a simple condition (a name, `not name`, `name == "text"`), or null. */
  const decided = (e: Expression): boolean | null => {
    if (e.kind === 'name') {
      const value = read(e.name);
      return typeof value === 'boolean' ? value : null;
    }
    if (e.kind === 'unary' && e.operator === 'not') {
      const inner = decided(e.operand);
      return inner === null ? null : !inner;
    }
    if (
      e.kind === 'binary' &&
      (e.operator === '==' || e.operator === '!=') &&
      e.left.kind === 'name' &&
      e.right.kind === 'string'
    ) {
      const value = read(e.left.name);
      if (typeof value !== 'string') return null;
      return (value === e.right.value) === (e.operator === '==');
    }
    return null;
  };
  const leaf = (e: Expression): string | null => {
    if (e.kind === 'name') return valueText(read(e.name), glossary.entry(e.name)?.unit, language);
    if (e.kind === 'call' && e.callee === 'if' && e.args[0] !== undefined) {
      const condition = decided(e.args[0]);
      if (condition !== null) return render((condition ? e.args[1] : e.args[2]) as Expression, leaf, true);
    }
    if (e.kind === 'call' && FUNCTION_WORDS[e.callee] !== undefined) {
      const word = WORDS[FUNCTION_WORDS[e.callee] as keyof typeof WORDS][language];
      return `${word}(${e.args.map((a) => render(a, leaf, true)).join(language === 'zh' ? ',' : ', ')})`;
    }
    return null;
  };
  return render(ast, leaf, true);
}

/** The names a formula reads, in order, once each. */
export function namesIn(ast: Expression): string[] {
  const names: string[] = [];
  const visit = (e: Expression): void => {
    if (e.kind === 'name' && !names.includes(e.name)) names.push(e.name);
    else if (e.kind === 'unary') visit(e.operand);
    else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'call') e.args.forEach(visit);
  };
  visit(ast);
  return names;
}

/** The values a formula read, for machines: name → exact value. */
export function formulaInputs(ast: Expression, scope: Scope, env: Environment): Record<string, unknown> {
  return Object.fromEntries(
    namesIn(ast).map((name) => [name, traceValue(scope.lookup(name)?.read(env) ?? null)]),
  );
}
