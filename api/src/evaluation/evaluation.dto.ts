import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IsIsoDate, IsVersionLabel } from '../common/validation';

export const MAX_BATCH = 1000;

const HOUSEHOLD_EXAMPLE = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '2400.00',
  assetsWithinLimit: true,
  members: [
    { id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 },
    { id: 'p2', birthDate: '1978-09-14' },
  ],
};

export class EvaluateDto {
  @IsIsoDate({ description: 'The date to evaluate on; picks the version in force' })
  asOf!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: HOUSEHOLD_EXAMPLE,
    description: "The household's facts, as the version declares them",
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
  @IsString()
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
  @ApiProperty({
    example: {
      key: 'shiyan-social-assistance',
      version: '2019',
      effectiveFrom: '2019-01-01',
      contentHash: 'sha256:…',
    },
  })
  ruleset!: object;
  @ApiProperty({ example: '2019-06-30' }) asOf!: string;
  @ApiProperty({ example: '420325' }) jurisdiction!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) eligibility!: object;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [
      {
        code: 'dibao',
        memberId: null,
        period: 'month',
        amount: '590.00',
        basis: '十政办发〔2017〕8号 三(一)2',
        explanation: '…',
      },
    ],
  })
  benefits!: object[];
  @ApiProperty({ example: { monthly: '540.00', annual: '6480.00', oneOff: '0.00' } }) totals!: object;
  @ApiPropertyOptional({ type: AnswerWarningResponse, isArray: true, description: WARNINGS_DESCRIPTION })
  warnings?: AnswerWarningResponse[];
}

export class BatchResponse {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'One determination or problem per household, in input order',
  })
  results!: object[];
}

export class ParametersResponse {
  @ApiProperty() version!: object;
  @ApiProperty({ example: '420325' }) jurisdiction!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'dibao.standard.rural': '395.00' },
  })
  parameters!: Record<string, string>;
  @ApiPropertyOptional({ type: AnswerWarningResponse, isArray: true, description: WARNINGS_DESCRIPTION })
  warnings?: AnswerWarningResponse[];
}
