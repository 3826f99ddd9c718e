import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasAnyRole, type Principal } from '../auth/roles';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../common/domain-errors';
import { RulesetRow, RulesetVersionRow } from '../database/entities';
import {
  contentHash,
  readRulesetVersion,
  validateVersion,
  type CompiledVersion,
  type RulesetVersion,
  type ValidationReport,
} from '../engine';
import { PublishedVersionsService } from './published-versions.service';
import { etagValue, summariseChanges } from './version-changes';

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && (e as { code?: string }).code === '23505';

/**
 * The lifecycle of ruleset versions: draft → in_review → published → withdrawn. Published content
 * never changes; edits need the current content hash (If-Match); a version is published by an
 * approver who did not edit it last; every step is audited in the same transaction.
 */
@Injectable()
export class RulesetsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
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
    await this.requireRuleset(key);
    return this.dataSource.getRepository(RulesetVersionRow).find({
      // Everything but the content, which can be large.
      select: {
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
      },
      where: { rulesetKey: key },
      order: { effectiveFrom: 'ASC', version: 'ASC' },
    });
  }

  /** One version with its content; drafts and versions under review only for editors. */
  async getVersion(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.requireVersion(key, label);
    if (row.status !== 'published' && !hasAnyRole(principal, ['editor', 'approver'])) {
      throw new ForbiddenError(
        `Version ${label} of ${key} is ${row.status}: only editors and approvers may read it`,
      );
    }
    return row;
  }

  /** Creates a draft copied from `basedOn`, with its own label and effective date. */
  async createDraft(
    principal: Principal,
    key: string,
    input: { version: string; basedOn: string; effectiveFrom: string },
  ): Promise<RulesetVersionRow> {
    await this.requireRuleset(key);
    const base = await this.dataSource
      .getRepository(RulesetVersionRow)
      .findOneBy({ rulesetKey: key, version: input.basedOn });
    if (!base)
      throw new UnprocessableError(`basedOn names no version of ${key}`, [
        { path: '/basedOn', message: `"${input.basedOn}" is not a version of ${key}` },
      ]);
    const content = structuredClone(base.content) as RulesetVersion;
    content.metadata.version = input.version;
    content.metadata.effectiveFrom = input.effectiveFrom;
    const hash = contentHash(content);
    const now = new Date();
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = m.create(RulesetVersionRow, {
          rulesetKey: key,
          version: input.version,
          status: 'draft',
          effectiveFrom: input.effectiveFrom,
          content: content as object,
          contentHash: hash,
          basedOn: input.basedOn,
          createdBy: principal.name,
          createdAt: now,
          updatedBy: principal.name,
          updatedAt: now,
        });
        const saved = await m.save(row);
        await this.audit.record(
          {
            actor: principal.name,
            action: 'drafted',
            ruleset: key,
            version: input.version,
            details: { basedOn: input.basedOn, effectiveFrom: input.effectiveFrom, contentHash: hash },
          },
          m,
        );
        return saved;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(`Version ${input.version} of ${key} already exists`);
      throw e;
    }
  }

  /**
   * Replaces a draft's content. `ifMatch` must be the current content hash: a stale one means
   * someone else saved first (412), a missing one is refused (428). Published versions never change (409).
   */
  async replaceDraft(
    principal: Principal,
    key: string,
    label: string,
    ifMatch: string | undefined,
    content: unknown,
  ): Promise<RulesetVersionRow> {
    const row = await this.requireVersion(key, label);
    if (row.status !== 'draft') {
      throw new ConflictError(
        row.status === 'in_review'
          ? `Version ${label} is in review and cannot be edited`
          : `Version ${label} is ${row.status}; published content never changes`,
      );
    }
    if (!ifMatch || ifMatch.trim() === '*')
      throw new PreconditionRequiredError(
        `Send If-Match with the version's current ETag (${row.contentHash}) to edit it`,
      );
    const read = readRulesetVersion(content);
    if (!read.version)
      throw new UnprocessableError('The content does not follow the ruleset format', read.problems);
    const document = read.version;
    const mismatch = [
      ...(document.metadata.key !== key
        ? [{ path: '/metadata/key', message: `must be "${key}", the ruleset of this URL` }]
        : []),
      ...(document.metadata.version !== label
        ? [{ path: '/metadata/version', message: `must be "${label}", the version of this URL` }]
        : []),
    ];
    if (mismatch.length > 0)
      throw new UnprocessableError('The content names another ruleset or version', mismatch);
    const newHash = contentHash(document);
    const expected = etagValue(ifMatch);
    return this.dataSource.transaction(async (m) => {
      const now = new Date();
      const [, affected] = (await m.query(
        `UPDATE ruleset_versions SET content = $1, content_hash = $2, effective_from = $3, updated_by = $4, updated_at = $5
          WHERE ruleset_key = $6 AND version = $7 AND status = 'draft' AND content_hash = $8`,
        [
          JSON.stringify(document),
          newHash,
          document.metadata.effectiveFrom,
          principal.name,
          now,
          key,
          label,
          expected,
        ],
      )) as [unknown, number];
      if (affected !== 1) {
        const current = await this.requireVersion(key, label, m);
        if (current.status !== 'draft')
          throw new ConflictError(`Version ${label} is ${current.status} and cannot be edited`);
        throw new PreconditionFailedError(
          `The version changed since you read it (now ${current.contentHash}); reload, reapply your edit and save again`,
        );
      }
      await this.audit.record(
        {
          actor: principal.name,
          action: 'edited',
          ruleset: key,
          version: label,
          details: {
            fromHash: row.contentHash,
            toHash: newHash,
            changes: summariseChanges(row.content, document),
          },
        },
        m,
      );
      return this.requireVersion(key, label, m);
    });
  }

  /** Validates a version: schema, expressions, constraints against the version before it, its tests. */
  async validate(key: string, label: string): Promise<ValidationReport> {
    const row = await this.requireVersion(key, label);
    const { compiled: _compiled, ...report } = await validateVersion(
      row.content,
      this.previousPublished(key, row.effectiveFrom, label),
    );
    return report;
  }

  /** draft → in_review, when the version is valid. */
  async submit(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.requireVersion(key, label);
    if (row.status !== 'draft')
      throw new ConflictError(`Only a draft can be submitted; version ${label} is ${row.status}`);
    await this.requireValid(row);
    return this.transition(principal, row, 'draft', 'in_review', 'submitted', {
      submittedBy: principal.name,
      submittedAt: new Date(),
    });
  }

  /** in_review → published, by an approver who is not the version's last editor (four eyes). */
  async publish(principal: Principal, key: string, label: string): Promise<RulesetVersionRow> {
    const row = await this.requireVersion(key, label);
    if (row.status !== 'in_review')
      throw new ConflictError(`Only a version in review can be published; version ${label} is ${row.status}`);
    if (row.updatedBy === principal.name) {
      throw new ForbiddenError(
        `${principal.name} edited version ${label} last; another approver must publish it (four-eyes rule)`,
      );
    }
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
    const row = await this.requireVersion(key, label);
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
    return this.dataSource.transaction(async (m) => {
      const result = await m.update(
        RulesetVersionRow,
        { id: row.id, status: from, contentHash: row.contentHash },
        { status: to, ...fields },
      );
      if (result.affected !== 1)
        throw new ConflictError(`Version ${row.version} changed meanwhile; reload it`);
      await this.audit.record(
        {
          actor: principal.name,
          action,
          ruleset: row.rulesetKey,
          version: row.version,
          details: { from, to, contentHash: row.contentHash, ...details },
        },
        m,
      );
      return this.requireVersion(row.rulesetKey, row.version, m);
    });
  }

  private async requireValid(row: RulesetVersionRow): Promise<void> {
    const report = await validateVersion(
      row.content,
      this.previousPublished(row.rulesetKey, row.effectiveFrom, row.version),
    );
    if (!report.valid)
      throw new UnprocessableError(
        `Version ${row.version} is not valid: ${report.errors.length} problem(s)`,
        report.errors,
      );
  }

  /** The published version in force just before `effectiveFrom`, for year-on-year constraints. */
  private previousPublished(key: string, effectiveFrom: string, label: string): CompiledVersion | null {
    const catalog = this.published.catalog(key);
    if (!catalog) return null;
    const earlier = catalog.versions.filter((v) => v.effectiveFrom < effectiveFrom && v.version !== label);
    return earlier[earlier.length - 1] ?? null;
  }

  private async requireRuleset(key: string): Promise<void> {
    if (!(await this.dataSource.getRepository(RulesetRow).existsBy({ key })))
      throw new NotFoundError(`There is no ruleset "${key}"`);
  }

  private async requireVersion(
    key: string,
    label: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RulesetVersionRow> {
    const row = await manager.findOneBy(RulesetVersionRow, { rulesetKey: key, version: label });
    if (!row) throw new NotFoundError(`Ruleset "${key}" has no version "${label}"`);
    return row;
  }
}
