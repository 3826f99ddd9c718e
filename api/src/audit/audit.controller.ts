import { ApiProblems } from '../common/api-problems';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { FIELD_LIMITS } from '../common/field-limits';
import { AuditService } from './audit.service';

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

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class AuditEntryResponse {
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
  @Roles('admin', 'approver')
  @ApiOkResponse({ type: AuditEntryResponse, isArray: true })
  async list(@Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    const rows = await this.audit.list({
      ruleset: query.ruleset,
      version: query.version,
      limit: query.limit ?? 200,
    });
    return rows.map((r) => ({
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      ruleset: r.rulesetKey,
      version: r.version,
      details: r.details,
    }));
  }
}
