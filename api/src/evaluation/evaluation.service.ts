import { Inject, Injectable } from '@nestjs/common';
import { hasAnyRole, type Principal } from '../auth/roles';
import { ForbiddenError, NotFoundError, UnprocessableError } from '../common/domain-errors';
import { determine, parametersReport, type CompiledVersion, type Determination } from '../engine';
import { PublishedVersionsService } from '../rulesets/published-versions.service';
import { VersionsRepository } from '../rulesets/versions.repository';
import { VersionCompileError, WorkerPoolService } from '../workers/worker-pool.service';
import type { VersionSource } from '../workers/worker-protocol';

/** The version a request names: a published one (compiled on this thread) or a draft (compiled in the workers). */
type Target = { published: CompiledVersion } | { draft: VersionSource; label: string };

const labelOf = (target: Target): string => ('draft' in target ? target.label : target.published.version);

/**
 * Evaluation. A single household under a published version is evaluated here, from the in-force
 * index in memory (a few milliseconds, no database round trip once warm). Everything that can take
 * long runs on the engine workers, so the event loop keeps serving: batches, and anything under a
 * draft (which must be compiled first; only a draft asked for by label is read from the database).
 */
@Injectable()
export class EvaluationService {
  constructor(
    @Inject(PublishedVersionsService) private readonly published: PublishedVersionsService,
    @Inject(VersionsRepository) private readonly versions: VersionsRepository,
    @Inject(WorkerPoolService) private readonly workers: WorkerPoolService,
  ) {}

  /** The version to use: the one asked for by label, or the published one in force on `asOf`. */
  private async target(principal: Principal, key: string, asOf: string, label?: string): Promise<Target> {
    const catalog = this.published.catalog(key);
    if (label === undefined) {
      if (!catalog) throw new NotFoundError(`There is no published ruleset "${key}"`);
      return { published: catalog.versionInForce(asOf) };
    }
    const publishedVersion = catalog?.byLabel(label);
    if (publishedVersion) return { published: publishedVersion };
    const row = await this.versions.requireVersion(key, label);
    if (!hasAnyRole(principal, ['editor']))
      throw new ForbiddenError(`Version ${label} is ${row.status}: evaluating it needs the editor role`);
    return { draft: { hash: row.contentHash, document: row.content }, label };
  }

  /** Runs work on the workers; a draft that does not compile is a 422 naming each problem. */
  private async onWorkers<T>(target: Target, work: (source: VersionSource) => Promise<T>): Promise<T> {
    const source =
      'draft' in target
        ? target.draft
        : { hash: target.published.contentHash, document: target.published.document };
    try {
      return await work(source);
    } catch (e) {
      if (!(e instanceof VersionCompileError)) throw e;
      throw new UnprocessableError(
        `Version ${labelOf(target)} does not compile yet; validate it to see why`,
        (e.error as { errors?: [] }).errors ?? [],
      );
    }
  }

  async evaluate(
    principal: Principal,
    key: string,
    asOf: string,
    household: unknown,
    label?: string,
  ): Promise<Determination> {
    const target = await this.target(principal, key, asOf, label);
    if ('published' in target) return determine(target.published, household, asOf);
    return this.onWorkers(target, (source) =>
      this.workers.evaluate(source, household, asOf, `Evaluating a household with version ${target.label}`),
    );
  }

  /**
   * Each household evaluated on its own, on the workers: a bad one yields its problem, the rest still
   * count. Answers the JSON body itself (`{"results":[…]}`), serialised in the workers.
   */
  async evaluateBatch(
    principal: Principal,
    key: string,
    asOf: string,
    households: unknown[],
    label?: string,
  ): Promise<Buffer> {
    const target = await this.target(principal, key, asOf, label);
    const what = `Evaluating ${households.length} households with version ${labelOf(target)}`;
    return this.onWorkers(target, (source) => this.workers.batch(source, households, asOf, what));
  }

  async parameters(
    principal: Principal,
    key: string,
    asOf: string,
    jurisdiction: string,
    label?: string,
  ): Promise<{ version: object; jurisdiction: string; parameters: Record<string, string> }> {
    const target = await this.target(principal, key, asOf, label);
    if ('published' in target) return parametersReport(target.published, jurisdiction);
    return this.onWorkers(target, (source) =>
      this.workers.parameters(source, jurisdiction, `Reading the parameters of version ${target.label}`),
    );
  }
}
