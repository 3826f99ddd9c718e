import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from '../auth/auth.guard';
import { PrincipalsService } from '../auth/principals.service';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Officials, system accounts and API keys, and the global guard that turns every request's bearer
 * token into a principal.
 */
@Module({
  imports: [
    AuditModule,
    ThrottlerModule.forRootAsync({
      inject: [ENVIRONMENT],
      useFactory: (env: Environment) => [{ name: 'login', ttl: 60_000, limit: env.loginRateLimitPerMinute }],
    }),
  ],
  controllers: [UsersController],
  providers: [PrincipalsService, UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [PrincipalsService],
})
export class UsersModule {}
