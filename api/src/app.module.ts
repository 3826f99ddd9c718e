import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { ClockModule } from './common/clock';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { ENVIRONMENT, type Environment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { HealthModule } from './health/health.module';
import { RulesetsModule } from './rulesets/rulesets.module';
import { UsersModule } from './users/users.module';

/**
 * The rules service: one module per feature folder, given the validated environment (global, so
 * every module can inject it) and the one exception filter that answers with problem details.
 */
@Module({})
export class AppModule {
  static forEnvironment(env: Environment): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ClockModule,
        DatabaseModule,
        AuditModule,
        UsersModule,
        RulesetsModule,
        EvaluationModule,
        HealthModule,
      ],
      providers: [
        { provide: ENVIRONMENT, useValue: env },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [ENVIRONMENT],
    };
  }
}
