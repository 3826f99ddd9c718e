import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '../auth/roles';

export class CreateUserDto {
  @ApiProperty({ example: 'wang.fang', description: 'Letters, digits, dot, dash, underscore' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,100}$/, {
    message: 'must be 3 to 100 letters, digits, dots, dashes or underscores, such as "wang.fang"',
  })
  username!: string;

  @ApiProperty({ example: 'a long passphrase', minLength: 12 })
  @IsString()
  @Length(12, 200, { message: 'must be 12 to 200 characters long' })
  password!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['editor'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}

export class UserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'the password' })
  @IsString()
  @Length(1, 200)
  password!: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' }) accessToken!: string;
  @ApiProperty({ description: 'Seconds until the token expires', example: 3600 }) expiresIn!: number;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: '房县 case system' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['caseworker'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}

export class ApiKeyResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) key!: string;
}
