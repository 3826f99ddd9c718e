import { render, substituteValues } from '../evaluation/explain';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_EXPRESSION_TOKENS } from '../limits';
import { namesIn, type Expression } from './ast';
import { compileExpression } from './compile';
import { ExpressionSyntaxError, parseExpression } from './parse';
import { scopeOf, type Binding } from './scope';

/** The error parsing `source` throws (fails the test when it parses). */
function syntaxError(source: string): ExpressionSyntaxError {
  try {
    parseExpression(source);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected ${source.slice(0, 40)}… not to parse`);
}

/** How deep a syntax tree is (a leaf is 1). */
function depth(e: Expression): number {
  switch (e.kind) {
    case 'unary':
      return 1 + depth(e.operand);
    case 'binary':
      return 1 + Math.max(depth(e.left), depth(e.right));
    case 'call':
      return 1 + Math.max(0, ...e.args.map(depth));
    default:
      return 1;
  }
}

const x: Binding = { type: 'decimal', kind: 'fact', read: (env) => env.household.get('x') ?? null };
const scope = scopeOf('household', new Map([['x', x]]));

describe('parseExpression limits', () => {
  // Each kind of nesting, and the deepest nesting the limit accepts: parentheses add no level to
  // the tree (64 pairs are accepted), every other kind adds one above the leaf (63 are accepted).
  const nested: [string, (n: number) => string, number][] = [
    ['parentheses', (n) => `${'('.repeat(n)}1${')'.repeat(n)}`, MAX_EXPRESSION_DEPTH],
    ['unary minus', (n) => `${'-'.repeat(n)}1`, MAX_EXPRESSION_DEPTH - 1],
    ['unary minus with spaces', (n) => `${'- '.repeat(n)}1`, MAX_EXPRESSION_DEPTH - 1],
    ['not', (n) => `${'not '.repeat(n)}true`, MAX_EXPRESSION_DEPTH - 1],
    ['abs(', (n) => `${'abs('.repeat(n)}1${')'.repeat(n)}`, MAX_EXPRESSION_DEPTH - 1],
    ['a chain of +', (n) => `1${' + 1'.repeat(n)}`, MAX_EXPRESSION_DEPTH - 1],
  ];

  it.each(nested)(
    'refuses %s nested 1,500 deep with an ExpressionSyntaxError, not a stack overflow',
    (_, make) => {
      const error = syntaxError(make(1500));
      expect(error.limit).toEqual(expect.stringMatching(/^(length|tokens|depth)$/));
      expect(error.message).toMatch(/more than|at most/);
    },
  );

  it.each(nested)(
    'refuses %s nested one level too deep, within the length and token limits',
    (_, make, deepest) => {
      const source = make(deepest + 1);
      expect(source.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
      const error = syntaxError(source);
      expect(error.limit).toBe('depth');
      expect(error.message).toBe(
        `the expression is nested more than ${MAX_EXPRESSION_DEPTH} deep (parentheses, operators, function calls); split it into derived facts`,
      );
    },
  );

  it.each(nested)('accepts %s nested as deep as the limit allows', (_, make, deepest) => {
    const ast = parseExpression(make(deepest));
    expect(depth(ast)).toBe(deepest === MAX_EXPRESSION_DEPTH ? 1 : MAX_EXPRESSION_DEPTH);
  });

  it('refuses 100,000 "+0" terms by their length, before tokenizing', () => {
    const source = `1${'+0'.repeat(100_000)}`;
    const error = syntaxError(source);
    expect(error).toMatchObject({ limit: 'length', at: 0 });
    expect(error.message).toBe(
      `the expression has ${source.length} characters; at most ${MAX_EXPRESSION_LENGTH} are allowed (split it into derived facts)`,
    );
  });

  it('refuses too many tokens', () => {
    const source = Array.from({ length: MAX_EXPRESSION_TOKENS }, () => '(1)').join('');
    expect(source.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    const error = syntaxError(source);
    expect(error).toMatchObject({ limit: 'tokens', at: MAX_EXPRESSION_TOKENS });
    expect(error.message).toBe(
      `the expression has more than ${MAX_EXPRESSION_TOKENS} tokens; split it into derived facts`,
    );
  });

  it('gives ordinary syntax errors no limit', () => {
    expect(syntaxError('1 +').limit).toBeUndefined();
    expect(syntaxError('a = b').limit).toBeUndefined();
  });

  it('reports a broken limit as one expression problem', () => {
    expect(compileExpression(`${'('.repeat(1500)}x${')'.repeat(1500)}`, scope)).toEqual({
      expression: null,
      problems: [{ message: expect.stringContaining(`at most ${MAX_EXPRESSION_LENGTH}`) as unknown, at: 0 }],
    });
    expect(compileExpression(`${'-'.repeat(200)}x`, scope).problems).toEqual([
      { message: expect.stringContaining('more than 64 deep') as unknown, at: MAX_EXPRESSION_DEPTH },
    ]);
  });

  it('gives the walkers only trees they can walk (namesIn, render, substituteValues)', () => {
    const source = `${'-'.repeat(MAX_EXPRESSION_DEPTH - 1)}x`;
    const compiled = compileExpression(source, scope);
    if (!compiled.expression) throw new Error(JSON.stringify(compiled.problems));
    expect(namesIn(compiled.expression.ast)).toEqual(['x']);
    expect(render(compiled.expression.ast, () => null)).toBe(source);
    const env = { asOf: '2019-06-30', parameters: new Map(), household: new Map(), members: [] };
    expect(substituteValues(compiled.expression.ast, scope, env)).toBe(
      `${'-'.repeat(MAX_EXPRESSION_DEPTH - 1)}—`,
    );
  });

  it('parses a wide expression within the limits (240 arguments)', () => {
    const source = `max(${Array.from({ length: 240 }, () => 'x').join(', ')})`;
    const ast = parseExpression(source);
    expect(ast).toMatchObject({ kind: 'call', callee: 'max' });
    expect(depth(ast)).toBe(2);
    expect(namesIn(ast)).toEqual(['x']);
  });
});
