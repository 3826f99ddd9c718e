import type { BinaryOperator, Expression } from './ast';

/** A syntax error, with the offset where it was found. */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'number'; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'name'; text: string; at: number }
  | { type: 'op'; text: string; at: number }
  | { type: 'end'; at: number };

const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const OPERATORS = ['<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'number', text: m[0], at: start });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'name', text: m[0], at: start });
      i += m[0].length;
      continue;
    }
    if (ch === '"') {
      const end = source.indexOf('"', i + 1);
      if (end < 0) throw new ExpressionSyntaxError('a string is not closed: add the closing "', start);
      tokens.push({ type: 'string', value: source.slice(i + 1, end), at: start });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op === undefined) {
      const hint =
        ch === '=' ? ' (write == to compare)' : ch === '&' || ch === '|' ? ' (write and / or)' : '';
      throw new ExpressionSyntaxError(`unexpected character '${ch}'${hint}`, start);
    }
    tokens.push({ type: 'op', text: op, at: start });
    i += op.length;
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

/**
 * Parses an expression of the ruleset language (never `eval`): decimals, "strings", true/false,
 * dotted names, `+ - * /`, comparisons, `and or not`, and function calls.
 * @example parseExpression('dibaoStandard * unitSize - annualNetIncome / 12')
 */
export function parseExpression(source: string): Expression {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token => tokens[position] as Token;
  const next = (): Token => tokens[position++] as Token;
  const isOp = (text: string): boolean => {
    const t = peek();
    return (
      (t.type === 'op' && t.text === text) || (t.type === 'name' && t.text === text && KEYWORDS.has(text))
    );
  };
  const expect = (text: string): void => {
    if (!isOp(text)) throw new ExpressionSyntaxError(`expected '${text}' here`, peek().at);
    next();
  };

  const binaryLevel =
    (operators: BinaryOperator[], operand: () => Expression, chain = true) =>
    (): Expression => {
      let left = operand();
      while (operators.some(isOp)) {
        const token = next() as Token & { text: BinaryOperator };
        const right = operand();
        left = { kind: 'binary', operator: token.text, left, right, at: token.at };
        if (!chain) break;
      }
      return left;
    };

  const primary = (): Expression => {
    const t = next();
    if (t.type === 'number') return { kind: 'number', text: t.text, at: t.at };
    if (t.type === 'string') return { kind: 'string', value: t.value, at: t.at };
    if (t.type === 'name') {
      if (t.text === 'true' || t.text === 'false')
        return { kind: 'boolean', value: t.text === 'true', at: t.at };
      if (KEYWORDS.has(t.text)) throw new ExpressionSyntaxError(`'${t.text}' cannot start a value`, t.at);
      if (isOp('(')) {
        next();
        const args: Expression[] = [];
        if (!isOp(')')) {
          do args.push(or());
          while (isOp(',') && next());
        }
        expect(')');
        return { kind: 'call', callee: t.text, args, at: t.at };
      }
      return { kind: 'name', name: t.text, at: t.at };
    }
    if (t.type === 'op' && t.text === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (t.type === 'end') throw new ExpressionSyntaxError('the expression ends too early', t.at);
    throw new ExpressionSyntaxError(`unexpected '${t.text}'`, t.at);
  };
  const unary = (): Expression => {
    if (isOp('-')) {
      const t = next();
      return { kind: 'unary', operator: '-', operand: unary(), at: t.at };
    }
    return primary();
  };
  const product = binaryLevel(['*', '/'], unary);
  const sum = binaryLevel(['+', '-'], product);
  const comparison = binaryLevel(['==', '!=', '<', '<=', '>', '>='], sum, false);
  const negation = (): Expression => {
    if (isOp('not')) {
      const t = next();
      return { kind: 'unary', operator: 'not', operand: negation(), at: t.at };
    }
    return comparison();
  };
  const and = binaryLevel(['and'], negation);
  const or = binaryLevel(['or'], and);

  const result = or();
  const rest = peek();
  if (rest.type !== 'end')
    throw new ExpressionSyntaxError('unexpected text after the end of the expression', rest.at);
  return result;
}
