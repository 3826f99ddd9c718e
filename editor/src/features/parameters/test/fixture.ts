import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import Decimal from 'decimal.js';
import { fakeApi } from '@/test/render';
import type { CheckAnswer, CheckFinding } from '../model/constraints';
import { applicableEntry, type ParameterValues } from '../model/resolve';

const illustrative = (note: string) => ({ type: 'illustrative' as const, note });

/** A small ruleset version: two groups, three places, a formula, group values and a uniform figure. */
export function baseDocument(): RulesetVersion {
  return {
    formatVersion: 1,
    metadata: {
      key: 'k',
      version: '2020',
      effectiveFrom: '2020-01-01',
      title: { zh: '测试标准', en: 'Test standards' },
      sources: [{ id: 'notice-2017', number: '十政办发〔2017〕8号', date: '2017-02-25', title: '指导意见' }],
    },
    jurisdictionGroups: [
      { id: 'city-area', name: { zh: '十堰城区', en: 'City area' } },
      { id: 'counties', name: { zh: '县市区', en: 'Counties' } },
    ],
    jurisdictions: [
      { code: '420302', name: { zh: '茅箭区', en: 'Maojian' }, groups: ['city-area'] },
      { code: '420322', name: { zh: '郧西县', en: 'Yunxi' }, groups: ['counties'] },
      { code: '420325', name: { zh: '房县', en: 'Fang' }, groups: ['counties'] },
    ],
    facts: { household: [], member: [] },
    derived: [],
    parameters: [
      {
        key: 'dibao.standard.rural',
        unit: 'yuan/month',
        label: { zh: '农村低保标准', en: 'Rural dibao standard' },
        basis: '十政办发〔2017〕8号 三(一)1',
        byJurisdiction: true,
        values: [{ formula: 'ceil(statistics.rural / 12)', source: illustrative('公式') }],
      },
      {
        key: 'dibao.standard.urban',
        unit: 'yuan/month',
        label: { zh: '城市低保标准', en: 'Urban dibao standard' },
        basis: '十政办发〔2017〕8号 三(一)1',
        byJurisdiction: true,
        values: [
          { for: 'city-area', value: '690.00', source: illustrative('示例') },
          { for: 'counties', value: '590.00', source: illustrative('示例') },
          { for: '420325', value: '600.00', source: illustrative('房县单设') },
        ],
      },
      {
        key: 'dibao.specialIncrementRatio',
        unit: 'ratio',
        label: { zh: '特殊困难群体增发比例', en: 'Special increment ratio' },
        basis: '十政办发〔2017〕8号 三(一)3',
        byJurisdiction: false,
        values: [{ value: '0.25', source: illustrative('比例') }],
      },
      {
        key: 'statistics.rural',
        unit: 'yuan/year',
        label: { zh: '农村人均消费支出', en: 'Rural consumption' },
        basis: '统计公报',
        byJurisdiction: true,
        values: [{ value: '6000.00', source: illustrative('统计') }],
      },
      {
        key: 'disability.livingSubsidy',
        unit: 'yuan/month',
        label: { zh: '困难残疾人生活补贴', en: 'Disability living subsidy' },
        basis: '十政办发〔2017〕8号 三(一)3',
        byJurisdiction: false,
        values: [{ value: '60.00', source: { type: 'published', document: 'notice-2017' } }],
      },
    ],
    parameterGroups: [
      { id: 'dibao', label: { zh: '低保', en: 'Dibao' }, prefixes: ['dibao'] },
      {
        id: 'disability',
        label: { zh: '残疾人两项补贴', en: 'Disability subsidies' },
        prefixes: ['disability'],
      },
    ],
    outcomes: [],
    rules: { household: [], member: [] },
    rounding: { mode: 'half-up', places: 2 },
    totals: {},
    benefits: [],
    constraints: [
      {
        id: 'disability-living-floor',
        label: { zh: '残疾人生活补贴不低于每人每月50元', en: 'Disability living subsidy at least 50 yuan' },
        basis: '十政办发〔2017〕8号 三(一)3',
        severity: 'error',
        assert: 'disability.livingSubsidy >= 50',
      },
      {
        id: 'urban-not-below-previous',
        label: { zh: '城市低保标准不低于上一版本', en: 'Urban standard not below the previous version' },
        basis: '十政办发〔2017〕8号 三(一)1',
        severity: 'warning',
        assert: 'dibao.standard.urban >= previous(dibao.standard.urban)',
        forEachJurisdiction: true,
      },
    ],
    tests: [],
  } as unknown as RulesetVersion;
}

/** The draft 2021, drafted from 2020 with the same figures (a fresh draft). */
export function draftDocument(): RulesetVersion {
  const base = baseDocument();
  return { ...base, metadata: { ...base.metadata, version: '2021', effectiveFrom: '2021-01-01' } };
}

/** Every parameter per place, computing the one formula of the fixture like the API would. */
export function resolveAll(document: RulesetVersion): ParameterValues {
  const out: ParameterValues = {};
  for (const j of document.jurisdictions) {
    const place: Record<string, string> = {};
    for (const p of document.parameters) {
      const value = applicableEntry(p, j.code, j.groups)?.entry.value;
      if (value !== undefined) place[p.key] = value;
    }
    for (const p of document.parameters) {
      const entry = applicableEntry(p, j.code, j.groups)?.entry;
      if (entry?.formula)
        place[p.key] = new Decimal(place['statistics.rural'] ?? '0').div(12).ceil().toString();
    }
    out[j.code] = place;
  }
  return out;
}

/** The check the API would answer: the disability floor as an error finding. */
export function checkOf(document: RulesetVersion): CheckAnswer {
  const errors: CheckFinding[] = [];
  const subsidy = document.parameters.find((p) => p.key === 'disability.livingSubsidy')?.values[0]?.value;
  if (subsidy && new Decimal(subsidy).lessThan(50))
    errors.push({
      path: '/constraints/0',
      message: '45.00 < 50',
      code: 'constraint',
      constraint: 'disability-living-floor',
      severity: 'error',
      jurisdiction: null,
      basis: '十政办发〔2017〕8号 三(一)3',
      parameters: ['disability.livingSubsidy'],
    });
  return { valid: errors.length === 0, errors, warnings: [], parameters: resolveAll(document) };
}

const summary = (version: string, status: string, basedOn: string | null) => ({
  version,
  status,
  effectiveFrom: `${version}-01-01`,
  publishedAt: null,
  contentHash: `h${version}`,
  basedOn,
  createdBy: 'a',
  updatedBy: 'a',
  updatedAt: '2020-01-01T00:00:00Z',
  publishedBy: null,
  withdrawnReason: null,
});

/** The fake API: versions 2020 (published, the base) and 2021 (a draft of it, or `draft`). */
export function fixtureApi(draft: RulesetVersion = draftDocument(), status = 'draft') {
  const base = baseDocument();
  const checks: RulesetVersion[] = [];
  const fetch = fakeApi({
    'GET /api/v1/rulesets/k/versions': () => ({
      body: [summary('2021', status, '2020'), summary('2020', 'published', null)],
    }),
    'GET /api/v1/rulesets/k/versions/2021': () => ({ body: draft, headers: { ETag: '"h2021"' } }),
    'GET /api/v1/rulesets/k/versions/2020': () => ({ body: base, headers: { ETag: '"h2020"' } }),
    'GET /api/v1/rulesets/k/versions/2020/parameters': () => ({ body: { jurisdictions: resolveAll(base) } }),
    'GET /api/v1/rulesets/k/versions/2021/parameters': () => ({ body: { jurisdictions: resolveAll(draft) } }),
    'POST /api/v1/rulesets/k/versions/2021/check': (body) => {
      checks.push(body as RulesetVersion);
      return { body: checkOf(body as RulesetVersion) };
    },
  });
  return { fetch, checks };
}
