import { ApiProblems } from '../common/api-problems';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyResponse, ApiKeySummary, CreateApiKeyDto } from './users.dto';

@ApiTags('auth and accounts')
@ApiProblems(400, 401, 403, 404, 422, 503)
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeysService) private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an API key',
    description:
      'Returns the key once (it is stored hashed). The key acts for the admin who created it (roles at most theirs), or with `serviceAccount: true` for the service account `service:<name>`, which never holds approver or admin. Expires after `expiresInDays` (default 365).',
  })
  @ApiCreatedResponse({ type: ApiKeyResponse })
  createApiKey(@CurrentPrincipal() actor: Principal, @Body() body: CreateApiKeyDto): Promise<ApiKeyResponse> {
    return this.apiKeys.create(actor, body);
  }

  @Get()
  @ApiOperation({
    summary: 'List API keys',
    description:
      'Every key with its name, roles, the person it acts for and its expiry; never the key itself.',
  })
  @ApiOkResponse({
    type: ApiKeySummary,
    isArray: true,
    description: 'Every key, revoked ones too; never the key',
  })
  async listApiKeys(): Promise<ApiKeySummary[]> {
    return (await this.apiKeys.list()).map((row) => ({
      id: row.id,
      name: row.name,
      roles: row.roles as ApiKeySummary['roles'],
      kind: row.kind,
      actsFor: row.actsFor,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      revokedBy: row.revokedBy,
    }));
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke an API key',
    description: "The key's next request is answered 401 (on other replicas within AUTH_REFRESH_SECONDS).",
  })
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'Revoked: its next request is 401 on this replica, and on every other within AUTH_REFRESH_SECONDS',
  })
  async revokeApiKey(@CurrentPrincipal() actor: Principal, @Param('id') id: string): Promise<void> {
    await this.apiKeys.revoke(actor, id);
  }
}
