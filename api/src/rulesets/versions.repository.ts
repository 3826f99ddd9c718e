import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError } from '../common/domain-errors';
import { RulesetRow, RulesetVersionRow } from '../database/entities';

/** Every column of a version row but its content, which can be large. */
const SUMMARY_COLUMNS = {
  id: true,
  rulesetKey: true,
  version: true,
  status: true,
  effectiveFrom: true,
  contentHash: true,
  basedOn: true,
  createdBy: true,
  createdAt: true,
  updatedBy: true,
  updatedAt: true,
  submittedBy: true,
  submittedAt: true,
  publishedBy: true,
  publishedAt: true,
  withdrawnBy: true,
  withdrawnAt: true,
  withdrawnReason: true,
} as const;

/** Reads rulesets and version rows; a missing one is a NotFoundError, never a null. */
@Injectable()
export class VersionsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** @throws NotFoundError when there is no ruleset `key`. */
  async requireRuleset(key: string): Promise<void> {
    if (!(await this.dataSource.getRepository(RulesetRow).existsBy({ key })))
      throw new NotFoundError(`There is no ruleset "${key}"`);
  }

  /**
   * One version with its content, inside `manager`'s transaction when given.
   * @throws NotFoundError when the ruleset has no such version.
   */
  async requireVersion(
    key: string,
    label: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RulesetVersionRow> {
    const row = await manager.findOneBy(RulesetVersionRow, { rulesetKey: key, version: label });
    if (!row) throw new NotFoundError(`Ruleset "${key}" has no version "${label}"`);
    return row;
  }

  /**
   * One version without its content (which can be large).
   * @throws NotFoundError when the ruleset has no such version.
   */
  async requireSummary(key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.dataSource
      .getRepository(RulesetVersionRow)
      .findOne({ select: SUMMARY_COLUMNS, where: { rulesetKey: key, version: label } });
    if (!row) throw new NotFoundError(`Ruleset "${key}" has no version "${label}"`);
    return row;
  }

  /** Every version of a ruleset without content, oldest first. */
  summaries(key: string): Promise<RulesetVersionRow[]> {
    return this.dataSource.getRepository(RulesetVersionRow).find({
      select: SUMMARY_COLUMNS,
      where: { rulesetKey: key },
      order: { effectiveFrom: 'ASC', version: 'ASC' },
    });
  }
}
