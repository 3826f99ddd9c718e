import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_TOKENS } from '../limits';
import type { BinaryOperator, Expression } from './ast';

/** Which size limit an expression broke (see `limits.ts`). */
export type ExpressionLimit = 'length' | 'tokens' | 'depth';

/**
 * A syntax error, with the offset where it was found. `limit` is set when the expression is too
 * long, has too many tokens or is nested too deep, rather than wrongly written.
 */
export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly limit?: ExpressionLimit,
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
// Sticky patterns: each match starts exactly at lastIndex, so tokenizing is linear in the text.
const SPACE = /\s+/y;
const NUMBER = /[0-9]+(\.[0-9]+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*/y;

function match(pattern: RegExp, source: string, at: number): string | null {
  pattern.lastIndex = at;
  const m = pattern.exec(source);
  return m ? m[0] : null;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (token: Token): void => {
    if (tokens.length >= MAX_EXPRESSION_TOKENS)
      throw new ExpressionSyntaxError(
        `the expression has more than ${MAX_EXPRESSION_TOKENS} tokens; split it into derived facts`,
        token.at,
        'tokens',
      );
    tokens.push(token);
  };
  while (i < source.length) {
    const space = match(SPACE, source, i);
    if (space) {
      i += space.length;
      continue;
    }
    const ch = source[i] as string;
    const start = i;
    const number = match(NUMBER, source, i);
    if (number) {
      push({ type: 'number', text: number, at: start });
      i += number.length;
      continue;
    }
    const name = match(NAME, source, i);
    if (name) {
      push({ type: 'name', text: name, at: start });
      i += name.length;
      continue;
    }
    if (ch === '"') {
      const end = source.indexOf('"', i + 1);
      if (end < 0) throw new ExpressionSyntaxError('a string is not closed: add the closing "', start);
      push({ type: 'string', value: source.slice(i + 1, end), at: start });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op === undefined) {
      const hint =
        ch === '=' ? ' (write == to compare)' : ch === '&' || ch === '|' ? ' (write and / or)' : '';
      throw new ExpressionSyntaxError(`unexpected character '${ch}'${hint}`, start);
    }
    push({ type: 'op', text: op, at: start });
    i += op.length;
  }
  tokens.push({ type: 'end', at: source.length });
  return tokens;
}

const tooDeep = (at: number): ExpressionSyntaxError =>
  new ExpressionSyntaxError(
    `the expression is nested more than ${MAX_EXPRESSION_DEPTH} deep (parentheses, operators, function calls); split it into derived facts`,
    at,
    'depth',
  );

/**
 * Parses an expression of the ruleset language (never `eval`): decimals, "strings", true/false,
 * dotted names, `+ - * /`, comparisons, `and or not`, and function calls. A date is written as the
 * call `date("2021-01-01")`, which the checker (`compileExpression`) accepts only for a calendar
 * date written out inside the API's date range. The parser is bounded:
 * at most {@link MAX_EXPRESSION_LENGTH} characters, {@link MAX_EXPRESSION_TOKENS} tokens, and a
 * syntax tree at most {@link MAX_EXPRESSION_DEPTH} deep, checked before any recursion goes deeper,
 * so every walker of the tree it returns recurses at most that deep.
 * @throws ExpressionSyntaxError at the offending offset (with `limit` set for a broken bound).
 * @example parseExpression('dibaoStandard * unitSize - annualNetIncome / 12')
 */
export function parseExpression(source: string): Expression {
  return parseCounted(source).expression;
}

/**
 * {@link parseExpression}, with the number of tokens of the expression (numbers, strings, names,
 * operators, parentheses and commas): the measure of the work evaluating it once takes.
 * @throws ExpressionSyntaxError as parseExpression does.
 * @example parseCounted('a * (b + 1)').tokens // 7
 */
export function parseCounted(source: string): { expression: Expression; tokens: number } {
  if (source.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionSyntaxError(
      `the expression has ${source.length} characters; at most ${MAX_EXPRESSION_LENGTH} are allowed (split it into derived facts)`,
      0,
      'length',
    );
  const tokens = tokenize(source);
  let position = 0;
  // How deep the parser's recursion is (parentheses, unary operators, calls), and how deep each node is.
  let nesting = 0;
  const depthOf = new WeakMap<Expression, number>();
  const node = <E extends Expression>(e: E, ...children: Expression[]): E => {
    let depth = 1;
    for (const child of children) depth = Math.max(depth, (depthOf.get(child) ?? 1) + 1);
    if (depth > MAX_EXPRESSION_DEPTH) throw tooDeep(e.at);
    depthOf.set(e, depth);
    return e;
  };
  const nested = <T>(at: number, parse: () => T): T => {
    if (++nesting > MAX_EXPRESSION_DEPTH) throw tooDeep(at);
    const result = parse();
    nesting--;
    return result;
  };
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
        left = node({ kind: 'binary', operator: token.text, left, right, at: token.at }, left, right);
        if (!chain) break;
      }
      return left;
    };

  const primary = (): Expression => {
    const t = next();
    if (t.type === 'number') return node({ kind: 'number', text: t.text, at: t.at });
    if (t.type === 'string') return node({ kind: 'string', value: t.value, at: t.at });
    if (t.type === 'name') {
      if (t.text === 'true' || t.text === 'false')
        return node({ kind: 'boolean', value: t.text === 'true', at: t.at });
      if (KEYWORDS.has(t.text)) throw new ExpressionSyntaxError(`'${t.text}' cannot start a value`, t.at);
      if (isOp('(')) {
        next();
        const args: Expression[] = [];
        if (!isOp(')')) {
          do args.push(nested(t.at, or));
          while (isOp(',') && next());
        }
        expect(')');
        return node({ kind: 'call', callee: t.text, args, at: t.at }, ...args);
      }
      return node({ kind: 'name', name: t.text, at: t.at });
    }
    if (t.type === 'op' && t.text === '(') {
      const inner = nested(t.at, or);
      expect(')');
      return inner;
    }
    if (t.type === 'end') throw new ExpressionSyntaxError('the expression ends too early', t.at);
    throw new ExpressionSyntaxError(`unexpected '${t.text}'`, t.at);
  };
  const unary = (): Expression => {
    if (isOp('-')) {
      const t = next();
      const operand = nested(t.at, unary);
      return node({ kind: 'unary', operator: '-', operand, at: t.at }, operand);
    }
    return primary();
  };
  const product = binaryLevel(['*', '/'], unary);
  const sum = binaryLevel(['+', '-'], product);
  const comparison = binaryLevel(['==', '!=', '<', '<=', '>', '>='], sum, false);
  const negation = (): Expression => {
    if (isOp('not')) {
      const t = next();
      const operand = nested(t.at, negation);
      return node({ kind: 'unary', operator: 'not', operand, at: t.at }, operand);
    }
    return comparison();
  };
  const and = binaryLevel(['and'], negation);
  const or = binaryLevel(['or'], and);

  const result = or();
  const rest = peek();
  if (rest.type !== 'end')
    throw new ExpressionSyntaxError('unexpected text after the end of the expression', rest.at);
  return { expression: result, tokens: tokens.length - 1 };
}
