import { describe, expect, it } from 'vitest';
import { withValueAt } from '@/lib/json-merge';
import { sampleDocument } from '../test/fixtures';
import { changedFigures, describePointer, showFigure } from './figures';

const words = {
  place: (code: string) => ({ '420325': '房县', counties: '县市区' })[code] ?? code,
  field: (name: string) => ({ value: '数值', formula: '公式' })[name] ?? name,
  everywhere: '全部地区',
};

describe('changedFigures', () => {
  it('names each changed figure, and a list whose length changed as one', () => {
    const base = sampleDocument();
    let working = withValueAt(base, '/parameters/0/values/0/value', '450.00');
    working = withValueAt(working, '/parameters/0/values/1/value', '510.00');
    expect(changedFigures(base, working)).toEqual([
      '/parameters/0/values/0/value',
      '/parameters/0/values/1/value',
    ]);
    const longer = { ...base, justifications: [{ constraint: 'c', text: '0123456789' }] };
    expect(changedFigures(base, longer)).toEqual(['/justifications']);
    expect(changedFigures(base, base)).toEqual([]);
  });
});

describe('describePointer', () => {
  it('says a parameter value with its label, place and field', () => {
    expect(describePointer(sampleDocument(), '/parameters/0/values/0/value', 'zh', words)).toBe(
      '农村低保标准 · 房县 · 数值',
    );
    expect(describePointer(sampleDocument(), '/parameters/0/values/0/value', 'en', words)).toBe(
      'Rural dibao standard · 房县 · 数值',
    );
  });

  it('falls back to the pointer when the document does not name it', () => {
    expect(describePointer(sampleDocument(), '/rules/household/0', 'zh', words)).toBe('/rules/household/0');
    expect(describePointer(sampleDocument(), '/parameters/9/values/0/value', 'zh', words)).toBe(
      '/parameters/9/values/0/value',
    );
  });
});

describe('showFigure', () => {
  it('writes text as is, other values as JSON, and none as none', () => {
    expect(showFigure('420.00', '(无)')).toBe('420.00');
    expect(showFigure({ a: 1 }, '(无)')).toBe('{"a":1}');
    expect(showFigure(undefined, '(无)')).toBe('(无)');
  });
});
