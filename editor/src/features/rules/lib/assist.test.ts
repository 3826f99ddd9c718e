import { describe, expect, it } from 'vitest';
import { fixtureDocument, wordsOf } from '../test/fixture';
import { assistTarget, completionItems, hoverAt, markdownText } from './assist';
import { buildGlossary } from './glossary';
import { documentText } from './json-text';

const doc = fixtureDocument();
const text = documentText(doc);
const glossary = buildGlossary(doc);
/** The offset just after `before` inside the first occurrence of `needle`. */
const at = (needle: string, before: string) => text.indexOf(needle) + needle.indexOf(before) + before.length;

describe('assistTarget', () => {
  it('finds the field of the string under the cursor', () => {
    expect(assistTarget(text, at('"fact": "unitSize"', '"fact": "unit'))).toEqual({
      field: 'fact',
      start: at('"fact": "unitSize"', '"fact": "'),
      end: at('"fact": "unitSize"', '"fact": "unitSize'),
      word: 'unitSize',
      scope: 'household',
    });
    expect(assistTarget(text, at('"operator": "equal"', '"operator": "eq'))?.field).toBe('operator');
    expect(assistTarget(text, at('"when": "dibao"', '"when": "di'))?.field).toBe('outcome');
    expect(assistTarget(text, at('"type": "disabilityLiving"', '"type": "dis'))).toMatchObject({
      field: 'outcome',
    });
  });

  it('takes only the name being typed inside an expression', () => {
    const target = assistTarget(
      text,
      at('"amount": "dibaoStandard * unitSize', '"amount": "dibaoStandard * uni'),
    );
    expect(target).toMatchObject({ field: 'expression', word: 'unitSize' });
  });

  it('knows member rules and ignores keys and other strings', () => {
    expect(assistTarget(text, at('"fact": "disabilityGrade"', '"fact": "dis'))?.scope).toBe('member');
    expect(assistTarget(text, at('"fact": "unitSize"', '"fa'))).toBeNull();
    expect(assistTarget(text, at('"code": "dibao"', '"code": "di'))).toBeNull();
  });
});

describe('completionItems', () => {
  const words = wordsOf('zh');
  it('offers member names and household names prefixed in a member rule', () => {
    const items = completionItems(
      glossary,
      { field: 'fact', start: 0, end: 0, word: '', scope: 'member' },
      'zh',
      words,
    );
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(
      expect.arrayContaining(['disabilityGrade', 'household.annualNetIncome', 'household.dibao']),
    );
    expect(labels).not.toContain('annualNetIncome');
    expect(items.find((i) => i.label === 'disabilityGrade')).toMatchObject({
      detail: '残疾等级 · 事实',
      documentation: '1 至 4 级',
    });
  });

  it('offers names, parameters and functions in expressions, with their docs', () => {
    const items = completionItems(
      glossary,
      { field: 'expression', start: 0, end: 0, word: '' },
      'en',
      wordsOf('en'),
    );
    expect(items.find((i) => i.label === 'dibao.standard.rural')).toMatchObject({
      kind: 'parameter',
      detail: 'Rural dibao standard · Parameter',
    });
    expect(items.find((i) => i.label === 'dibao.standard.rural')?.documentation).toContain('Unit: yuan');
    expect(items.find((i) => i.label === 'if')).toMatchObject({
      kind: 'function',
      detail: expect.stringContaining('if('),
    });
    expect(items.find((i) => i.label === 'residence')?.documentation).toContain('rural\\(Rural\\)');
  });

  it('offers operators, outcomes and places', () => {
    const ops = completionItems(glossary, { field: 'operator', start: 0, end: 0, word: '' }, 'zh', words);
    expect(ops.find((i) => i.label === 'decimalGreaterThanInclusive')?.detail).toBe('≥ · 大于或等于');
    const outcomes = completionItems(glossary, { field: 'outcome', start: 0, end: 0, word: '' }, 'zh', words);
    expect(outcomes.map((i) => i.label)).toEqual(['dibao', 'disabilityLiving']);
    const places = completionItems(
      glossary,
      { field: 'jurisdiction', start: 0, end: 0, word: '' },
      'zh',
      words,
    );
    expect(places.map((i) => [i.label, i.detail])).toEqual([
      ['420302', '茅箭区 · 行政区划'],
      ['city-area', '十堰城区 · 区划分组'],
    ]);
  });
});

describe('hoverAt', () => {
  it('documents a name in an expression in the official’s language', () => {
    const offset = at('"amount": "dibaoStandard', '"amount": "dibao');
    const zh = hoverAt(glossary, text, offset, 'zh', wordsOf('zh'));
    expect(zh?.markdown).toContain('**适用低保标准** · 计算项');
    expect(hoverAt(glossary, text, offset, 'en', wordsOf('en'))?.markdown).toContain(
      '**Applicable dibao standard**',
    );
  });

  it('documents operators and gives nothing for unknown names', () => {
    const hover = hoverAt(
      glossary,
      text,
      at('"operator": "decimalLessThan"', '"operator": "dec'),
      'zh',
      wordsOf('zh'),
    );
    expect(hover?.markdown).toContain('小于');
    const unknown = documentText({ rules: { household: [{ conditions: { fact: 'nobody' } }] } });
    expect(hoverAt(glossary, unknown, unknown.indexOf('nobody') + 2, 'zh', wordsOf('zh'))).toBeNull();
  });
});

describe('document text in hovers and completions', () => {
  it('never becomes a link, an image or HTML', () => {
    const hostile = fixtureDocument();
    const parameter = hostile.parameters.find((p) => p.key === 'dibao.standard.urban');
    if (!parameter) throw new Error('fixture has no dibao.standard.urban');
    parameter.label.zh = '[点此](http://evil.example/x) ![i](http://127.0.0.2/m.png) <b>粗</b>';
    parameter.basis = '`code` *强调* [依据](javascript:alert(1))';
    const hostileText = documentText(hostile);
    const offset = hostileText.indexOf('dibao.standard.urban)') + 3;
    const hover = hoverAt(buildGlossary(hostile), hostileText, offset, 'zh', wordsOf('zh'));
    expect(hover).not.toBeNull();
    expect(hover?.markdown).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/); // no unescaped [text](url)
    expect(hover?.markdown).not.toMatch(/(?<!\\)</);
    expect(hover?.markdown).toContain('\\[点此\\]\\(http\\:\\/\\/evil\\.example\\/x\\)');
  });

  it('escapes every Markdown character and keeps the text', () => {
    expect(markdownText('a*b_[c](d)`e`<f> http://x')).toBe(
      'a\\*b\\_\\[c\\]\\(d\\)\\`e\\`\\<f\\> http\\:\\/\\/x',
    );
  });
});
