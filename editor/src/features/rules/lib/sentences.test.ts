import { describe, expect, it } from 'vitest';
import { contextOf, fixtureDocument } from '../test/fixture';
import { expressionParts } from './expression-text';
import { partsText, type Part } from './parts';
import { benefitParts, conditionParts, roundingText, ruleParts } from './sentences';

const doc = fixtureDocument();
const householdRule = doc.rules.household[0]!;
const memberRule = doc.rules.member[0]!;

describe('ruleParts', () => {
  it('reads a household rule in Chinese from the document labels', () => {
    const parts = ruleParts(householdRule, '/rules/household/0', contextOf('zh'));
    expect(partsText(parts)).toBe(
      '当 低保保障人数 ≥ 1 人 且 家庭财产符合规定 为 是 且 月人均收入 < 适用低保标准 时,认定为 最低生活保障',
    );
  });

  it('reads the same rule in English', () => {
    const parts = ruleParts(householdRule, '/rules/household/0', contextOf('en'));
    expect(partsText(parts)).toBe(
      'When Dibao unit size ≥ 1 person and Assets within the limit is yes and Monthly income per unit member < Applicable dibao standard, it is Minimum living guarantee (dibao)',
    );
  });

  it('gives each literal its JSON pointer and a control that fits its fact', () => {
    const values = ruleParts(householdRule, '/rules/household/0', contextOf('zh')).filter(
      (p): p is Extract<Part, { type: 'value' }> => p.type === 'value',
    );
    expect(values.map((v) => [v.pointer, v.control, v.value])).toEqual([
      ['/rules/household/0/conditions/all/0/value', 'number', '1'],
      ['/rules/household/0/conditions/all/1/value', 'boolean', true],
    ]);
    expect(values[0]?.unitWord).toBe('人');
  });

  it('shows a value compared with another name as that name, not as an editable value', () => {
    const parts = ruleParts(householdRule, '/rules/household/0', contextOf('zh'));
    expect(parts).toContainEqual({
      type: 'name',
      name: 'dibaoStandard',
      kind: 'derived',
      text: '适用低保标准',
    });
  });

  it('nests any / not in brackets and reads household names from a member rule', () => {
    const zh = partsText(ruleParts(memberRule, '/rules/member/0', contextOf('zh')));
    expect(zh).toBe(
      '当 最低生活保障 为 是 且 (残疾等级 ≥ 1 或 并非(城乡类别 为 城市)) 时,认定为 困难残疾人生活补贴',
    );
    const en = partsText(ruleParts(memberRule, '/rules/member/0', contextOf('en')));
    expect(en).toContain('(Disability grade ≥ 1 or not (Residence is Urban))');
  });

  it('offers the enum values by their words', () => {
    const not = conditionParts(
      { fact: 'residence', operator: 'equal', value: 'rural' },
      '/x',
      contextOf('zh'),
    ).find((p) => p.type === 'value');
    expect(not).toMatchObject({
      control: 'enum',
      text: '农村',
      options: [
        { value: 'rural', label: '农村' },
        { value: 'urban', label: '城市' },
      ],
    });
  });

  it('names an unknown fact as written', () => {
    const parts = conditionParts({ fact: 'nope', operator: 'equal', value: 'x' }, '', contextOf('zh'));
    expect(parts[0]).toEqual({ type: 'name', name: 'nope', kind: 'unknown', text: 'nope' });
  });
});

describe('benefitParts', () => {
  it('reads who gets a benefit, how often and its sum, in both languages', () => {
    const benefit = doc.benefits[0]!;
    expect(partsText(benefitParts(benefit, contextOf('zh')))).toBe(
      '对符合 最低生活保障 的家庭每月发放 低保金(差额补助):适用低保标准 × 低保保障人数 − 家庭年纯收入 ÷ 12',
    );
    expect(partsText(benefitParts(benefit, contextOf('en')))).toBe(
      'To each household qualifying for Minimum living guarantee (dibao), Dibao (difference subsidy) is paid monthly: Applicable dibao standard × Dibao unit size − Annual net income ÷ 12',
    );
  });

  it('says when a monthly line is a yearly standard paid in instalments', () => {
    const benefit = { ...doc.benefits[0]!, instalmentsPerYear: 4 };
    expect(partsText(benefitParts(benefit, contextOf('zh')))).toContain('分 4 次发放');
  });

  it('writes the rounding in words', () => {
    expect(roundingText({ places: 2, mode: 'halfUp' }, contextOf('zh'))).toBe('保留 2 位小数,四舍五入');
    expect(roundingText({ places: 0, mode: 'floor' }, contextOf('en'))).toBe('0 decimal places, towards −∞');
  });
});

describe('expressionParts', () => {
  const zh = (source: string) => partsText(expressionParts(source, contextOf('zh')));
  it('reads if, enum words, min and brackets', () => {
    expect(zh('if(residence == "rural", dibao.standard.rural, dibao.standard.urban) * 12')).toBe(
      '(若 城乡类别 = 农村 则 农村低保标准,否则 城市低保标准) × 12',
    );
    expect(zh('min(dibao.standard.rural, (annualNetIncome - 1) / 12)')).toBe(
      '较小值(农村低保标准,(家庭年纯收入 − 1) ÷ 12)',
    );
    expect(zh('emergency.severity == "major" and not assetsWithinLimit')).toBe(
      '遭遇急难·困难程度 = 重大急难 且 并非 家庭财产符合规定',
    );
  });

  it('reads count over members and object properties in English', () => {
    expect(partsText(expressionParts('count(disabilityGrade >= 3)', contextOf('en')))).toBe(
      'number of members with Disability grade ≥ 3',
    );
  });

  it('still shows labels when the formula does not parse', () => {
    expect(zh('dibao.standard.rural * (unitSize')).toBe('农村低保标准 * (低保保障人数');
  });
});
