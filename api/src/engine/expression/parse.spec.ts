import { namesIn, type Expression } from './ast';
import { ExpressionSyntaxError, parseCounted, parseExpression } from './parse';

/** The tree without offsets, written as nested arrays: `['+', 1, ['*', 2, 3]]`. */
type Shape = string | boolean | { string: string } | Shape[];

function shape(e: Expression): Shape {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'string':
      return { string: e.value };
    case 'boolean':
      return e.value;
    case 'name':
      return `$${e.name}`;
    case 'unary':
      return [e.operator, shape(e.operand)];
    case 'binary':
      return [e.operator, shape(e.left), shape(e.right)];
    case 'call':
      return [`${e.callee}()`, ...e.args.map(shape)];
  }
}

const parsed = (source: string): Shape => shape(parseExpression(source));

/** The syntax error `source` raises (fails the test when it parses). */
function syntaxError(source: string): ExpressionSyntaxError {
  try {
    parseExpression(source);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(source)}`);
}

describe('parseExpression', () => {
  describe('precedence and associativity', () => {
    it('binds * tighter than +', () => {
      expect(parsed('1 + 2 * 3')).toEqual(['+', '1', ['*', '2', '3']]);
      expect(parsed('1 * 2 + 3')).toEqual(['+', ['*', '1', '2'], '3']);
    });

    it('lets parentheses override precedence', () => {
      expect(parsed('(1 + 2) * 3')).toEqual(['*', ['+', '1', '2'], '3']);
    });

    it('associates - and / to the left', () => {
      expect(parsed('a - b - c')).toEqual(['-', ['-', '$a', '$b'], '$c']);
      expect(parsed('a / b / c')).toEqual(['/', ['/', '$a', '$b'], '$c']);
    });

    it('binds unary minus tighter than *', () => {
      expect(parsed('-a * b')).toEqual(['*', ['-', '$a'], '$b']);
      expect(parsed('2 - -3')).toEqual(['-', '2', ['-', '3']]);
    });

    it('applies not to one comparison, below and', () => {
      expect(parsed('not a and b')).toEqual(['and', ['not', '$a'], '$b']);
      expect(parsed('not a == b')).toEqual(['not', ['==', '$a', '$b']]);
      expect(parsed('not not a')).toEqual(['not', ['not', '$a']]);
    });

    it('binds and tighter than or', () => {
      expect(parsed('a or b and c')).toEqual(['or', '$a', ['and', '$b', '$c']]);
      expect(parsed('a and b or c')).toEqual(['or', ['and', '$a', '$b'], '$c']);
    });

    it('compares sums, below arithmetic and above and', () => {
      expect(parsed('a + 1 < b * 2')).toEqual(['<', ['+', '$a', '1'], ['*', '$b', '2']]);
      expect(parsed('a >= 1 and b != 2')).toEqual(['and', ['>=', '$a', '1'], ['!=', '$b', '2']]);
      for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
        expect(parsed(`x ${op} y`)).toEqual([op, '$x', '$y']);
      }
    });

    it('does not chain comparisons', () => {
      const error = syntaxError('a < b < c');
      expect(error.message).toBe('unexpected text after the end of the expression');
      expect(error.at).toBe(6);
    });
  });

  describe('values', () => {
    it('reads dotted names as one name', () => {
      expect(parsed('dibao.standard.rural * 12')).toEqual(['*', '$dibao.standard.rural', '12']);
      expect(parsed('household.dibaoStandard')).toBe('$household.dibaoStandard');
    });

    it('keeps number text as written (no float conversion)', () => {
      expect(parsed('0.10')).toBe('0.10');
      expect(parsed('100000000000000000.01')).toBe('100000000000000000.01');
    });

    it('reads strings, booleans and names that merely start with a keyword', () => {
      expect(parsed('residence == "rural"')).toEqual(['==', '$residence', { string: 'rural' }]);
      expect(parsed('"a b + c"')).toEqual({ string: 'a b + c' });
      expect(parsed('""')).toEqual({ string: '' });
      expect(parsed('true or false')).toEqual(['or', true, false]);
      expect(parsed('notable and order')).toEqual(['and', '$notable', '$order']);
    });

    it('reads calls with zero, one or several arguments', () => {
      expect(parsed('f()')).toEqual(['f()']);
      expect(parsed('min(a, b + 1, 3)')).toEqual(['min()', '$a', ['+', '$b', '1'], '3']);
      expect(parsed('if(a > 0, x, round(y, 2))')).toEqual([
        'if()',
        ['>', '$a', '0'],
        '$x',
        ['round()', '$y', '2'],
      ]);
    });

    it('records the offset of each node', () => {
      const e = parseExpression('ab + "c"');
      expect(e).toMatchObject({ kind: 'binary', at: 3, left: { at: 0 }, right: { at: 5 } });
    });

    it('ignores whitespace, including newlines', () => {
      expect(parsed(' 1\n+\t2 ')).toEqual(['+', '1', '2']);
    });
  });

  describe('syntax errors, with the offset where they were found', () => {
    it.each([
      ['1 +', 'the expression ends too early', 3],
      ['', 'the expression ends too early', 0],
      ['a = b', "unexpected character '=' (write == to compare)", 2],
      ['a && b', "unexpected character '&' (write and / or)", 2],
      ['a || b', "unexpected character '|' (write and / or)", 2],
      ['x == "abc', 'a string is not closed: add the closing "', 5],
      ['1 2', 'unexpected text after the end of the expression', 2],
      ['f(1) g', 'unexpected text after the end of the expression', 5],
      ['(1 + 2', "expected ')' here", 6],
      ['min(1, 2', "expected ')' here", 8],
      ['* 2', "unexpected '*'", 0],
      ['and', "'and' cannot start a value", 0],
      ['a ! b', "unexpected character '!'", 2],
      ['1.', "unexpected character '.'", 1],
    ])('%j: %s at %i', (source, message, at) => {
      const error = syntaxError(source);
      expect(error.message).toBe(message);
      expect(error.at).toBe(at);
    });
  });
});

describe('parseCounted', () => {
  it.each([
    ['a * (b + 1)', 7],
    ['min(a, b.c, 2.5)', 8],
    ['not x and "y" == z', 6],
    ['1', 1],
  ])('%j has %i tokens, and the tree parseExpression gives', (source, tokens) => {
    expect(parseCounted(source)).toEqual({ expression: parseExpression(source), tokens });
  });
});

describe('namesIn', () => {
  it('lists every name once, in order of first appearance, without function names', () => {
    expect(namesIn(parseExpression('min(b, a) + b * if(c, a, d.e)'))).toEqual(['b', 'a', 'c', 'd.e']);
  });

  it('is empty for literals', () => {
    expect(namesIn(parseExpression('1 + "x" == "y" or true'))).toEqual([]);
  });
});
