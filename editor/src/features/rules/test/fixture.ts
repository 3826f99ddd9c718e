import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { createInstance } from 'i18next';
import en from '../locales/en.json';
import zh from '../locales/zh.json';
import { buildGlossary, type Language } from '../lib/glossary';
import type { ExpressionContext } from '../lib/expression-text';
import type { Words } from '../lib/parts';

/** A small ruleset shaped like Shiyan's, for the feature's tests. */
export function fixtureDocument(): RulesetVersion {
  return {
    formatVersion: 1,
    metadata: {
      key: 'shiyan-social-assistance',
      version: '2020',
      effectiveFrom: '2020-01-01',
      title: { zh: '十堰市社会救助', en: 'Shiyan social assistance' },
      sources: [{ id: 'doc', title: '十政办发〔2017〕8号' }],
    },
    jurisdictionGroups: [{ id: 'city-area', name: { zh: '十堰城区', en: 'Shiyan city area' } }],
    jurisdictions: [
      { code: '420302', name: { zh: '茅箭区', en: 'Maojian District' }, groups: ['city-area'] },
    ],
    facts: {
      household: [
        { name: 'annualNetIncome', type: 'money', label: { zh: '家庭年纯收入', en: 'Annual net income' } },
        {
          name: 'assetsWithinLimit',
          type: 'boolean',
          label: { zh: '家庭财产符合规定', en: 'Assets within the limit' },
        },
        {
          name: 'residence',
          type: 'enum',
          values: ['rural', 'urban'],
          valueLabels: { rural: { zh: '农村', en: 'Rural' }, urban: { zh: '城市', en: 'Urban' } },
          label: { zh: '城乡类别', en: 'Residence' },
        },
        {
          name: 'emergency',
          type: 'object',
          label: { zh: '遭遇急难', en: 'Sudden hardship' },
          properties: [
            {
              name: 'severity',
              type: 'enum',
              values: ['general', 'major'],
              valueLabels: {
                general: { zh: '一般急难', en: 'General' },
                major: { zh: '重大急难', en: 'Major' },
              },
              label: { zh: '困难程度', en: 'Severity' },
            },
          ],
        },
      ],
      member: [
        {
          name: 'disabilityGrade',
          type: 'integer',
          label: { zh: '残疾等级', en: 'Disability grade' },
          description: { zh: '1 至 4 级', en: 'Grades 1 to 4' },
        },
      ],
      members: { minItems: 1, maxItems: 20 },
    },
    derived: [
      {
        scope: 'household',
        name: 'unitSize',
        type: 'integer',
        formula: 'count(true)',
        label: { zh: '低保保障人数', en: 'Dibao unit size' },
        unit: 'persons',
      },
      {
        scope: 'household',
        name: 'dibaoStandard',
        type: 'decimal',
        formula: 'if(residence == "rural", dibao.standard.rural, dibao.standard.urban)',
        label: { zh: '适用低保标准', en: 'Applicable dibao standard' },
        unit: 'yuan/month',
      },
      {
        scope: 'household',
        name: 'perCapitaMonthlyIncome',
        type: 'decimal',
        formula: 'annualNetIncome / 12 / unitSize',
        label: { zh: '月人均收入', en: 'Monthly income per unit member' },
        unit: 'yuan/month',
      },
    ],
    parameters: [
      {
        key: 'dibao.standard.rural',
        unit: 'yuan/month',
        label: { zh: '农村低保标准', en: 'Rural dibao standard' },
        basis: '十政办发〔2017〕8号 三(一)1',
        byJurisdiction: true,
        values: [{ value: '395.00', source: { type: 'published' } }],
      },
      {
        key: 'dibao.standard.urban',
        unit: 'yuan/month',
        label: { zh: '城市低保标准', en: 'Urban dibao standard' },
        basis: '十政办发〔2017〕8号 三(一)1',
        byJurisdiction: true,
        values: [{ value: '560.00', source: { type: 'published' } }],
      },
    ],
    outcomes: [
      {
        name: 'dibao',
        scope: 'household',
        report: true,
        label: { zh: '最低生活保障', en: 'Minimum living guarantee (dibao)' },
        basis: '十政办发〔2017〕8号 三(一)2',
      },
      {
        name: 'disabilityLiving',
        scope: 'member',
        label: { zh: '困难残疾人生活补贴', en: 'Disability living subsidy' },
        basis: '十政办发〔2017〕8号 三(一)3',
      },
    ],
    rules: {
      household: [
        {
          name: '低保:家庭月人均收入低于低保标准 / dibao: income per unit member below the standard',
          conditions: {
            all: [
              { fact: 'unitSize', operator: 'decimalGreaterThanInclusive', value: '1' },
              { fact: 'assetsWithinLimit', operator: 'equal', value: true },
              {
                fact: 'perCapitaMonthlyIncome',
                operator: 'decimalLessThan',
                value: { fact: 'dibaoStandard' },
              },
            ],
          },
          event: { type: 'dibao' },
        },
      ],
      member: [
        {
          name: '残疾人 / disabled',
          conditions: {
            all: [
              { fact: 'household.dibao', operator: 'equal', value: true },
              {
                any: [
                  { fact: 'disabilityGrade', operator: 'decimalGreaterThanInclusive', value: '1' },
                  { not: { fact: 'household.residence', operator: 'equal', value: 'urban' } },
                ],
              },
            ],
          },
          event: { type: 'disabilityLiving' },
        },
      ],
    },
    rounding: { places: 2, mode: 'halfUp' },
    totals: { monthsPerYear: 12 },
    benefits: [
      {
        code: 'dibao',
        scope: 'household',
        period: 'month',
        when: 'dibao',
        amount: 'dibaoStandard * unitSize - annualNetIncome / 12',
        label: { zh: '低保金(差额补助)', en: 'Dibao (difference subsidy)' },
        basis: '十政办发〔2017〕8号 三(一)2',
      },
    ],
    constraints: [],
    tests: [],
  };
}

const i18n = createInstance();
void i18n.init({
  resources: { zh: { rules: zh }, en: { rules: en } },
  lng: 'zh',
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The `rules` words of `language`, as the screens get them from useTranslation. */
export function wordsOf(language: Language): Words {
  const t = i18n.getFixedT(language, 'rules');
  return (key, options) => t(key, options ?? {});
}

/** A sentence context for the fixture (or `document`) in `language`. */
export function contextOf(
  language: Language,
  document: RulesetVersion = fixtureDocument(),
): ExpressionContext {
  return { glossary: buildGlossary(document), language, words: wordsOf(language) };
}
