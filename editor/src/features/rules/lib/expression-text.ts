import type { Expression } from '@engine/expression/ast';
import { OPERATOR_PRECEDENCE, PRINTED_OPERATORS } from '@engine/expression/notation';
import { parseExpression } from '@engine/expression/parse';
import { WORDS } from '@engine/messages';
import { lookupName, type Glossary, type Language } from './glossary';
import { fillTemplate, mergeText, text, type Part, type Words } from './parts';

/** Functions read as a sentence of their own (see `expression.fn.*` in the locales). */
const FUNCTION_TEMPLATES = new Set(['if', 'count', 'sum', 'any', 'all', 'present']);

/** What an expression sentence needs: the document's labels, the language and its words. */
export interface ExpressionContext {
  glossary: Glossary;
  language: Language;
  words: Words;
}

/** A name of the document as a part: its label (or the name itself when the document has none). */
export function namePart(name: string, ctx: ExpressionContext): Part {
  const entry = lookupName(ctx.glossary, name);
  return { type: 'name', name, kind: entry?.kind ?? 'unknown', text: entry?.label[ctx.language] ?? name };
}

/** How a literal string reads next to `name`: the enum value's words when the document gives them. */
export function stringValueText(value: string, name: string | null, ctx: ExpressionContext): string {
  const entry = name === null ? undefined : lookupName(ctx.glossary, name);
  const words = entry?.valueLabels?.[value];
  return words ? words[ctx.language] : `“${value}”`;
}

function render(e: Expression, ctx: ExpressionContext, compared: string | null): Part[] {
  switch (e.kind) {
    case 'number':
      return [text(e.text)];
    case 'string':
      return [text(stringValueText(e.value, compared, ctx))];
    case 'boolean':
      return [text((e.value ? WORDS.yes : WORDS.no)[ctx.language])];
    case 'name':
      return [namePart(e.name, ctx)];
    case 'unary':
      return e.operator === 'not'
        ? fillTemplate(ctx.words, 'expression.not', { operand: wrap(e.operand, 3, ctx, null) })
        : [text('−'), ...wrap(e.operand, 6, ctx, null)];
    case 'binary': {
      const p = OPERATOR_PRECEDENCE[e.operator] as number;
      const other = (side: Expression): string | null => (side.kind === 'name' ? side.name : null);
      const symbol =
        e.operator === 'and' || e.operator === 'or'
          ? ctx.words(`expression.${e.operator}`)
          : (PRINTED_OPERATORS[e.operator] ?? e.operator);
      return [
        ...wrap(e.left, p, ctx, other(e.right)),
        text(` ${symbol} `),
        ...wrap(e.right, p + 1, ctx, other(e.left)),
      ];
    }
    case 'call': {
      const args = e.args.map((a) => render(a, ctx, null));
      if (FUNCTION_TEMPLATES.has(e.callee) && (e.callee !== 'if' || args.length === 3)) {
        const [first = [], then = [], otherwise = []] = args;
        return fillTemplate(ctx.words, `expression.fn.${e.callee}`, {
          arg: first,
          condition: first,
          then,
          else: otherwise,
        });
      }
      const word = e.callee === 'min' || e.callee === 'max' ? WORDS[e.callee][ctx.language] : e.callee;
      const separator = ctx.language === 'zh' ? ',' : ', ';
      return [
        text(`${word}(`),
        ...args.flatMap((a, i) => (i === 0 ? a : [text(separator), ...a])),
        text(')'),
      ];
    }
  }
}

function wrap(e: Expression, minimum: number, ctx: ExpressionContext, compared: string | null): Part[] {
  const parts = render(e, ctx, compared);
  const loose =
    (e.kind === 'binary' && (OPERATOR_PRECEDENCE[e.operator] as number) < minimum) ||
    (e.kind === 'call' && e.callee === 'if' && minimum > 0) ||
    (e.kind === 'unary' && e.operator === 'not' && minimum > 3);
  return loose ? [text('('), ...parts, text(')')] : parts;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/g;

/** A formula that does not parse: its names still read as labels, the rest as written. */
function tokenised(source: string, ctx: ExpressionContext): Part[] {
  const out: Part[] = [];
  let last = 0;
  for (const match of source.matchAll(NAME)) {
    out.push(text(source.slice(last, match.index)));
    out.push(lookupName(ctx.glossary, match[0]) ? namePart(match[0], ctx) : text(match[0]));
    last = match.index + match[0].length;
  }
  out.push(text(source.slice(last)));
  return mergeText(out);
}

/**
 * A formula of the expression language as a reader sees it: names by their labels, `×`, `÷`, `−`,
 * `≥`, and/or/not and the functions in words (`dibaoStandard * unitSize` → `适用低保标准 × 低保保障人数`).
 */
export function expressionParts(source: string, ctx: ExpressionContext): Part[] {
  let ast: Expression;
  try {
    ast = parseExpression(source);
  } catch {
    return tokenised(source, ctx);
  }
  return mergeText(render(ast, ctx, null));
}
