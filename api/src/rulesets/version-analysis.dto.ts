import { ApiProperty } from '@nestjs/swagger';
import { IsVersionLabel } from '../common/validation';
import { VersionSummary } from './rulesets.dto';

const LABEL = { zh: '农村低保标准', en: 'Rural dibao standard' };

/** A constraint finding as the check and validation give it. */
const FINDING_EXAMPLE = {
  path: '/constraints/1/assert',
  code: 'constraint',
  constraint: 'rural-dibao-not-below-previous',
  severity: 'error',
  jurisdiction: '420325',
  basis: '十政办发〔2017〕8号 三(一)1',
  parameters: ['dibao.standard.rural'],
  message:
    '… does not hold in 420325 房县: dibao.standard.rural ≥ previous(dibao.standard.rural) → 390.00 ≥ previous 395.00 is false.',
};

/** The answer of a check: validation without the tests, and every parameter. */
export class CheckReportResponse {
  @ApiProperty({ description: 'True when nothing but the tests (not run here) could still block publishing' })
  valid!: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [FINDING_EXAMPLE],
    description:
      'Problems with `path` (JSON Pointer into the document), `message` and, when known, `code`; a constraint finding also has `constraint`, `severity`, `jurisdiction`, `basis` and `parameters` (the parameter keys its assertion reads)',
  })
  errors!: unknown[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Justified constraint warnings, and `retroactive` for a draft taking effect before today',
  })
  warnings!: unknown[];
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    example: { '420325': { 'dibao.standard.rural': '395.00', 'dibao.specialIncrementRatio': '0.20' } },
    description:
      'Jurisdiction code → parameter key → decimal string: every parameter resolved at effectiveFrom (formulas computed); null when the document does not compile',
  })
  parameters!: Record<string, Record<string, string>> | null;
}

/** Every parameter of one version in every jurisdiction. */
export class VersionParametersResponse {
  @ApiProperty({ type: VersionSummary }) version!: VersionSummary;
  @ApiProperty({
    example: '2020-01-01',
    description: "The version's effectiveFrom: the date the values hold from",
  })
  asOf!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    example: { '420325': { 'dibao.standard.rural': '395.00', 'dibao.specialIncrementRatio': '0.20' } },
    description: 'Jurisdiction code → parameter key → decimal string, formulas computed',
  })
  jurisdictions!: Record<string, Record<string, string>>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object' },
    example: {
      'dibao.standard.rural': { unit: 'yuan/month', label: LABEL, basis: '十政办发〔2017〕8号 三(一)1' },
    },
    description: 'Parameter key → its unit, labels and legal basis (as in the parameters answer)',
  })
  definitions!: Record<string, object>;
}

/** The two versions to compare. */
export class DiffQueryDto {
  @IsVersionLabel()
  from!: string;

  @IsVersionLabel()
  to!: string;
}

const ITEMS = {
  type: 'object',
  properties: {
    added: { type: 'array', items: { type: 'string' } },
    removed: { type: 'array', items: { type: 'string' } },
    changed: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** What changed from one version to another, with the labels to show it. */
export class VersionDiffResponse {
  @ApiProperty({ example: { version: '2019', effectiveFrom: '2019-01-01', contentHash: 'sha256:…' } })
  from!: object;
  @ApiProperty({ example: { version: '2020', effectiveFrom: '2020-01-01', contentHash: 'sha256:…' } })
  to!: object;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [
      {
        parameter: 'dibao.standard.rural',
        jurisdiction: '420325',
        old: '395.00',
        new: '425.00',
        change: '30.00',
        changePercent: '7.59',
      },
    ],
    description:
      'Each resolved value that differs: per jurisdiction, or once (jurisdiction null) for a parameter that is the same everywhere; `change` = new − old and `changePercent` (of old, two decimals) when both exist',
  })
  parameters!: unknown[];
  @ApiProperty(ITEMS) rules!: object;
  @ApiProperty(ITEMS) benefits!: object;
  @ApiProperty(ITEMS) outcomes!: object;
  @ApiProperty(ITEMS) derived!: object;
  @ApiProperty(ITEMS) constraints!: object;
  @ApiProperty(ITEMS) facts!: object;
  @ApiProperty(ITEMS) jurisdictions!: object;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Version-level settings that changed (rounding, totals, reviewBy), each with old and new',
  })
  settings!: unknown[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object' },
    example: {
      parameters: { 'dibao.standard.rural': { label: LABEL, unit: 'yuan/month' } },
      jurisdictions: { '420325': { name: { zh: '房县', en: 'Fang County' }, groups: ['counties'] } },
      groups: { counties: { name: { zh: '县市区', en: 'Counties' } } },
      units: { 'yuan/month': { zh: '元/月', en: 'yuan/month' } },
      benefits: { dibao: { label: { zh: '低保金(差额补助)', en: 'Dibao (difference subsidy)' } } },
      constraints: {},
    },
    description:
      'Names to show the diff without the documents (from `to`, and from `from` for what it alone has): parameters (label, unit), jurisdictions (name, groups), groups, units, benefits, constraints',
  })
  labels!: object;
}

/** The embedded tests of a version, run. */
export class TestRunResponse {
  @ApiProperty({ example: 53 }) passed!: number;
  @ApiProperty({ example: 1 }) failed!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [
      {
        name: 'rural 房县: one adult, no income',
        index: 0,
        asOf: '2020-06-30',
        passed: false,
        evaluated: true,
        lines: [{ code: 'dibao', memberId: null, expected: '425.00', got: '455.00', passed: false }],
        totals: [{ total: 'monthly', expected: '425.00', got: '455.00', message: '…' }],
        eligibility: [],
        messages: ['dibao:预期 425.00,实际 455.00'],
      },
    ],
    description:
      'Each test: name, index, asOf, passed, evaluated (false when its household could not be evaluated), every benefit line with expected and got (null when absent), the totals and eligibility that differ, and readable messages',
  })
  tests!: unknown[];
}
