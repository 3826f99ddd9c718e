import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { ROLES, SERVICE_ACCOUNT_PREFIX, type Role } from '../auth/roles';
import { characterCount, FIELD_LIMITS } from '../common/field-limits';

/** A username: letters, digits, dot, dash, underscore (never a colon, so never `service:…`). */
export const USERNAME = new RegExp(`^[A-Za-z0-9._-]{3,${FIELD_LIMITS.username}}$`);

/** The longest service account name: its person, `service:<name>`, must fit where usernames go. */
export const SERVICE_ACCOUNT_NAME_MAX = FIELD_LIMITS.username - SERVICE_ACCOUNT_PREFIX.length;

/** API keys last this many days unless `expiresInDays` says otherwise, and at most the maximum. */
export const API_KEY_DAYS = { default: 365, max: 1825 } as const;

/**
 * A text of `min` to `max` characters, counted as the database counts them (code points), so what
 * passes always fits its column. `max` may depend on the rest of the body.
 */
function Characters(min: number, max: number | ((body: object) => number), what?: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'characters',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          if (typeof value !== 'string') return false;
          const count = characterCount(value);
          return count >= min && count <= (typeof max === 'number' ? max : max(args?.object ?? {}));
        },
        defaultMessage: (args?: ValidationArguments) =>
          `must be ${min} to ${typeof max === 'number' ? max : max(args?.object ?? {})} characters long${what ? ` ${what}` : ''}`,
      },
    });
}

/** A list of distinct roles, at least one. */
function RoleList(): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayUnique(),
    IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` }),
  );
}

const PASSWORD_RULE = `${FIELD_LIMITS.passwordMin} to ${FIELD_LIMITS.passwordMax} characters`;

export class CreateUserDto {
  @ApiProperty({
    example: 'wang.fang',
    description: 'Letters, digits, dot, dash, underscore',
    pattern: USERNAME.source,
  })
  @IsString()
  @Matches(USERNAME, {
    message: `must be 3 to ${FIELD_LIMITS.username} letters, digits, dots, dashes or underscores, such as "wang.fang"`,
  })
  username!: string;

  @ApiProperty({
    example: 'a long passphrase',
    minLength: FIELD_LIMITS.passwordMin,
    maxLength: FIELD_LIMITS.passwordMax,
  })
  @IsString()
  @Characters(FIELD_LIMITS.passwordMin, FIELD_LIMITS.passwordMax)
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['editor'] })
  @RoleList()
  roles!: Role[];
}

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'wang.fang' }) username!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({ description: 'A disabled user cannot sign in; their tokens and API keys do not work' })
  disabled!: boolean;
  @ApiProperty({ example: '2026-11-28T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-29T08:00:00.000Z' })
  passwordChangedAt!: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    example: ['editor', 'approver'],
    description: 'The new roles (replacing the old ones); the user’s tokens stop working',
  })
  @IsOptional()
  @RoleList()
  roles?: Role[];

  @ApiPropertyOptional({
    example: true,
    description: 'Disable (the user’s tokens and API keys stop working) or enable again',
  })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({
    example: 'a new long passphrase',
    minLength: FIELD_LIMITS.passwordMin,
    maxLength: FIELD_LIMITS.passwordMax,
  })
  @IsString()
  @Characters(FIELD_LIMITS.passwordMin, FIELD_LIMITS.passwordMax)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'the current password', maxLength: FIELD_LIMITS.passwordMax })
  @IsString()
  @Characters(1, FIELD_LIMITS.passwordMax)
  currentPassword!: string;

  @ApiProperty({
    example: 'a new long passphrase',
    minLength: FIELD_LIMITS.passwordMin,
    maxLength: FIELD_LIMITS.passwordMax,
    description: `${PASSWORD_RULE}, different from the current one`,
  })
  @IsString()
  @Characters(FIELD_LIMITS.passwordMin, FIELD_LIMITS.passwordMax)
  newPassword!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: FIELD_LIMITS.username })
  @IsString()
  @Characters(1, FIELD_LIMITS.username)
  username!: string;

  @ApiProperty({ example: 'the password', maxLength: FIELD_LIMITS.passwordMax })
  @IsString()
  @Characters(1, FIELD_LIMITS.passwordMax)
  password!: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 }) expiresIn!: number;
}

export class CurrentAccountResponse {
  @ApiProperty({ example: 'wang.fang', description: 'The person recorded as actor for what this token does' })
  username!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['editor'] }) roles!: Role[];
  @ApiProperty({ enum: ['user', 'api-key', 'service-account'] }) kind!:
    'user' | 'api-key' | 'service-account';
}

export class CreateApiKeyDto {
  @ApiProperty({
    example: '房县 case system',
    maxLength: FIELD_LIMITS.apiKeyName,
    description: `At most ${FIELD_LIMITS.apiKeyName} characters; a service account's name, at most ${SERVICE_ACCOUNT_NAME_MAX}`,
  })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @Characters(1, (body) =>
    (body as CreateApiKeyDto).serviceAccount === true ? SERVICE_ACCOUNT_NAME_MAX : FIELD_LIMITS.apiKeyName,
  )
  name!: string;

  @ApiProperty({
    enum: ROLES,
    isArray: true,
    example: ['caseworker'],
    description:
      "A user's key: only roles its creator holds. A service account's key: never approver or admin.",
  })
  @RoleList()
  roles!: Role[];

  @ApiPropertyOptional({
    default: false,
    description:
      'true: the key acts for the service account `service:<name>` (never approver or admin); ' +
      'false: it acts for the user creating it, and stops working when that user is disabled',
  })
  @IsOptional()
  @IsBoolean()
  serviceAccount?: boolean;

  @ApiPropertyOptional({
    default: API_KEY_DAYS.default,
    minimum: 1,
    maximum: API_KEY_DAYS.max,
    description: 'Days until the key expires',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(API_KEY_DAYS.max)
  expiresInDays?: number;
}

export class ApiKeyResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) key!: string;
}

export class ApiKeySummary {
  @ApiProperty() id!: string;
  @ApiProperty({ example: '房县 case system' }) name!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiProperty({
    enum: ['user', 'service-account'],
    description: 'Whom the key acts for: the user who created it, or a service account',
  })
  kind!: 'user' | 'service-account';
  @ApiProperty({
    example: 'wang.fang',
    description: 'The accountable person: a username, or `service:<name>`; audit entries name them',
  })
  actsFor!: string;
  @ApiProperty({ example: 'admin' }) createdBy!: string;
  @ApiProperty({ example: '2026-11-28T09:30:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2027-11-28T09:30:00.000Z' }) expiresAt!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Approximate: written at most once per AUTH_REFRESH_SECONDS',
  })
  lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedBy!: string | null;
}
