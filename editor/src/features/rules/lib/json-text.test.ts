import { describe, expect, it } from 'vitest';
import {
  documentText,
  offsetAt,
  parseJsonText,
  pointerToRange,
  pointerTokens,
  positionAt,
} from './json-text';

const text = documentText({
  metadata: { key: 'k', 'a/b': 1 },
  rules: { household: [{ name: 'r', conditions: { all: [{ fact: 'x', operator: 'equal', value: true }] } }] },
});
const lines = text.split('\n');
const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

describe('pointerToRange', () => {
  it('finds a literal value exactly', () => {
    const range = pointerToRange(text, '/rules/household/0/conditions/all/0/value');
    const line = lineOf('"value": true');
    expect(range).toEqual({
      startLineNumber: line,
      startColumn: (lines[line - 1] as string).indexOf('true') + 1,
      endLineNumber: line,
      endColumn: (lines[line - 1] as string).indexOf('true') + 5,
      exact: true,
    });
  });

  it('marks an object by its property name and unescapes ~1', () => {
    expect(pointerToRange(text, '/rules/household/0/conditions')).toMatchObject({
      startLineNumber: lineOf('"conditions"'),
      exact: true,
    });
    expect(pointerToRange(text, '/metadata/a~1b')).toMatchObject({
      startLineNumber: lineOf('"a/b"'),
      exact: true,
    });
  });

  it('falls back to the nearest part that exists for a missing property', () => {
    expect(pointerToRange(text, '/rules/household/0/event/type')).toMatchObject({
      startLineNumber: lineOf('"household"') + 1,
      exact: false,
    });
    expect(pointerToRange(text, '')).toMatchObject({ startLineNumber: 1, exact: true });
  });

  it('still maps paths in text that does not parse fully', () => {
    const broken = '{\n  "a": {\n    "b": 1,\n  }\n  "c": 2\n}';
    expect(pointerToRange(broken, '/a/b')).toMatchObject({ startLineNumber: 3, startColumn: 10 });
    expect(pointerToRange('', '/a')).toBeNull();
  });
});

describe('helpers', () => {
  it('splits pointers with numbers for indices', () => {
    expect(pointerTokens('/a~0b/01/2')).toEqual(['a~b', '01', 2]);
  });

  it('converts between offsets and positions', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ lineNumber: 2, column: 2 });
    expect(offsetAt('ab\ncd', 2, 2)).toBe(4);
  });

  it('reports the first parse problem with its place', () => {
    expect(parseJsonText('{\n  "a": 1\n  "b": 2\n}')).toEqual({
      ok: false,
      problem: { code: 'CommaExpected', lineNumber: 3, column: 3 },
    });
    expect(parseJsonText('{"a": [1,]}')).toMatchObject({ ok: false });
    expect(parseJsonText('{"a": [1]}')).toEqual({ ok: true, value: { a: [1] } });
  });
});
