import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkersModule } from '../workers/workers.module';
import { DraftsService } from './drafts.service';
import { PublishedVersionsService } from './published-versions.service';
import { RulesetImportService } from './ruleset-import.service';
import { RulesetsController } from './rulesets.controller';
import { RulesetsService } from './rulesets.service';
import { VersionAnalysisController } from './version-analysis.controller';
import { VersionAnalysisService } from './version-analysis.service';
import { VersionLifecycleService } from './version-lifecycle.service';
import { VersionsRepository } from './versions.repository';

/** Rulesets and their versions: reading, drafting, the lifecycle, the in-force index, first-start import. */
@Module({
  imports: [AuditModule, WorkersModule],
  controllers: [RulesetsController, VersionAnalysisController],
  providers: [
    VersionsRepository,
    RulesetsService,
    DraftsService,
    VersionLifecycleService,
    VersionAnalysisService,
    PublishedVersionsService,
    RulesetImportService,
  ],
  exports: [PublishedVersionsService, VersionsRepository],
})
export class RulesetsModule implements OnApplicationBootstrap {
  constructor(
    @Inject(RulesetImportService) private readonly importer: RulesetImportService,
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
  ) {}

  /** Imports the shipped rulesets on first start, then loads the in-force index and keeps it fresh. */
  async onApplicationBootstrap(): Promise<void> {
    await this.importer.importShippedRulesets();
    await this.published.refresh();
    this.published.startRefreshing();
  }
}
