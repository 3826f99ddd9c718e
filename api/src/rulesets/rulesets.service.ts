import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hasAnyRole, type Principal } from '../auth/roles';
import { ForbiddenError } from '../common/domain-errors';
import { RulesetRow, type RulesetVersionRow } from '../database/entities';
import { PublishedVersionsService } from './published-versions.service';
import { VersionsRepository } from './versions.repository';

/** Reading rulesets and versions: the list, each ruleset's versions, one version's content. */
@Injectable()
export class RulesetsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(VersionsRepository) private readonly versions: VersionsRepository,
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
  ) {}

  /** The rulesets, each with its title and (from its newest published version) jurisdictions. */
  async listRulesets(): Promise<
    {
      key: string;
      title: { zh: string; en: string };
      jurisdictionGroups: unknown[];
      jurisdictions: unknown[];
    }[]
  > {
    let rows: Pick<RulesetRow, 'key' | 'title'>[];
    try {
      rows = await this.dataSource.getRepository(RulesetRow).find({ order: { key: 'ASC' } });
    } catch {
      // Database down: the published rulesets in memory still answer.
      rows = this.published
        .allCatalogs()
        .map((c) => ({ key: c.key, title: c.latest?.document.metadata.title ?? { zh: c.key, en: c.key } }));
    }
    return rows.map((row) => {
      const latest = this.published.catalog(row.key)?.latest?.document;
      return {
        key: row.key,
        title: row.title,
        jurisdictionGroups: latest?.jurisdictionGroups ?? [],
        jurisdictions: latest?.jurisdictions ?? [],
      };
    });
  }

  /** Every version of a ruleset, oldest first. */
  async listVersions(key: string): Promise<RulesetVersionRow[]> {
    await this.versions.requireRuleset(key);
    return this.versions.summaries(key);
  }

  /**
   * One version with its content. Published versions: any role. Drafts and versions in review: editors,
   * approvers and analysts (who evaluate them); withdrawn ones: editors and approvers.
   * @throws ForbiddenError (403) for any other role.
   */
  async getVersion(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
    if (row.status === 'published' || hasAnyRole(principal, ['editor', 'approver'])) return row;
    if (row.status === 'withdrawn')
      throw new ForbiddenError(
        `Version ${label} of ${key} is ${row.status}: only editors and approvers may read it`,
      );
    if (!hasAnyRole(principal, ['analyst']))
      throw new ForbiddenError(
        `Version ${label} of ${key} is ${row.status}: only editors, approvers and analysts may read it`,
      );
    return row;
  }
}
