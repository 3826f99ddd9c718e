import { ApiProblems } from '../common/api-problems';
import { Body, Controller, Get, HttpCode, Inject, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Public } from '../auth/auth.decorators';
import type { Principal } from '../auth/roles';
import { ChangePasswordDto, CurrentAccountResponse, LoginDto, LoginResponse } from './users.dto';
import { UsersService } from './users.service';

/** The client address login throttling counts against (X-Forwarded-For only with TRUST_PROXY). */
const clientAddress = (request: Request): string => request.ip ?? request.socket?.remoteAddress ?? 'unknown';

@ApiTags('auth and accounts')
@Controller('api/v1/auth')
export class AuthController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Post('login')
  @ApiOperation({
    summary: 'Log in',
    description:
      'Exchanges a username and password for an access token valid for ACCESS_TOKEN_TTL_SECONDS. Wrong credentials and disabled users: 401; too many failures: 429 with Retry-After.',
  })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  @ApiProblems(400, 401, 429, 503)
  login(@Body() body: LoginDto, @Req() request: Request): Promise<LoginResponse> {
    return this.users.login(body.username, body.password, clientAddress(request));
  }

  @Get('me')
  @ApiOperation({
    summary: 'Who am I',
    description:
      'The account the token belongs to: its name (the person recorded as actor), roles and how it authenticated. The editor reads it after signing in to show what the official may do.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({ type: CurrentAccountResponse })
  @ApiProblems(401, 503)
  me(@CurrentPrincipal() principal: Principal): CurrentAccountResponse {
    return { username: principal.person, roles: [...principal.roles], kind: principal.kind };
  }

  @Put('password')
  @ApiOperation({
    summary: "Change one's own password",
    description:
      'Needs the current password; every earlier session ends and the answer carries a new access token.',
  })
  @ApiBearerAuth()
  @ApiOkResponse({
    type: LoginResponse,
    description: 'The password is changed; every token issued before stops working, and this is a new one',
  })
  @ApiProblems(400, 401, 403, 422, 429, 503)
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
  ): Promise<LoginResponse> {
    return this.users.changeOwnPassword(
      principal,
      body.currentPassword,
      body.newPassword,
      clientAddress(request),
    );
  }

  @Post('logout')
  @ApiOperation({
    summary: 'Sign out everywhere',
    description: 'Ends every session of the account, on every device: tokens issued before stop working.',
  })
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description: 'Signs out everywhere: every access token of the account issued so far stops working',
  })
  @ApiProblems(400, 401, 403, 503)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.users.logout(principal);
  }
}
