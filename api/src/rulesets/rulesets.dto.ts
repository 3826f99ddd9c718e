import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
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

export class WithdrawVersionDto {
  @ApiProperty({ example: '标准测算有误,撤回重新审核 / the figures were wrong' })
  @IsString()
  @Length(5, 2000, { message: 'must say why, in 5 to 2000 characters' })
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
