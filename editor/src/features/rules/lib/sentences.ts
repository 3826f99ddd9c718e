import Decimal from 'decimal.js';
import { RELATION_WORDS, SINGULAR_WORDS, UNIT_WORDS, WORDS } from '@engine/messages';
import { RULE_OPERATORS } from '@engine/model/operators';
import type { BenefitT, ConditionT, RoundingT, RuleT } from '@engine/schema/ruleset.schema';
import { expressionParts, namePart, type ExpressionContext } from './expression-text';
import { lookupName, type NameEntry } from './glossary';
import { fillTemplate, mergeText, text, type Part, type ValueControl } from './parts';

const NUMBER_TYPES = new Set(['decimal', 'money', 'integer']);

const isFactReference = (value: unknown): value is { fact: string } =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { fact?: unknown }).fact === 'string';

const isOne = (value: string | number): boolean => {
  try {
    return new Decimal(value).eq(1);
  } catch {
    return false;
  }
};

/** How one literal reads next to the fact it is compared with (enum words, 是/否). */
function literalText(value: unknown, entry: NameEntry | undefined, ctx: ExpressionContext): string {
  if (typeof value === 'boolean') return (value ? WORDS.yes : WORDS.no)[ctx.language];
  if (typeof value === 'string') return entry?.valueLabels?.[value]?.[ctx.language] ?? value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The part for a condition's literal value at `pointer`, with the control that may change it. */
function valuePart(
  value: unknown,
  pointer: string,
  fact: string,
  operator: string,
  ctx: ExpressionContext,
): Part {
  const entry = lookupName(ctx.glossary, fact);
  const subject = entry?.label[ctx.language] ?? fact;
  const enumOptions = entry?.values?.map((v) => ({ value: v, label: literalText(v, entry, ctx) }));
  const base = { type: 'value' as const, pointer, value, subject };
  if (typeof value === 'boolean')
    return {
      ...base,
      control: 'boolean',
      text: literalText(value, entry, ctx),
      options: [
        { value: true, label: WORDS.yes[ctx.language] },
        { value: false, label: WORDS.no[ctx.language] },
      ],
    };
  if (Array.isArray(value))
    return {
      ...base,
      control: 'list',
      text: value.map((v) => literalText(v, entry, ctx)).join('、'),
      ...(enumOptions ? { options: enumOptions } : {}),
    };
  const numeric =
    RULE_OPERATORS.get(operator)?.kind === 'decimal' ||
    typeof value === 'number' ||
    (entry?.type !== undefined && NUMBER_TYPES.has(entry.type));
  if (numeric && (typeof value === 'string' || typeof value === 'number')) {
    const one = ctx.language === 'en' && isOne(value);
    const unitWord = entry?.unit
      ? ((one ? SINGULAR_WORDS[entry.unit] : undefined) ?? UNIT_WORDS[entry.unit]?.[ctx.language])
      : undefined;
    return { ...base, control: 'number', text: String(value), ...(unitWord ? { unitWord } : {}) };
  }
  if (typeof value === 'string' && enumOptions)
    return { ...base, control: 'enum', text: literalText(value, entry, ctx), options: enumOptions };
  const control: ValueControl = typeof value === 'string' ? 'text' : 'list';
  return { ...base, control, text: literalText(value, entry, ctx) };
}

/** How an operator reads between a fact and a value: `≥` for numbers, `为` / `属于` otherwise. */
export function operatorText(operator: string, ctx: ExpressionContext): string {
  const known = RULE_OPERATORS.get(operator);
  if (known?.kind === 'decimal') return known.symbol;
  return RELATION_WORDS[operator]?.held[ctx.language] ?? operator;
}

/**
 * A json-rules-engine condition (all / any / not nested, comparisons `{fact, operator, value}`) as
 * a sentence. `pointer` is the condition's JSON pointer in the document: each literal value becomes
 * a `value` part at `<pointer>/value`; a value `{fact: name}` reads as that name's label.
 */
export function conditionParts(
  condition: ConditionT,
  pointer: string,
  ctx: ExpressionContext,
  depth = 0,
): Part[] {
  const group = (list: ConditionT[], kind: 'all' | 'any'): Part[] => {
    if (list.length === 0) return [text(ctx.words(kind === 'all' ? 'condition.always' : 'condition.never'))];
    const joiner = text(ctx.words(kind === 'all' ? 'condition.and' : 'condition.or'));
    const parts = list.flatMap((c, i) => [
      ...(i > 0 ? [joiner] : []),
      ...conditionParts(c, `${pointer}/${kind}/${i}`, ctx, depth + 1),
    ]);
    return depth > 0 && list.length > 1 ? [text('('), ...parts, text(')')] : parts;
  };
  if (Array.isArray(condition.all)) return mergeText(group(condition.all, 'all'));
  if (Array.isArray(condition.any)) return mergeText(group(condition.any, 'any'));
  if (condition.not)
    return fillTemplate(ctx.words, 'condition.not', {
      condition: conditionParts(condition.not, `${pointer}/not`, ctx, depth + 1),
    });
  const fact = condition.fact ?? '';
  const operator = condition.operator ?? '';
  const right = isFactReference(condition.value)
    ? namePart(condition.value.fact, ctx)
    : valuePart(condition.value, `${pointer}/value`, fact, operator, ctx);
  return mergeText([namePart(fact, ctx), text(` ${operatorText(operator, ctx)} `), right]);
}

/** A rule as one sentence: `当 … 且 … 时,认定为 低保` (its conditions at `<pointer>/conditions`). */
export function ruleParts(rule: RuleT, pointer: string, ctx: ExpressionContext): Part[] {
  return fillTemplate(ctx.words, 'rule.sentence', {
    condition: conditionParts(rule.conditions, `${pointer}/conditions`, ctx),
    outcome: [namePart(rule.event?.type ?? '', ctx)],
  });
}

/**
 * A benefit as a sentence: who receives it (the outcome that grants it, household or member), how
 * often, its label and its amount formula in words, e.g.
 * `对符合 最低生活保障 的家庭每月发放 低保金(差额补助):适用低保标准 × 低保保障人数 − 家庭年纯收入 ÷ 12`.
 */
export function benefitParts(benefit: BenefitT, ctx: ExpressionContext): Part[] {
  const sentence = fillTemplate(ctx.words, 'benefit.sentence', {
    outcome: [namePart(benefit.when ?? '', ctx)],
    scope: [text(ctx.words(`benefit.scope.${benefit.scope}`))],
    period: [text(ctx.words(`benefit.period.${benefit.period}`))],
    label: [text(benefit.label?.[ctx.language] ?? benefit.code)],
    amount: expressionParts(String(benefit.amount ?? ''), ctx),
  });
  if (benefit.instalmentsPerYear !== undefined)
    sentence.push(text(ctx.words('benefit.instalments', { count: benefit.instalmentsPerYear })));
  return mergeText(sentence);
}

/** How amounts are rounded, in words: `保留 2 位小数,四舍五入`. */
export function roundingText(rounding: RoundingT | undefined, ctx: ExpressionContext): string {
  if (!rounding) return '';
  return ctx.words('rounding.sentence', {
    places: rounding.places,
    mode: ctx.words(`rounding.mode.${rounding.mode}`),
  });
}
