import { ApiProblems } from '../common/api-problems';
import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreateUserDto,
  LoginDto,
  LoginResponse,
  UserResponse,
} from './users.dto';
import { UsersService } from './users.service';

@ApiTags('auth and accounts')
@ApiProblems(400, 401, 403, 409, 503)
@Controller('api/v1')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Post('auth/login')
  @Public()
  @UseGuards(ThrottlerGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  login(@Body() body: LoginDto): Promise<LoginResponse> {
    return this.users.login(body.username, body.password);
  }

  @Post('users')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: UserResponse })
  async createUser(@CurrentPrincipal() actor: Principal, @Body() body: CreateUserDto): Promise<UserResponse> {
    const row = await this.users.createUser(actor, body.username, body.password, body.roles);
    return { id: row.id, username: row.username, roles: body.roles };
  }

  @Post('api-keys')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCreatedResponse({ type: ApiKeyResponse })
  createApiKey(@CurrentPrincipal() actor: Principal, @Body() body: CreateApiKeyDto): Promise<ApiKeyResponse> {
    return this.users.createApiKey(actor, body.name, body.roles);
  }
}
