import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import { addDays, Clock } from '../common/clock';
import { ConflictError, ForbiddenError, UnprocessableError } from '../common/domain-errors';
import { RulesetVersionRow } from '../database/entities';
import { isUniqueViolation } from '../database/query-errors';
import type { FieldProblem, ValidationReport } from '../engine';
import { WorkerPoolService } from '../workers/worker-pool.service';
import { PublishedVersionsService } from './published-versions.service';
import { VersionsRepository } from './versions.repository';

/** A range of calendar dates, both ends included; `to: null` means every later date too. */
export interface DateRange {
  from: string;
  to: string | null;
}

/** A validation report whose warnings may include lifecycle warnings (code `retroactive`). */
export type LifecycleValidationReport = Omit<ValidationReport, 'warnings'> & {
  warnings: (ValidationReport['warnings'][number] | FieldProblem)[];
};

/**
 * The lifecycle of a version: draft → in_review → published → withdrawn, and in_review → draft
 * (returned for more edits). Submitting and publishing need a valid version; a version is published
 * by an approver who did not edit it (four eyes); publishing a version from a past date and
 * withdrawing one whose dates no other version covers need an explicit acknowledgement; every step
 * is audited in the same transaction.
 */
@Injectable()
export class VersionLifecycleService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
    @Inject(VersionsRepository) private readonly versions: VersionsRepository,
    @Inject(WorkerPoolService) private readonly workers: WorkerPoolService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * Validates a version: schema, expressions, constraints against the version before it, its tests.
   * A draft or version in review whose `effectiveFrom` is before today (China) also gets the warning
   * `retroactive` (it stays valid: publishing it then needs an acknowledgement).
   */
  async validate(key: string, label: string): Promise<LifecycleValidationReport> {
    const row = await this.versions.requireVersion(key, label);
    const report = await this.report(row);
    if (row.status !== 'draft' && row.status !== 'in_review') return report;
    const retroactive = await this.retroactiveWarning(row);
    return retroactive ? { ...report, warnings: [...report.warnings, retroactive] } : report;
  }

  /**
   * The warning `retroactive` (path `/metadata/effectiveFrom`) for a version of `rulesetKey` taking
   * effect on `effectiveFrom`, when that is before today (China): publishing it changes answers
   * already given, and needs an acknowledgement. Null otherwise.
   */
  async retroactiveWarning(
    row: Pick<RulesetVersionRow, 'rulesetKey' | 'effectiveFrom'>,
  ): Promise<FieldProblem | null> {
    const affected = await this.retroactiveDates(row);
    if (!affected) return null;
    return {
      path: '/metadata/effectiveFrom',
      code: 'retroactive',
      message:
        `生效日期 ${row.effectiveFrom} 早于今天 ${this.clock.today()}:发布将改变 ${affected.from} 至 ${affected.to} ` +
        `已给出的答复,发布时须确认 (acknowledgeRetroactive) / effectiveFrom ${row.effectiveFrom} is before ` +
        `today ${this.clock.today()}: publishing changes the answers already given for ${affected.from} to ` +
        `${affected.to}, and needs "acknowledgeRetroactive": true`,
    };
  }

  /**
   * The dates whose answers publishing `row` would change when its `effectiveFrom` is before today
   * (China): from `effectiveFrom` to today, or to the day before the next published version starts
   * if that is earlier. Null when `effectiveFrom` is today or later (not retroactive).
   */
  private async retroactiveDates(
    row: Pick<RulesetVersionRow, 'rulesetKey' | 'effectiveFrom'>,
  ): Promise<{ from: string; to: string } | null> {
    const today = this.clock.today();
    if (row.effectiveFrom >= today) return null;
    const later = await this.dataSource
      .getRepository(RulesetVersionRow)
      .createQueryBuilder('v')
      .where('v.ruleset_key = :key AND v.status = :status AND v.effective_from > :from', {
        key: row.rulesetKey,
        status: 'published',
        from: row.effectiveFrom,
      })
      .orderBy('v.effective_from', 'ASC')
      .getOne();
    const end = later && later.effectiveFrom <= today ? addDays(later.effectiveFrom, -1) : today;
    return { from: row.effectiveFrom, to: end };
  }

  /**
   * The dates that withdrawing `row` leaves with no published version in force: when it is the
   * earliest published version, from its `effectiveFrom` to the day before the next one starts
   * (or every later date, when it is the only one); otherwise none (the version before it covers them).
   * Read inside the withdrawal's transaction, locking the ruleset's published rows, so that two
   * withdrawals at once see each other's outcome.
   */
  private async uncoveredDates(row: RulesetVersionRow, m: EntityManager): Promise<DateRange[]> {
    const published = (await m.query(
      `SELECT id, effective_from::text AS effective_from FROM ruleset_versions
        WHERE ruleset_key = $1 AND status = 'published'
        ORDER BY effective_from
          FOR UPDATE`,
      [row.rulesetKey],
    )) as { id: string; effective_from: string }[];
    if (published[0]?.id !== row.id) return [];
    const next = published[1];
    return [{ from: row.effectiveFrom, to: next ? addDays(next.effective_from, -1) : null }];
  }

  /** draft → in_review, when the version is valid. */
  async submit(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
    if (row.status !== 'draft')
      throw new ConflictError(`Only a draft can be submitted; version ${label} is ${row.status}`);
    await this.requireValid(row);
    return this.transition(principal, row, 'draft', 'in_review', 'submitted', {
      submittedBy: principal.name,
      submittedAt: this.clock.now(),
    });
  }

  /**
   * in_review → published, by an approver who is a person (never a service account) and who neither
   * drafted nor edited the version, through any token or API key (four eyes by person). A version
   * whose `effectiveFrom` is before today (China) changes answers already given: it is published only
   * with `acknowledgeRetroactive`. The audit entry records `effectiveFrom`, `retroactive` and, when
   * retroactive, the `affectedDates`.
   * @throws ConflictError (409) naming `/acknowledgeRetroactive` and the dates affected when the
   * acknowledgement is missing; ForbiddenError (403) for four eyes; UnprocessableError (422) when invalid.
   */
  async publish(
    principal: Principal,
    key: string,
    label: string,
    options: { acknowledgeRetroactive?: boolean } = {},
  ): Promise<RulesetVersionRow> {
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
    const affected = await this.retroactiveDates(row);
    if (affected && options.acknowledgeRetroactive !== true)
      throw new ConflictError(
        `Version ${label} takes effect on ${row.effectiveFrom}, before today ${this.clock.today()}: publishing it ` +
          `changes the answers already given for ${affected.from} to ${affected.to}; send ` +
          `"acknowledgeRetroactive": true to publish it anyway`,
        [
          {
            path: '/acknowledgeRetroactive',
            message: `must be true to publish retroactively: the answers for ${affected.from} to ${affected.to} change`,
          },
        ],
      );
    await this.requireValid(row);
    const published = await this.transition(
      principal,
      row,
      'in_review',
      'published',
      'published',
      { publishedBy: principal.name, publishedAt: this.clock.now() },
      {
        effectiveFrom: row.effectiveFrom,
        retroactive: affected !== null,
        ...(affected ? { affectedDates: affected } : {}),
      },
    );
    await this.published.refresh();
    return published;
  }

  /**
   * published → withdrawn, with a reason; evaluation falls back to the version in force before it.
   * Withdrawing the earliest (or only) published version leaves its dates with no version in force:
   * that needs `acknowledgeUncoveredDates`, and the audit entry records the `uncoveredDates`.
   * @throws ConflictError (409) naming `/acknowledgeUncoveredDates` and the dates when it is missing.
   */
  async withdraw(
    principal: Principal,
    key: string,
    label: string,
    reason: string,
    options: { acknowledgeUncoveredDates?: boolean } = {},
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
      { withdrawnBy: principal.name, withdrawnAt: this.clock.now(), withdrawnReason: reason },
      async (m) => {
        const uncovered = await this.uncoveredDates(row, m);
        if (uncovered.length > 0 && options.acknowledgeUncoveredDates !== true) {
          const dates = uncovered.map(rangeText).join(', ');
          throw new ConflictError(
            `Withdrawing version ${label} leaves ${dates} with no version in force (evaluation there ` +
              `answers 404); send "acknowledgeUncoveredDates": true to withdraw it anyway`,
            [
              {
                path: '/acknowledgeUncoveredDates',
                message: `must be true to leave ${dates} with no version in force`,
              },
            ],
          );
        }
        return { reason, ...(uncovered.length > 0 ? { uncoveredDates: uncovered } : {}) };
      },
    );
    await this.published.refresh();
    return withdrawn;
  }

  /**
   * in_review → draft, for more edits, by an editor or an approver, with a reason (audited as
   * `returned`). The draft can then be edited and submitted again.
   * @throws ConflictError (409) when the version is not in review.
   */
  async returnToDraft(
    principal: Principal,
    key: string,
    label: string,
    reason: string,
  ): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
    if (row.status !== 'in_review')
      throw new ConflictError(
        `Only a version in review can be returned to draft; version ${label} is ${row.status}`,
      );
    return this.transition(
      principal,
      row,
      'in_review',
      'draft',
      'returned',
      { submittedBy: null, submittedAt: null },
      { reason },
    );
  }

  private async transition(
    principal: Principal,
    row: RulesetVersionRow,
    from: RulesetVersionRow['status'],
    to: RulesetVersionRow['status'],
    action: 'submitted' | 'published' | 'withdrawn' | 'returned',
    fields: Partial<Omit<RulesetVersionRow, 'content'>>,
    details: Record<string, unknown> | ((m: EntityManager) => Promise<Record<string, unknown>>) = {},
  ): Promise<RulesetVersionRow> {
    try {
      return await this.dataSource.transaction(async (m) => {
        // Checks that must see the state this transaction changes run first, and may refuse it.
        const recorded = typeof details === 'function' ? await details(m) : details;
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
            details: { from, to, contentHash: row.contentHash, ...recorded },
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

/** A date range as people read it: `2017-02-25 – 2017-09-30`, or `2017-02-25 起` for an open one. */
function rangeText(range: DateRange): string {
  return range.to === null ? `${range.from} 起 (from ${range.from} on)` : `${range.from} – ${range.to}`;
}
