import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { RulesetRow, RulesetVersionRow } from '../database/entities';
import { loadCatalogs } from '../ruleset-files/ruleset-files';

/**
 * On first start, imports the shipped `rulesets/` as published versions (audited as `imported`).
 * A ruleset that already has versions in the database is left alone: from then on, changes go
 * through drafts and four-eyes publishing.
 */
@Injectable()
export class RulesetImportService {
  private readonly logger = new Logger('Import');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async importShippedRulesets(): Promise<void> {
    const catalogs = loadCatalogs(this.env.rulesetsDir);
    for (const catalog of catalogs.values()) {
      await this.dataSource.transaction(async (m) => {
        // Serialise concurrent replicas starting together.
        await m.query('SELECT pg_advisory_xact_lock(7170225)');
        if ((await m.count(RulesetVersionRow, { where: { rulesetKey: catalog.key } })) > 0) return;
        const latest = catalog.latest;
        await m.upsert(
          RulesetRow,
          {
            key: catalog.key,
            title: latest?.document.metadata.title ?? { zh: catalog.key, en: catalog.key },
          },
          ['key'],
        );
        const now = new Date();
        for (const v of catalog.versions) {
          await m.insert(RulesetVersionRow, {
            rulesetKey: v.key,
            version: v.version,
            status: 'published',
            effectiveFrom: v.effectiveFrom,
            content: v.document as object,
            contentHash: v.contentHash,
            basedOn: null,
            createdBy: 'import',
            createdAt: now,
            updatedBy: 'import',
            updatedAt: now,
            submittedBy: null,
            submittedAt: null,
            publishedBy: 'import',
            publishedAt: now,
            withdrawnBy: null,
            withdrawnAt: null,
            withdrawnReason: null,
          });
          await this.audit.record(
            {
              actor: 'system',
              action: 'imported',
              ruleset: v.key,
              version: v.version,
              details: { contentHash: v.contentHash, effectiveFrom: v.effectiveFrom },
            },
            m,
          );
        }
        this.logger.log(`Imported ${catalog.versions.length} published versions of ${catalog.key}`);
      });
    }
  }
}
