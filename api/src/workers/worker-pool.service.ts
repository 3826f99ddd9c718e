import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { resolve } from 'node:path';
import { Piscina } from 'piscina';
import { ServiceBusyError, TaskTimeoutError } from '../common/domain-errors';
import { ENVIRONMENT, type Environment } from '../config/environment';
import type {
  AcceptedTests,
  AnswerWarning,
  Language,
  TestRun,
  ValidationReport,
  VersionParameters,
} from '../engine';
import type { EngineWorkerData } from './engine-worker';
import {
  rebuildError,
  type CheckTask,
  type LabelledDiff,
  type PreparedEdit,
  type TaskValues,
  type VersionSource,
  type WorkerCacheStats,
  type WorkerReply,
  type WorkerTask,
} from './worker-protocol';

/** Fewest households worth a task of their own (below it, the thread hop costs more than it saves). */
const MIN_CHUNK = 50;
/** Most households in one task: smaller tasks share out better among workers busy with other requests. */
const MAX_CHUNK = 250;
/** Worker threads run below the event loop's priority (Linux nice), so requests are served first. */
const NICE_INCREMENT = 5;

const RESULTS_OPEN = Buffer.from('{"results":[');
const COMMA = Buffer.from(',');
const RESULTS_CLOSE = Buffer.from(']}');

/** The version did not compile in the worker; `error` is what compiling threw (rebuilt). */
export class VersionCompileError extends Error {
  constructor(
    readonly error: Error,
    /** The content hash of the version that did not compile, when the worker said. */
    readonly hash?: string,
  ) {
    super(error.message);
  }
}

/** A worker's bytes as a Buffer, without copying them. */
const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * The worker entry: the compiled JavaScript next to this file when the service runs from dist/, or
 * a CommonJS bootstrap that registers tsx and loads the TypeScript worker when it runs from sources
 * (Jest, tsx), because worker threads do not inherit Jest's transform. ENGINE_WORKER_FILE, when set,
 * names another built worker: Jest's global setup points it at the build of the same sources it has
 * just made (dist/), which starts in a third of the time tsx takes.
 */
export function engineWorkerFilename(): string {
  const built = process.env['ENGINE_WORKER_FILE'];
  if (built) return built;
  return __filename.endsWith('.ts')
    ? resolve(__dirname, 'engine-worker.bootstrap.cjs')
    : resolve(__dirname, 'engine-worker.js');
}

/**
 * The pool of engine workers (piscina): CPU-heavy work runs there so the event loop keeps serving
 * requests. WORKER_THREADS threads, at most WORKER_QUEUE_SIZE tasks waiting (more: 503 busy), each
 * operation stopped after WORKER_TASK_TIMEOUT_MS (503 naming it; the worker running it is replaced).
 * Tasks carry version documents; workers compile and cache them (see engine-worker.ts).
 */
@Injectable()
export class WorkerPoolService implements OnModuleDestroy {
  private readonly logger = new Logger('Workers');
  private readonly pool: Piscina<WorkerTask, WorkerReply<WorkerTask['kind']>>;
  private published: readonly string[] = [];
  private readonly stats = new Map<number, WorkerCacheStats>();

  constructor(@Inject(ENVIRONMENT) private readonly env: Environment) {
    const workerData: EngineWorkerData = {
      draftCacheSize: env.draftCacheSize,
      evaluationPath: env.evaluationPath,
    };
    this.pool = new Piscina({
      filename: engineWorkerFilename(),
      minThreads: env.workerThreads,
      maxThreads: env.workerThreads,
      maxQueue: env.workerQueueSize,
      niceIncrement: NICE_INCREMENT,
      workerData,
    });
    // A worker that fails outside a task (it could not start) must not crash the service.
    this.pool.on('error', (e: unknown) => this.logger.error(`an engine worker failed: ${String(e)}`));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }

  /** The hashes of the versions published now: workers keep those compiled and drop any other. */
  retainPublished(hashes: Iterable<string>): void {
    this.published = [...new Set(hashes)];
  }

  /** What each live worker holds, as it reported after its last task (workers without tasks are left out). */
  cacheStats(): WorkerCacheStats[] {
    const live = new Set(this.pool.threads.map((t) => t.threadId));
    return [...this.stats.values()].filter((s) => live.has(s.threadId));
  }

  private record(stats: WorkerCacheStats): void {
    this.stats.set(stats.threadId, stats);
    // Workers stopped by a timeout are replaced: forget them.
    if (this.stats.size > this.env.workerThreads) {
      const live = new Set(this.pool.threads.map((t) => t.threadId));
      for (const id of this.stats.keys()) if (!live.has(id)) this.stats.delete(id);
    }
  }

  /**
   * Evaluates one household under `version`, as the JSON body of the answer (the determination with
   * `warnings` added when there are any): the bytes `res.json` would send, written in the worker.
   * @throws VersionCompileError, the engine's error, ServiceBusyError, TaskTimeoutError.
   */
  async evaluate(
    version: VersionSource,
    household: unknown,
    asOf: string,
    what: string,
    language: Language = 'zh',
    warnings: AnswerWarning[] = [],
  ): Promise<Buffer> {
    const task = {
      kind: 'evaluate' as const,
      version,
      published: this.published,
      asOf,
      household,
      language,
      ...(warnings.length > 0 ? { warnings } : {}),
    };
    return asBuffer(await this.one<'evaluate'>(task, what));
  }

  /**
   * Evaluates a batch under `version`, split across the workers, as the JSON body of the answer
   * (`{"results":[…]}`, one determination or problem per household, in input order) in pieces to be
   * sent one after another: the same bytes as serialising the results on this thread, without the
   * event loop doing it.
   * `warnings` are added to every determination (see BatchTask).
   * @throws as {@link evaluate}; an error that is not the engine's fails the whole batch.
   */
  async batch(
    version: VersionSource,
    households: unknown[],
    asOf: string,
    what: string,
    warnings: AnswerWarning[] = [],
    language: Language = 'zh',
    problemLanguage: Language = 'en',
  ): Promise<Uint8Array[]> {
    const wanted = Math.min(
      Math.max(this.env.workerThreads, Math.ceil(households.length / MAX_CHUNK)),
      Math.ceil(households.length / MIN_CHUNK),
    );
    const parts = await this.dispatch<'batch'>(
      wanted,
      (count) => {
        const size = Math.ceil(households.length / count);
        return Array.from({ length: count }, (_, i) => ({
          kind: 'batch' as const,
          version,
          published: this.published,
          asOf,
          households: households.slice(i * size, (i + 1) * size),
          offset: i * size,
          ...(warnings.length > 0 ? { warnings } : {}),
          language,
          problemLanguage,
        }));
      },
      what,
    );
    const pieces = parts.filter((p) => p.length > 0).flatMap((p, i) => (i === 0 ? [p] : [COMMA, p]));
    return [RESULTS_OPEN, ...pieces, RESULTS_CLOSE];
  }

  /** The parameters of one jurisdiction under `version`. @throws as {@link evaluate}. */
  async parameters(
    version: VersionSource,
    jurisdiction: string,
    what: string,
  ): Promise<TaskValues['parameters']> {
    return this.one<'parameters'>(
      { kind: 'parameters' as const, version, published: this.published, jurisdiction },
      what,
    );
  }

  /** Validates `version` against `previous`, the published version before it. @throws as {@link evaluate}. */
  async validate(
    version: VersionSource,
    previous: VersionSource | null,
    what: string,
  ): Promise<ValidationReport> {
    return this.one<'validate'>(
      { kind: 'validate' as const, version, published: this.published, previous },
      what,
    );
  }

  /**
   * Prepares the edit of a draft whose content is now `before`: `content` checked against the
   * format and its bounds, read, hashed, and its changes summarised (see PrepareEditTask).
   * @throws ServiceBusyError, TaskTimeoutError.
   */
  async prepareEdit(before: VersionSource, content: unknown, what: string): Promise<PreparedEdit> {
    return this.one<'prepareEdit'>(
      { kind: 'prepareEdit' as const, version: before, published: this.published, content },
      what,
    );
  }

  /**
   * What `version` (a draft) now computes, accepted as the expectations of the chosen tests: the
   * tests with their new expectations and each change, or the problems that refuse it.
   * @throws VersionCompileError, ServiceBusyError, TaskTimeoutError.
   */
  async acceptTests(version: VersionSource, tests: 'all' | string[], what: string): Promise<AcceptedTests> {
    return this.one<'acceptTests'>(
      { kind: 'acceptTests' as const, version, published: this.published, tests },
      what,
    );
  }

  /**
   * Checks content that is not stored against `previous`, the published version before it: the
   * bounds of a `PUT`, then validation without the tests, and every parameter (see CheckTask).
   * @returns the report as the JSON body of the answer.
   * @throws ServiceBusyError, TaskTimeoutError.
   */
  async check(task: Omit<CheckTask, 'kind' | 'published'>, what: string): Promise<Buffer> {
    const bytes = await this.one<'check'>(
      { kind: 'check' as const, published: this.published, ...task },
      what,
    );
    return asBuffer(bytes);
  }

  /** Every parameter of `version` in every jurisdiction, with their definitions. @throws as {@link evaluate}. */
  async versionParameters(version: VersionSource, what: string): Promise<VersionParameters> {
    return this.one<'versionParameters'>(
      { kind: 'versionParameters' as const, version, published: this.published },
      what,
    );
  }

  /**
   * The diff from `from` to `to`, with labels. @throws as {@link evaluate}; a VersionCompileError
   * carries the hash of the version that did not compile.
   */
  async diff(from: VersionSource, to: VersionSource, what: string): Promise<LabelledDiff> {
    return this.one<'diff'>({ kind: 'diff' as const, version: from, to, published: this.published }, what);
  }

  /** Runs the embedded tests of `version`, messages in `language`. @throws as {@link evaluate}. */
  async runTests(version: VersionSource, what: string, language: Language = 'zh'): Promise<TestRun> {
    return this.one<'runTests'>(
      { kind: 'runTests' as const, version, published: this.published, language },
      what,
    );
  }

  private async one<K extends WorkerTask['kind']>(
    task: WorkerTask & { kind: K },
    what: string,
  ): Promise<TaskValues[K]> {
    const [value] = await this.dispatch<K>(1, () => [task], what);
    return value as TaskValues[K];
  }

  /**
   * Sends up to `wanted` tasks (as many as there is room for, at least one) and waits for them all.
   * It first yields to the event loop: the request that asks for the work was parsed and validated
   * in the same turn, and copying its data to the workers should not add to that turn.
   */
  private async dispatch<K extends WorkerTask['kind']>(
    wanted: number,
    tasks: (count: number) => (WorkerTask & { kind: K })[],
    what: string,
  ): Promise<TaskValues[K][]> {
    await new Promise((resolve) => setImmediate(resolve));
    return (await this.runAll(tasks(this.admit(Math.max(1, wanted))), what)) as TaskValues[K][];
  }

  /**
   * How many of `wanted` tasks to send now: no more than free workers and free queue places, so that
   * no task of an operation is refused after another has started. @throws ServiceBusyError at zero.
   */
  private admit(wanted: number): number {
    const room = this.pool.idleThreads + Math.max(0, this.env.workerQueueSize - this.pool.queueSize);
    if (room < 1) throw this.busy();
    return Math.min(wanted, room);
  }

  private busy(): ServiceBusyError {
    return new ServiceBusyError(
      `Every engine worker is busy and ${this.env.workerQueueSize} tasks are already waiting; try again shortly`,
    );
  }

  /**
   * The task with the document of a published version left out, where the worker needs only the
   * compiled version (evaluations and parameters) and every live worker has said, after its last
   * task, that it holds that version compiled: copying a document to a thread costs about a
   * millisecond of the event loop's time (see VersionSource). Until then (just published, a worker
   * just replaced) tasks carry the document, so that none is sent twice in the common case; a worker
   * that dropped the version meanwhile still answers `missing` and gets it.
   */
  private lean(task: WorkerTask): WorkerTask {
    if (task.kind !== 'evaluate' && task.kind !== 'batch' && task.kind !== 'parameters') return task;
    const { hash, document } = task.version;
    if (document === undefined || !this.published.includes(hash)) return task;
    const threads = this.pool.threads;
    if (threads.length === 0) return task;
    for (const thread of threads)
      if (!this.stats.get(thread.threadId)?.publishedHashes.includes(hash)) return task;
    return { ...task, version: { hash, document: undefined } };
  }

  /**
   * Runs the tasks of one operation under one deadline. A task the pool could not run (deadline,
   * full queue) stops the others; an error the engine raised does not, it is the answer.
   * @returns each task's value, in order.
   */
  private async runAll(tasks: WorkerTask[], what: string): Promise<unknown[]> {
    const deadline = AbortSignal.timeout(this.env.workerTaskTimeoutMs);
    const stop = new AbortController();
    const signal = AbortSignal.any([deadline, stop.signal]);
    const runOne = async (task: WorkerTask): Promise<unknown> => {
      let reply: WorkerReply<WorkerTask['kind']>;
      try {
        reply = await this.pool.run(this.lean(task), { signal });
        // Sent by its hash alone to a worker that does not hold it yet: again, with the document.
        if (!reply.ok && reply.stage === 'missing') reply = await this.pool.run(task, { signal });
      } catch (e) {
        stop.abort();
        if (deadline.aborted)
          throw new TaskTimeoutError(
            `${what} took longer than ${this.env.workerTaskTimeoutMs} ms (WORKER_TASK_TIMEOUT_MS, waiting for a worker included) and was stopped`,
          );
        if (e instanceof Error && /Task queue is at limit|No task queue available/.test(e.message))
          throw this.busy();
        throw e;
      }
      this.record(reply.stats);
      if (reply.ok) return reply.value;
      if (reply.stage === 'missing') throw new Error(`a worker lacked version ${reply.hash} it was sent`);
      const error = rebuildError(reply.error);
      throw reply.stage === 'compile' ? new VersionCompileError(error, reply.hash) : error;
    };
    return Promise.all(tasks.map(runOne));
  }
}
