import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/roles';
import {
  ConflictError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
} from '../common/domain-errors';
import { DATE_RANGE } from '../common/field-limits';
import { bodyLimitBytes, ENVIRONMENT, type Environment } from '../config/environment';
import { RulesetVersionRow } from '../database/entities';
import { isUniqueViolation } from '../database/query-errors';
import { dateProblem } from '../common/validation';
import {
  carriedDateOutOfRange,
  carryForward,
  contentHash,
  eligibilityWarnings,
  type AcceptedTests,
  type AcceptWarning,
  type Language,
  type FieldProblem,
  type RulesetVersion,
} from '../engine';
import { VersionCompileError, WorkerPoolService } from '../workers/worker-pool.service';
import { boundAccepted, etagValue } from './version-changes';
import { VersionsRepository } from './versions.repository';

/**
 * What the content must say of itself to be stored at this URL: the ruleset and version of the
 * URL, and an effective date the database can hold.
 */
export function placementProblems(document: RulesetVersion, key: string, label: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (document.metadata.key !== key)
    problems.push({ path: '/metadata/key', message: `must be "${key}", the ruleset of this URL` });
  if (document.metadata.version !== label)
    problems.push({ path: '/metadata/version', message: `must be "${label}", the version of this URL` });
  const date = dateProblem(document.metadata.effectiveFrom);
  if (date) problems.push({ path: '/metadata/effectiveFrom', message: date });
  return problems;
}

/**
 * Drafting: a new draft copied from a version, and whole-content replacement of a draft under
 * optimistic concurrency (If-Match with the content hash). Every change is audited in its transaction.
 */
@Injectable()
export class DraftsService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(VersionsRepository) private readonly versions: VersionsRepository,
    @Inject(WorkerPoolService) private readonly workers: WorkerPoolService,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /**
   * Creates a draft copied from `basedOn`, with its own label and effective date: the base's year in
   * the title becomes the new one, and the embedded tests are carried forward by whole years (their
   * `asOf` and household dates), so that an unchanged copy validates (see engine `carryForward`).
   * The audit entry says by how many years the tests moved (`testsMovedByYears`).
   */
  async createDraft(
    principal: Principal,
    key: string,
    input: { version: string; basedOn: string; effectiveFrom: string },
  ): Promise<RulesetVersionRow> {
    await this.versions.requireRuleset(key);
    const base = await this.dataSource
      .getRepository(RulesetVersionRow)
      .findOneBy({ rulesetKey: key, version: input.basedOn });
    if (!base)
      throw new UnprocessableError(`basedOn names no version of ${key}`, [
        { path: '/basedOn', message: `"${input.basedOn}" is not a version of ${key}` },
      ]);
    const { document: content, years } = carryForward(
      base.content as RulesetVersion,
      input.version,
      input.effectiveFrom,
    );
    const outside = carriedDateOutOfRange(content);
    if (outside)
      throw new UnprocessableError(`The copy's dates would leave the dates the service accepts`, [
        {
          path: '/effectiveFrom',
          message:
            `生效日期 ${input.effectiveFrom} 使副本的日期 ${outside.date}（${outside.path}，测试前移 ${years} 年）` +
            `超出 ${DATE_RANGE.min} 至 ${DATE_RANGE.max} / effective from ` +
            `${input.effectiveFrom}, the copy's tests move by ${years} years and its date ${outside.date} ` +
            `(${outside.path}) would leave ${DATE_RANGE.min} to ${DATE_RANGE.max}`,
        },
      ]);
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
            actor: principal,
            action: 'drafted',
            ruleset: key,
            version: input.version,
            details: {
              basedOn: input.basedOn,
              effectiveFrom: input.effectiveFrom,
              contentHash: hash,
              testsMovedByYears: years,
            },
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
    auditDetails: Record<string, unknown> = {},
  ): Promise<RulesetVersionRow> {
    const row = await this.requireEditable(key, label, ifMatch);
    const expected = row.contentHash;
    // On a worker: the bounds (content that would make validation or evaluation expensive or
    // unsafe is never stored), the hash and the change summary cost too much for the event loop.
    const prepared = await this.workers.prepareEdit(
      { hash: row.contentHash, document: row.content },
      content,
      `Checking the new content of version ${label}`,
    );
    if (!('document' in prepared))
      throw new UnprocessableError(
        'The content does not follow the ruleset format or its limits',
        prepared.problems,
      );
    const { document, hash: newHash, changes } = prepared;
    const problems = placementProblems(document, key, label);
    if (problems.length > 0)
      throw new UnprocessableError('The content does not fit this ruleset and version', problems);
    // Saving the same content again changes nothing: no write, no audit entry.
    if (newHash === row.contentHash) return row;
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
        const current = await this.versions.requireVersion(key, label, m);
        if (current.status !== 'draft')
          throw new ConflictError(`Version ${label} is ${current.status} and cannot be edited`);
        throw this.stale(current.contentHash);
      }
      await this.audit.record(
        {
          actor: principal,
          action: 'edited',
          ruleset: key,
          version: label,
          details: {
            fromHash: row.contentHash,
            toHash: newHash,
            changes,
            ...auditDetails,
          },
        },
        m,
      );
      // The row as just written (reading it back would fetch the whole content again).
      return {
        ...row,
        content: document as object,
        contentHash: newHash,
        effectiveFrom: document.metadata.effectiveFrom,
        updatedBy: principal.name,
        updatedAt: now,
      };
    });
  }

  /**
   * Accepts what the draft now computes as the expected results of the chosen tests (`'all'` or
   * their names), saved as an edit like any other: If-Match as for {@link replaceDraft} (428, 412),
   * and an `edited` audit entry whose `accepted` lists each accepted test with its lines, totals and
   * eligibility old → new. Unknown names, households that cannot be evaluated and a draft that does
   * not compile are 422 naming them; nothing is saved then. `warnings` (in `language`) name each
   * accepted test whose expected eligibility flipped (`eligibility-changed`).
   */
  async acceptTests(
    principal: Principal,
    key: string,
    label: string,
    ifMatch: string | undefined,
    tests: 'all' | string[],
    language: Language = 'zh',
  ): Promise<{ row: RulesetVersionRow; warnings: AcceptWarning[] }> {
    const row = await this.requireEditable(key, label, ifMatch);
    let result: AcceptedTests;
    try {
      result = await this.workers.acceptTests(
        { hash: row.contentHash, document: row.content },
        tests,
        `Accepting the test results of version ${label}`,
      );
    } catch (e) {
      if (!(e instanceof VersionCompileError)) throw e;
      throw new UnprocessableError(
        `Version ${label} does not compile yet; validate it to see why`,
        (e.error as { errors?: FieldProblem[] }).errors ?? [],
      );
    }
    if (!('tests' in result))
      throw new UnprocessableError('These test results cannot be accepted', result.problems);
    const content = { ...(row.content as RulesetVersion), tests: result.tests };
    // A draft must stay one that a PUT can send back: accepted results may make it much larger.
    const size = Buffer.byteLength(JSON.stringify(content));
    const limit = bodyLimitBytes(this.env.bodyLimit);
    if (size > limit)
      throw new UnprocessableError(
        `Accepting these results would make version ${label} ${size} bytes, more than BODY_LIMIT (${limit} bytes), so it could no longer be saved; accept fewer tests or use smaller households`,
        [
          {
            path: '/tests',
            message: `the accepted results would make the version ${size} bytes, more than ${limit}`,
          },
        ],
      );
    const saved = await this.replaceDraft(principal, key, label, ifMatch, content, {
      accepted: boundAccepted(tests, result.accepted),
    });
    return { row: saved, warnings: eligibilityWarnings(result.accepted, language) };
  }

  /**
   * The draft at this URL, when `ifMatch` is its current ETag.
   * @throws ConflictError (not a draft), PreconditionRequiredError (no If-Match),
   * PreconditionFailedError (a stale one).
   */
  private async requireEditable(
    key: string,
    label: string,
    ifMatch: string | undefined,
  ): Promise<RulesetVersionRow> {
    const row = await this.versions.requireVersion(key, label);
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
    if (etagValue(ifMatch) !== row.contentHash) throw this.stale(row.contentHash);
    return row;
  }

  /** Someone else saved first: the ETag sent is no longer the content's. */
  private stale(current: string): PreconditionFailedError {
    return new PreconditionFailedError(
      `The version changed since you read it (now ${current}); reload, reapply your edit and save again`,
    );
  }
}
