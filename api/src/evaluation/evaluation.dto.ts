import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, Matches } from 'class-validator';
import { Type } from 'class-transformer';
import { IsIsoDate, IsVersionLabel } from '../common/validation';

export const MAX_BATCH = 1000;

/**
 * The household of every example below: one adult in 房县 (420325), rural, 2,400.00 yuan a year.
 * Under version 2019 (rural standard 395.00 yuan/month) its income is 200.00 yuan a month, so dibao
 * pays 395.00 × 1 − 2400.00 ÷ 12 = 195.00 yuan a month, and the medical premium subsidy 100.00
 * yuan a year: totals 195.00 a month, 195.00 × 12 + 100.00 = 2440.00 a year.
 */
export const HOUSEHOLD_EXAMPLE = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '2400.00',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1975-03-02' }],
};

/** The example's dibao rule as the trace gives it, in eligibility and on the benefit line. */
const DIBAO_RULE_TRACE = {
  rule: '低保:家庭月人均收入低于低保标准 / dibao: income per unit member below the standard',
  held: true,
  conditions: {
    all: [
      {
        fact: 'unitSize',
        value: '1',
        operator: 'decimalGreaterThanInclusive',
        compared: {
          value: '1',
        },
        result: true,
      },
      {
        fact: 'assetsWithinLimit',
        value: true,
        operator: 'equal',
        compared: {
          value: true,
        },
        result: true,
      },
      {
        fact: 'perCapitaMonthlyIncome',
        value: '200',
        operator: 'decimalLessThan',
        compared: {
          fact: 'dibaoStandard',
          value: '395',
        },
        result: true,
      },
    ],
  },
};

/** The determination of HOUSEHOLD_EXAMPLE on 2019-06-30: its lines add up to its totals. */
export const DETERMINATION_EXAMPLE = {
  ruleset: {
    key: 'shiyan-social-assistance',
    version: '2019',
    effectiveFrom: '2019-01-01',
    contentHash: 'sha256:756d2f29a43854bc04d39b1146332366bea4326fdbbe66b20ddadf96204cfced',
  },
  asOf: '2019-06-30',
  jurisdiction: '420325',
  eligibility: {
    dibao: {
      eligible: true,
      unitSize: 1,
      perCapitaMonthlyIncome: '200.00',
      standard: '395.00',
      reasons: [
        '低保:家庭月人均收入低于低保标准:低保保障人数 1 人,不低于 1 人;家庭财产符合规定:是;月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元',
      ],
      trace: [DIBAO_RULE_TRACE],
    },
    elderlyCare: {
      eligible: false,
      memberIds: [],
      reasons: ['成员 p1:60周岁以上老年人:不符合:周岁 44 岁,低于 老年人年龄 60 岁'],
      trace: [
        {
          memberId: 'p1',
          rules: [
            {
              rule: '60周岁以上老年人 / aged 60 or over',
              held: false,
              conditions: {
                all: [
                  {
                    fact: 'age',
                    value: '44',
                    operator: 'decimalGreaterThanInclusive',
                    compared: {
                      fact: 'age.elderly',
                      value: '60',
                    },
                    result: false,
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  },
  benefits: [
    {
      code: 'dibao',
      memberId: null,
      period: 'month',
      amount: '195.00',
      basis: '十政办发〔2017〕8号 三(一)2',
      explanation:
        '低保保障人数 1 人,不低于 1 人;家庭财产符合规定:是;月人均收入 200.00 元,低于 房县 农村低保标准 395.00 元;低保金(差额补助) = 395.00 元 × 1 人 − 2400.00 元 ÷ 12 = 195.00 元',
      trace: {
        rules: [DIBAO_RULE_TRACE],
        formula: 'dibaoStandard * unitSize - annualNetIncome / 12',
        inputs: {
          dibaoStandard: '395',
          unitSize: '1',
          annualNetIncome: '2400',
        },
      },
    },
    {
      code: 'medical_premium_subsidy',
      memberId: 'p1',
      period: 'year',
      amount: '100.00',
      basis: '十政办发〔2017〕8号 三(三)一',
      explanation:
        '最低生活保障:是;低保保障对象:是;医保个人缴费资助 = 较小值(250.00 元,100.00 元) = 100.00 元',
      trace: {
        rules: [
          {
            rule: '医保缴费资助对象 / premium subsidy recipient',
            held: true,
            conditions: {
              any: [
                {
                  fact: 'supportedOutsideUnit',
                  value: false,
                  operator: 'equal',
                  compared: {
                    value: true,
                  },
                  result: false,
                },
                {
                  all: [
                    {
                      fact: 'household.dibao',
                      value: true,
                      operator: 'equal',
                      compared: {
                        value: true,
                      },
                      result: true,
                    },
                    {
                      fact: 'inDibaoUnit',
                      value: true,
                      operator: 'equal',
                      compared: {
                        value: true,
                      },
                      result: true,
                    },
                  ],
                },
              ],
            },
          },
        ],
        formula:
          'if(supportedOutsideUnit, medical.residentPremium, min(medical.residentPremium, medical.premiumSubsidy.dibao))',
        inputs: {
          supportedOutsideUnit: false,
          'medical.residentPremium': '250',
          'medical.premiumSubsidy.dibao': '100',
        },
      },
    },
  ],
  totals: {
    monthly: '195.00',
    annual: '2440.00',
    oneOff: '0.00',
  },
};

export class EvaluateDto {
  @IsIsoDate({ description: 'The date to evaluate on; picks the version in force' })
  asOf!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: HOUSEHOLD_EXAMPLE,
    description:
      "The household's facts, as the version declares them, and optionally its `id` (the caller's case number: 1 to 100 characters, no control characters), echoed as `householdId`",
  })
  @IsObject({ message: 'must be an object with the household facts' })
  household!: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '2019',
    description:
      'A version label; one not published needs the editor role, or analyst (draft, in review) or approver (in review)',
  })
  @IsOptional()
  @IsVersionLabel()
  version?: string;
}

export class EvaluateBatchDto {
  @IsIsoDate()
  asOf!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    maxItems: MAX_BATCH,
    example: [HOUSEHOLD_EXAMPLE],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH, {
    message: `must list at most ${MAX_BATCH} households; split larger populations into batches`,
  })
  // Only the list is checked here; the households are read as sent (SentBodyField) and checked by
  // the engine. Each becomes a boolean in this copy, so that class-transformer does not deep-copy
  // up to 1000 households on the event loop (about 60 ms); Boolean() never runs the sender's code.
  @Type(() => Boolean)
  households!: unknown[];

  @ApiPropertyOptional({ example: '2019' })
  @IsOptional()
  @IsVersionLabel()
  version?: string;
}

export class ParametersQueryDto {
  @IsIsoDate()
  asOf!: string;

  @ApiProperty({ example: '420325' })
  // One error for the field: the pattern also refuses a missing value, a number or a list.
  @Matches(/^[0-9A-Z]{6}$/, { message: 'must be a jurisdiction code such as "420325"' })
  jurisdiction!: string;

  @ApiPropertyOptional({ example: '2019' })
  @IsOptional()
  @IsVersionLabel()
  version?: string;
}

export class AnswerWarningResponse {
  @ApiProperty({ example: 'past-review-date', description: 'Stable machine code' }) code!: string;
  @ApiProperty({ example: '所用版本 2020 的标准应于 2021-12-31 前复核,可能已过时' }) message!: string;
}

const WARNINGS_DESCRIPTION =
  'Present only when non-empty; never changes an amount. past-review-date: asOf is after the review date ' +
  '(metadata.reviewBy) of the version used, whose figures may be out of date';

export class DeterminationResponse {
  @ApiPropertyOptional({
    example: 'SY-2019-000123',
    description: "The household's `id` (the caller's case number), only when it was given",
  })
  householdId?: string;
  @ApiProperty({ example: DETERMINATION_EXAMPLE.ruleset }) ruleset!: object;
  @ApiProperty({ example: DETERMINATION_EXAMPLE.asOf }) asOf!: string;
  @ApiProperty({ example: DETERMINATION_EXAMPLE.jurisdiction }) jurisdiction!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: DETERMINATION_EXAMPLE.eligibility,
    description: 'Each reported outcome: whether it holds, its details, and the reasons in words',
  })
  eligibility!: object;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: DETERMINATION_EXAMPLE.benefits,
    description:
      'Benefit lines (zero amounts left out): household lines first, then members in input order; amounts in yuan for their period (month, year, oneOff)',
  })
  benefits!: object[];
  @ApiProperty({
    example: DETERMINATION_EXAMPLE.totals,
    description:
      'monthly: the monthly lines; annual: 12 × monthly plus the yearly lines; oneOff: the one-off lines (yuan)',
  })
  totals!: object;
  @ApiPropertyOptional({ type: AnswerWarningResponse, isArray: true, description: WARNINGS_DESCRIPTION })
  warnings?: AnswerWarningResponse[];
}

export class BatchResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      "One determination or problem per household, in input order; a problem carries the household's `index` and, when the household has a valid `id`, its `householdId`",
    example: [DETERMINATION_EXAMPLE],
  })
  results!: object[];
}

export class ParametersResponse {
  @ApiProperty({ example: DETERMINATION_EXAMPLE.ruleset }) version!: object;
  @ApiProperty({ example: '420325' }) jurisdiction!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Every parameter resolved for the jurisdiction, as a decimal string in its unit',
    example: {
      'dibao.standard.rural': '395.00',
      'extremePoverty.standard.scattered': '7200.00',
      'dibao.specialIncrementRatio': '0.20',
    },
  })
  parameters!: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        unit: {
          type: 'string',
          enum: ['yuan/month', 'yuan/year', 'yuan', 'ratio', 'years', 'months', 'count'],
        },
        label: { type: 'object', properties: { zh: { type: 'string' }, en: { type: 'string' } } },
        basis: { type: 'string' },
      },
    },
    description:
      'Under the same keys as `parameters`: the unit of each value (yuan/month, yuan/year, yuan for a one-off sum, ratio, years, months, count), its labels and its legal basis',
    example: {
      'dibao.standard.rural': {
        unit: 'yuan/month',
        label: { zh: '农村低保标准', en: 'Rural dibao standard' },
        basis: '十政办发〔2017〕8号 三(一)1',
      },
      'extremePoverty.standard.scattered': {
        unit: 'yuan/year',
        label: { zh: '分散供养特困人员供养标准', en: 'Extreme-poverty standard, scattered' },
        basis: '十政办发〔2017〕8号 三(二)1',
      },
      'dibao.specialIncrementRatio': {
        unit: 'ratio',
        label: { zh: '特殊困难群体增发比例', en: 'Special increment ratio' },
        basis: '十政办发〔2017〕8号 三(一)3',
      },
    },
  })
  definitions!: Record<string, object>;
  @ApiPropertyOptional({ type: AnswerWarningResponse, isArray: true, description: WARNINGS_DESCRIPTION })
  warnings?: AnswerWarningResponse[];
}
