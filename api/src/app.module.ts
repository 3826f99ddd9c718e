import { Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth/auth.guard';
import { PrincipalsService } from './auth/principals.service';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { ENVIRONMENT, type Environment } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { EvaluationController } from './evaluation/evaluation.controller';
import { EvaluationService } from './evaluation/evaluation.service';
import { HealthController } from './health/health.controller';
import { PublishedVersionsService } from './rulesets/published-versions.service';
import { RulesetImportService } from './rulesets/ruleset-import.service';
import { RulesetsController } from './rulesets/rulesets.controller';
import { RulesetsService } from './rulesets/rulesets.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Imports the shipped rulesets on first start, then loads the in-force index. */
class StartupTasks implements OnApplicationBootstrap {
  constructor(
    @Inject(RulesetImportService) private readonly importer: RulesetImportService,
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.importer.importShippedRulesets();
    await this.published.refresh();
    this.published.startRefreshing();
  }
}

/** The rules service: one module per feature folder, wired here with the validated environment. */
@Module({})
export class AppModule {
  static forEnvironment(env: Environment): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule,
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: env.loginRateLimitPerMinute }]),
      ],
      controllers: [
        HealthController,
        UsersController,
        RulesetsController,
        EvaluationController,
        AuditController,
      ],
      providers: [
        { provide: ENVIRONMENT, useValue: env },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        AuditService,
        PrincipalsService,
        UsersService,
        PublishedVersionsService,
        RulesetImportService,
        RulesetsService,
        EvaluationService,
        StartupTasks,
      ],
      exports: [ENVIRONMENT],
    };
  }
}
