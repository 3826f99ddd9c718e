import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsOptional,
  registerDecorator,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { characterCount } from '../common/field-limits';
import { IsIsoDate, IsVersionLabel } from '../common/validation';
import type { RulesetVersionRow, VersionStatus } from '../database/entities';

export class CreateVersionDto {
  @IsVersionLabel()
  version!: string;

  @IsVersionLabel()
  basedOn!: string;

  @IsIsoDate({ example: '2021-01-01' })
  effectiveFrom!: string;
}

/** The fewest and most characters (code points, not bytes) a lifecycle reason may have. */
export const REASON_LIMITS = { min: 2, max: 2000 } as const;

/**
 * Characters that show nothing: white space and separators, control and format characters (U+200B),
 * default-ignorable code points (the Hangul fillers U+115F, U+1160, U+3164 and U+FFA0, variation
 * selectors, U+034F) and the braille blank U+2800.
 */
const INVISIBLE = /[\s\p{Z}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** How many characters of `text` are visible (see INVISIBLE). */
export function visibleCharacterCount(text: string): number {
  return characterCount(text.replace(INVISIBLE, ''));
}

/**
 * A reason for a lifecycle step (withdrawing, returning for edits): text with at least
 * `REASON_LIMITS.min` visible characters (blanks, control, format and other invisible characters
 * such as U+200B, U+3164 or U+2800 do not count) and at most `REASON_LIMITS.max` characters in all, counted in characters, not
 * bytes or UTF-16 units, so that "测算有误" (four characters, twelve bytes) is a reason.
 */
function IsReason(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReason',
      validator: {
        validate: (value: unknown): boolean => {
          if (typeof value !== 'string') return false;
          const visible = visibleCharacterCount(value);
          return visible >= REASON_LIMITS.min && characterCount(value) <= REASON_LIMITS.max;
        },
        defaultMessage: () =>
          `must say why: text of ${REASON_LIMITS.min} to ${REASON_LIMITS.max} characters, not blank or invisible`,
      },
    },
    options,
  );
}

export class PublishVersionDto {
  @ApiPropertyOptional({
    description:
      'Must be true to publish a version whose effectiveFrom is before today (China time): publishing it ' +
      'changes the answers already given for the dates from effectiveFrom to today',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  acknowledgeRetroactive?: boolean;
}

/** The most test names one acceptance may list. */
export const MAX_ACCEPTED_TEST_NAMES = 1000;

const acceptChoiceProblem = (value: unknown): string | null => {
  if (value === 'all') return null;
  if (!Array.isArray(value) || value.length === 0) return 'must be "all" or a non-empty list of test names';
  if (value.length > MAX_ACCEPTED_TEST_NAMES)
    return `must list at most ${MAX_ACCEPTED_TEST_NAMES} test names`;
  const bad = value.findIndex((n) => typeof n !== 'string' || n.length === 0);
  return bad >= 0 ? `item ${bad} must be a test name (a non-empty string)` : null;
};

/** Which tests of a draft take what it now computes as their expected results. */
export class AcceptTestsDto {
  @ApiProperty({
    oneOf: [
      { type: 'string', enum: ['all'] },
      { type: 'array', items: { type: 'string', minLength: 1 } },
    ],
    example: [
      'rural 房县: single elderly person (72), no income → dibao = S, elderly special increment, premium subsidy',
    ],
    description: '"all", or the names of the tests to accept',
  })
  tests!: 'all' | string[];
}
registerDecorator({
  name: 'isAcceptChoice',
  target: AcceptTestsDto,
  propertyName: 'tests',
  validator: {
    validate: (value: unknown) => acceptChoiceProblem(value) === null,
    defaultMessage: (args) => acceptChoiceProblem(args?.value) ?? '',
  },
});

export class WithdrawVersionDto {
  @ApiProperty({
    example: '测算有误',
    minLength: REASON_LIMITS.min,
    maxLength: REASON_LIMITS.max,
    description: `Why, in ${REASON_LIMITS.min} to ${REASON_LIMITS.max} characters (not bytes)`,
  })
  @IsReason()
  reason!: string;

  @ApiPropertyOptional({
    description:
      'Must be true to withdraw a version whose dates no other published version covers (the first or ' +
      'only one): evaluation on those dates then answers 404',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  acknowledgeUncoveredDates?: boolean;
}

export class ReturnVersionDto {
  @ApiProperty({
    example: '2021 年农村标准需按新文件调整 / rural standards must follow the new notice',
    minLength: REASON_LIMITS.min,
    maxLength: REASON_LIMITS.max,
    description: `Why the version goes back to draft, in ${REASON_LIMITS.min} to ${REASON_LIMITS.max} characters`,
  })
  @IsReason()
  reason!: string;
}

export class VersionSummary {
  @ApiProperty({ example: '2019' }) version!: string;
  @ApiProperty({ enum: ['draft', 'in_review', 'published', 'withdrawn'] }) status!: VersionStatus;
  @ApiProperty({ example: '2019-01-01' }) effectiveFrom!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty({ example: 'sha256:…' }) contentHash!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) basedOn!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty() updatedBy!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'Who submitted the version for review; null until it is submitted (and again once returned to draft)',
  })
  submittedBy!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'When it was submitted for review (ISO 8601, UTC); null as submittedBy',
  })
  submittedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) withdrawnReason!: string | null;
}

/** The API's view of a version row (without its content). */
export function toVersionSummary(row: RulesetVersionRow): VersionSummary {
  return {
    version: row.version,
    status: row.status,
    effectiveFrom: row.effectiveFrom,
    publishedAt: row.publishedAt ? row.publishedAt.toISOString() : null,
    contentHash: row.contentHash,
    basedOn: row.basedOn,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    submittedBy: row.submittedBy,
    submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
    publishedBy: row.publishedBy,
    withdrawnReason: row.withdrawnReason,
  };
}

export class RulesetSummary {
  @ApiProperty({ example: 'shiyan-social-assistance' }) key!: string;
  @ApiProperty({ example: { zh: '十堰市社会救助兜底标准', en: 'Shiyan social-assistance standards' } })
  title!: { zh: string; en: string };
  @ApiProperty({ type: 'array', items: { type: 'object' } }) jurisdictionGroups!: unknown[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [{ code: '420325', name: { zh: '房县', en: 'Fang County' }, groups: ['counties'] }],
  })
  jurisdictions!: unknown[];
}

export class ValidationReportResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) errors!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) warnings!: unknown[];
  @ApiProperty({ example: { passed: 54, failed: 0 } }) tests!: { passed: number; failed: number };
}

/** A warning of a test acceptance. */
export class AcceptWarningResponse {
  @ApiProperty({ example: 'eligibility-changed', description: 'Stable machine code' }) code!: string;
  @ApiProperty({ example: '房县 农村: income exactly at the line → not eligible' }) test!: string;
  @ApiProperty({
    example:
      '测试"房县 农村: income exactly at the line → not eligible"的预期资格改变(dibao:否 → 是):它现在检验的可能与名称所说的相反;边界测试(如收入恰好等于标准)应调整家庭,而不是接受新结果',
  })
  message!: string;
}

/** The answer to accepting test results: the draft's summary, and warnings when there are any. */
export class AcceptTestsResponse extends VersionSummary {
  @ApiPropertyOptional({
    type: AcceptWarningResponse,
    isArray: true,
    description: 'One per accepted test whose expected eligibility flipped; absent when none',
  })
  warnings?: AcceptWarningResponse[];
}
