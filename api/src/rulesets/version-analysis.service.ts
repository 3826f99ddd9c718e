import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/roles';
import { UnprocessableError } from '../common/domain-errors';
import { dateProblem } from '../common/validation';
import type { RulesetVersionRow } from '../database/entities';
import type { FieldProblem, Language, RulesetVersion, TestRun, VersionParameters } from '../engine';
import { VersionCompileError, WorkerPoolService } from '../workers/worker-pool.service';
import type { LabelledDiff, VersionSource } from '../workers/worker-protocol';
import { placementProblems } from './drafts.service';
import { PublishedVersionsService } from './published-versions.service';
import { RulesetsService } from './rulesets.service';
import { VersionLifecycleService } from './version-lifecycle.service';
import { VersionsRepository } from './versions.repository';

/**
 * What the editor reads about versions beyond their content, all computed on the engine workers
 * and changing nothing: a check of content as it is being edited (validation without the tests),
 * every parameter of a version in every jurisdiction, the diff of two versions, and a run of a
 * version's embedded tests. Reading needs the roles that may read the version's content.
 */
@Injectable()
export class VersionAnalysisService {
  constructor(
    @Inject(VersionsRepository) private readonly versions: VersionsRepository,
    @Inject(RulesetsService) private readonly rulesets: RulesetsService,
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
    @Inject(VersionLifecycleService) private readonly lifecycle: VersionLifecycleService,
    @Inject(WorkerPoolService) private readonly workers: WorkerPoolService,
  ) {}

  /**
   * Checks `content` (a whole document, not stored, not audited) as it would be validated at this
   * URL, without running its tests: schema, expressions, numbers, constraints against the published
   * version in force before its effectiveFrom, review date, and that its label and date fit the URL
   * and the database. Content beyond the bounds a `PUT` applies is reported as those problems. A
   * draft or version in review whose effectiveFrom is before today also gets the warning
   * `retroactive`, as validation gives it. Messages in `language`.
   * @returns the report (`valid`, `errors`, `warnings`, `parameters`) as the JSON body of the answer,
   * serialised on the workers.
   * @throws NotFoundError (no such version); UnprocessableError naming `/metadata/key` when the
   * content is not of this ruleset.
   */
  async check(key: string, label: string, content: unknown, language: Language): Promise<Buffer> {
    const row = await this.versions.requireSummary(key, label);
    const metadata = (content as { metadata?: { key?: unknown; effectiveFrom?: unknown } }).metadata;
    if (metadata?.key !== key)
      throw new UnprocessableError('The content does not fit this ruleset and version', [
        { path: '/metadata/key', message: `must be "${key}", the ruleset of this URL` },
      ]);
    // A date the database could not compare (2021-02-30) is the schema's to report: the row's is used.
    const effectiveFrom =
      dateProblem(metadata.effectiveFrom) === null ? (metadata.effectiveFrom as string) : row.effectiveFrom;
    const previous = this.published.catalog(key)?.previousOf(effectiveFrom, label) ?? null;
    const retroactive =
      row.status === 'draft' || row.status === 'in_review'
        ? await this.lifecycle.retroactiveWarning({ rulesetKey: key, effectiveFrom })
        : null;
    // Reads only metadata.version and metadata.effectiveFrom, whatever they hold.
    const placement = placementProblems(content as RulesetVersion, key, label);
    return this.workers.check(
      {
        content,
        previous: previous && { hash: previous.contentHash, document: previous.document },
        placement,
        warnings: retroactive ? [retroactive] : [],
        problemLanguage: language,
      },
      `Checking the content of version ${label}`,
    );
  }

  /**
   * Every parameter of a version in every jurisdiction at its effectiveFrom (formulas computed),
   * with their definitions.
   * @throws as RulesetsService.getVersion; UnprocessableError when a draft does not compile.
   */
  async parameters(
    principal: Principal,
    key: string,
    label: string,
  ): Promise<{ row: RulesetVersionRow; parameters: VersionParameters }> {
    const row = await this.rulesets.getVersion(principal, key, label);
    const parameters = await this.compiling([row], () =>
      this.workers.versionParameters(sourceOf(row), `Reading the parameters of version ${label}`),
    );
    return { row, parameters };
  }

  /**
   * What changed from version `from` to version `to` (engine diffVersions), with the labels to show
   * it. Each version needs a role that may read it.
   * @throws as RulesetsService.getVersion; UnprocessableError when a draft does not compile.
   */
  async diff(principal: Principal, key: string, from: string, to: string): Promise<LabelledDiff> {
    const a = await this.rulesets.getVersion(principal, key, from);
    const b = await this.rulesets.getVersion(principal, key, to);
    return this.compiling([a, b], () =>
      this.workers.diff(sourceOf(a), sourceOf(b), `Comparing versions ${from} and ${to}`),
    );
  }

  /**
   * Runs a version's embedded tests, changing nothing; messages in `language`.
   * @throws as RulesetsService.getVersion; UnprocessableError when a draft does not compile.
   */
  async runTests(principal: Principal, key: string, label: string, language: Language): Promise<TestRun> {
    const row = await this.rulesets.getVersion(principal, key, label);
    return this.compiling([row], () =>
      this.workers.runTests(sourceOf(row), `Running the tests of version ${label}`, language),
    );
  }

  /** Runs work on the workers; a version of `rows` that does not compile is a 422 naming each problem. */
  private async compiling<T>(rows: RulesetVersionRow[], work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      if (!(e instanceof VersionCompileError)) throw e;
      const row = rows.find((r) => r.contentHash === e.hash) ?? rows[0];
      throw new UnprocessableError(
        `Version ${row?.version ?? ''} does not compile yet; validate it to see why`,
        (e.error as { errors?: FieldProblem[] }).errors ?? [],
      );
    }
  }
}

const sourceOf = (row: RulesetVersionRow): VersionSource => ({
  hash: row.contentHash,
  document: row.content,
});
