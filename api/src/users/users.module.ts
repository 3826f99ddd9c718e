import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from '../auth/auth.guard';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { PrincipalsService } from '../auth/principals.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Officials, service accounts and API keys, login throttling, and the global guard that turns
 * every request's bearer token into a principal.
 */
@Module({
  imports: [AuditModule],
  controllers: [AuthController, UsersController, ApiKeysController],
  providers: [
    PrincipalsService,
    LoginThrottleService,
    UsersService,
    ApiKeysService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [PrincipalsService],
})
export class UsersModule {}
