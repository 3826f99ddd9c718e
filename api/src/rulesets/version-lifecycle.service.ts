import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { ConflictError, ForbiddenError, UnprocessableError } from '../common/domain-errors';
import { RulesetVersionRow } from '../database/entities';
import { isUniqueViolation } from '../database/query-errors';
import type { ValidationReport } from '../engine';
import { WorkerPoolService } from '../workers/worker-pool.service';
import { PublishedVersionsService } from './published-versions.service';
import { VersionsRepository } from './versions.repository';

/**
 * The lifecycle of a version: draft → in_review → published → withdrawn. Submitting and publishing
 * need a valid version; a version is published by an approver who did not edit it (four eyes);
 * every step is audited in the same transaction.
 */
@Injectable()
export class VersionLifecycleService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
    @Inject(VersionsRepository) private readonly versions: VersionsRepository,
    @Inject(WorkerPoolService) private readonly workers: WorkerPoolService,
  ) {}

  /** Validates a version: schema, expressions, constraints against the version before it, its tests. */
  async validate(key: string, label: string): Promise<ValidationReport> {
    return this.report(await this.versions.requireVersion(key, label));
  }

  /** draft → in_review, when the version is valid. */
  async submit(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
    if (row.status !== 'draft')
      throw new ConflictError(`Only a draft can be submitted; version ${label} is ${row.status}`);
    await this.requireValid(row);
    return this.transition(principal, row, 'draft', 'in_review', 'submitted', {
      submittedBy: principal.name,
      submittedAt: new Date(),
    });
  }

  /**
   * in_review → published, by an approver who is a person (never a service account) and who neither
   * drafted nor edited the version, through any token or API key (four eyes by person).
   */
  async publish(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
    if (row.status !== 'in_review')
      throw new ConflictError(`Only a version in review can be published; version ${label} is ${row.status}`);
    await this.requireFourEyes(principal, row);
    const clash = await this.dataSource
      .getRepository(RulesetVersionRow)
      .findOneBy({ rulesetKey: key, status: 'published', effectiveFrom: row.effectiveFrom });
    if (clash)
      throw new ConflictError(
        `Version ${clash.version} is already published from ${row.effectiveFrom}; withdraw it first`,
      );
    await this.requireValid(row);
    const published = await this.transition(principal, row, 'in_review', 'published', 'published', {
      publishedBy: principal.name,
      publishedAt: new Date(),
    });
    await this.published.refresh();
    return published;
  }

  /** published → withdrawn, with a reason; evaluation falls back to the version in force before it. */
  async withdraw(
    principal: Principal,
    key: string,
    label: string,
    reason: string,
  ): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
    if (row.status !== 'published')
      throw new ConflictError(`Only a published version can be withdrawn; version ${label} is ${row.status}`);
    const withdrawn = await this.transition(
      principal,
      row,
      'published',
      'withdrawn',
      'withdrawn',
      { withdrawnBy: principal.name, withdrawnAt: new Date(), withdrawnReason: reason },
      { reason },
    );
    await this.published.refresh();
    return withdrawn;
  }

  private async transition(
    principal: Principal,
    row: RulesetVersionRow,
    from: RulesetVersionRow['status'],
    to: RulesetVersionRow['status'],
    action: 'submitted' | 'published' | 'withdrawn',
    fields: Partial<Omit<RulesetVersionRow, 'content'>>,
    details: Record<string, unknown> = {},
  ): Promise<RulesetVersionRow> {
    try {
      return await this.dataSource.transaction(async (m) => {
        const result = await m.update(
          RulesetVersionRow,
          { id: row.id, status: from, contentHash: row.contentHash },
          { status: to, ...fields },
        );
        if (result.affected !== 1)
          throw new ConflictError(`Version ${row.version} changed meanwhile; reload it`);
        await this.audit.record(
          {
            actor: principal,
            action,
            ruleset: row.rulesetKey,
            version: row.version,
            details: { from, to, contentHash: row.contentHash, ...details },
          },
          m,
        );
        return this.versions.requireVersion(row.rulesetKey, row.version, m);
      });
    } catch (e) {
      // The partial unique index: another version of this ruleset was published from the same date
      // meanwhile (the check before the transaction cannot see a concurrent publish).
      if (to === 'published' && isUniqueViolation(e))
        throw new ConflictError(
          `Another version of ${row.rulesetKey} was just published from ${row.effectiveFrom}; withdraw it first`,
        );
      throw e;
    }
  }

  /**
   * Four eyes by person: the publisher is not a service account and differs from every person who
   * drafted or edited the version (its audit trail, and the row's own record of who made and last
   * changed it), whichever token or API key each of them used, and from whoever created an API key
   * (a service account's included) through which the version was drafted or edited.
   * @throws ForbiddenError naming the rule when it does not hold.
   */
  private async requireFourEyes(principal: Principal, row: RulesetVersionRow): Promise<void> {
    if (principal.kind === 'service-account')
      throw new ForbiddenError(
        `${principal.person} is a service account; only an approver in person may publish (four-eyes rule)`,
      );
    const authors = new Set([row.createdBy, row.updatedBy]);
    // Who drafted or edited, and, for work done through an API key, who created that key: a
    // service account's key acts for `service:<name>`, but the official who made it is an author too.
    const entries = (await this.dataSource.query(
      `SELECT DISTINCT a.actor, k.created_by AS key_creator
         FROM audit_log a
         LEFT JOIN api_keys k ON k.id::text = a.details->'apiKey'->>'id'
        WHERE a.ruleset_key = $1 AND a.version = $2 AND a.action IN ('drafted', 'edited')`,
      [row.rulesetKey, row.version],
    )) as { actor: string; key_creator: string | null }[];
    for (const entry of entries) {
      authors.add(entry.actor);
      if (entry.key_creator) authors.add(entry.key_creator);
    }
    if (authors.has(principal.person))
      throw new ForbiddenError(
        `${principal.person} drafted or edited version ${row.version}; another approver must publish it (four-eyes rule)`,
      );
  }

  private async requireValid(row: RulesetVersionRow): Promise<void> {
    const report = await this.report(row);
    if (!report.valid)
      throw new UnprocessableError(
        `Version ${row.version} is not valid: ${report.errors.length} problem(s)`,
        report.errors,
      );
  }

  /**
   * The validation report of a row, compared with the published version in force before it. It runs
   * on an engine worker: validating a large draft takes long enough to stall the event loop.
   */
  private async report(row: RulesetVersionRow): Promise<ValidationReport> {
    const previous =
      this.published.catalog(row.rulesetKey)?.previousOf(row.effectiveFrom, row.version) ?? null;
    return this.workers.validate(
      { hash: row.contentHash, document: row.content },
      previous && { hash: previous.contentHash, document: previous.document },
      `Validating version ${row.version}`,
    );
  }
}
