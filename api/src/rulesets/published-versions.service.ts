import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { coalescedRefresh } from '../common/coalesced-refresh';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { RulesetVersionRow } from '../database/entities';
import { compileVersion, RulesetCatalog, type CompiledVersion } from '../engine';
import { WorkerPoolService } from '../workers/worker-pool.service';

/**
 * The in-force index: every published version, compiled once and cached by content hash
 * (published content never changes, so the cache never goes stale). Only published versions are
 * compiled here (once per publish, one per turn of the event loop; single households are evaluated
 * here): drafts are compiled in the engine workers, each keeping a bounded LRU of them.
 * A version no longer published is dropped, here and (told the published hashes) in the workers.
 * Refreshed on publish and withdrawal, and every REFRESH_SECONDS for other replicas' changes; when
 * the database is down the last index keeps serving.
 */
@Injectable()
export class PublishedVersionsService implements OnModuleDestroy {
  private readonly logger = new Logger('PublishedVersions');
  private readonly compiled = new Map<string, CompiledVersion>();
  private catalogs = new Map<string, RulesetCatalog>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Inject(WorkerPoolService) private readonly workers: WorkerPoolService,
  ) {}

  /** Starts the periodic refresh (after the first load at bootstrap). */
  startRefreshing(): void {
    this.timer ??= setInterval(
      () => void this.refresh().catch(() => undefined),
      this.env.refreshSeconds * 1000,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** How many compiled versions the main thread holds: the published ones, never a draft. */
  get compiledCount(): number {
    return new Set(this.compiled.values()).size;
  }

  /** A published version's compiled form, from the cache when its content hash was seen before. */
  private compile(content: unknown, contentHash: string): CompiledVersion {
    const cached = this.compiled.get(contentHash);
    if (cached) return cached;
    const version = compileVersion(content);
    this.compiled.set(version.contentHash, version);
    if (contentHash !== version.contentHash) this.compiled.set(contentHash, version);
    return version;
  }

  /** Reloads which versions are published; only content not seen before is read and compiled. */
  readonly refresh = coalescedRefresh(() => this.load());

  private async load(): Promise<void> {
    const repository = this.dataSource.getRepository(RulesetVersionRow);
    const rows = await repository.find({
      select: { rulesetKey: true, version: true, contentHash: true },
      where: { status: 'published' },
    });
    const missing = rows.filter((r) => !this.compiled.has(r.contentHash)).map((r) => r.contentHash);
    if (missing.length > 0) {
      const contents = await repository.find({
        select: { contentHash: true, content: true },
        where: { contentHash: In(missing), status: 'published' },
      });
      for (const row of contents) {
        // One version per turn of the event loop: requests are served between two compilations.
        await new Promise((resolve) => setImmediate(resolve));
        try {
          this.compile(row.content, row.contentHash);
        } catch (e) {
          this.logger.error(`published content ${row.contentHash} does not compile: ${(e as Error).message}`);
        }
      }
    }
    const byKey = new Map<string, CompiledVersion[]>();
    for (const row of rows) {
      const version = this.compiled.get(row.contentHash);
      if (!version) continue;
      byKey.set(row.rulesetKey, [...(byKey.get(row.rulesetKey) ?? []), version]);
    }
    this.catalogs = new Map([...byKey].map(([key, versions]) => [key, new RulesetCatalog(key, versions)]));
    // Withdrawn versions are not kept compiled: neither here nor in the workers.
    const kept = new Set(rows.map((r) => r.contentHash));
    for (const hash of this.compiled.keys()) if (!kept.has(hash)) this.compiled.delete(hash);
    this.workers.retainPublished([...byKey.values()].flat().map((v) => v.contentHash));
  }

  /** The published versions of a ruleset, or undefined when it has none. */
  catalog(key: string): RulesetCatalog | undefined {
    return this.catalogs.get(key);
  }

  /** Every ruleset with at least one published version. */
  allCatalogs(): RulesetCatalog[] {
    return [...this.catalogs.values()];
  }
}
