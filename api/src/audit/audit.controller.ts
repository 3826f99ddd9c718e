import { ApiProblems } from '../common/api-problems';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { QueryInteger } from '../common/validation';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { FIELD_LIMITS } from '../common/field-limits';
import { AuditService } from './audit.service';

/** Entries per page by default and at most: with details of at most 16 KB, a page stays small. */
export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 200;

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'shiyan-social-assistance' })
  @IsOptional()
  @IsString()
  @Length(1, FIELD_LIMITS.rulesetKey)
  ruleset?: string;

  @ApiPropertyOptional({ example: '2021' })
  @IsOptional()
  @IsString()
  @Length(1, FIELD_LIMITS.versionLabel)
  version?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: MAX_AUDIT_PAGE, default: DEFAULT_AUDIT_PAGE })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit?: number;

  @ApiPropertyOptional({
    example: '1234',
    description: 'Only entries older than the entry with this id (the next page: the last id of this one)',
  })
  @IsOptional()
  @QueryInteger()
  @IsInt()
  @Min(1)
  before?: number;
}

export class AuditEntryResponse {
  @ApiProperty({
    example: '1234',
    description: 'Increasing with time; pass it as `before` for older entries',
  })
  id!: string;
  @ApiProperty({ example: '2026-11-28T09:30:00.000Z' }) at!: string;
  @ApiProperty({ example: 'wang.fang' }) actor!: string;
  @ApiProperty({ example: 'published' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) ruleset!: string | null;
  @ApiProperty({ nullable: true, type: String }) version!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed' }) details!: object;
}

@ApiTags('audit')
@ApiProblems(400, 401, 403, 503)
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    summary: 'Read the audit log',
    description:
      'Every import, draft, edit, submission, publication and withdrawal, newest first: `at`, `actor`, `action`, `ruleset`, `version` and what changed. Filter by `ruleset` and `version`; page with `limit` (default 50, at most 200) and `before=<id>`.',
  })
  @Roles('admin', 'approver')
  @ApiOkResponse({ type: AuditEntryResponse, isArray: true })
  async list(@Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    const rows = await this.audit.list({
      ruleset: query.ruleset,
      version: query.version,
      limit: query.limit ?? DEFAULT_AUDIT_PAGE,
      ...(query.before !== undefined ? { before: query.before } : {}),
    });
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      ruleset: r.rulesetKey,
      version: r.version,
      details: r.details,
    }));
  }
}
