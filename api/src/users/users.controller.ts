import { ApiProblems } from '../common/api-problems';
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
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
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserResponse } from './users.dto';
import { UsersService, type UserView } from './users.service';

const toUserResponse = (row: UserView): UserResponse => ({
  id: row.id,
  username: row.username,
  roles: row.roles as UserResponse['roles'],
  disabled: row.disabled,
  createdAt: row.createdAt.toISOString(),
  passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
});

@ApiTags('auth and accounts')
@ApiProblems(400, 401, 403, 404, 409, 422, 503)
@ApiBearerAuth()
@Roles('admin')
@Controller('api/v1/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a user',
    description:
      'Creates an official or a system account with the roles given (admin, editor, approver, analyst, caseworker).',
  })
  @ApiCreatedResponse({ type: UserResponse })
  async createUser(@CurrentPrincipal() actor: Principal, @Body() body: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.createUser(actor, body.username, body.password, body.roles));
  }

  @Get()
  @ApiOperation({
    summary: 'List users',
    description: 'Every user with roles and status; never password hashes.',
  })
  @ApiOkResponse({ type: UserResponse, isArray: true, description: 'Every user, by username' })
  async listUsers(): Promise<UserResponse[]> {
    return (await this.users.listUsers()).map(toUserResponse);
  }

  @Patch(':username')
  @ApiOperation({
    summary: "Change a user's roles or disable them",
    description:
      'Tokens issued before stop working. An admin cannot disable themself or drop their own admin role (409).',
  })
  @ApiOkResponse({
    type: UserResponse,
    description:
      'Changes roles or disables (or enables) the user: tokens already issued stop working. ' +
      'An admin cannot disable themself or remove their own admin role (409).',
  })
  async updateUser(
    @CurrentPrincipal() actor: Principal,
    @Param('username') username: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.updateUser(actor, username, body));
  }

  @Post(':username/password')
  @ApiOperation({
    summary: "Reset a user's password",
    description: "Sets a new password, ends the user's sessions and clears their failed-login count (204).",
  })
  @HttpCode(204)
  @ApiNoContentResponse({
    description: "Sets the user's password: their tokens stop working and failed logins are forgotten",
  })
  async resetPassword(
    @CurrentPrincipal() actor: Principal,
    @Param('username') username: string,
    @Body() body: ResetPasswordDto,
  ): Promise<void> {
    await this.users.resetPassword(actor, username, body.password);
  }
}
