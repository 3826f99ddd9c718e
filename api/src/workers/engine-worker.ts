/**
 * The engine worker: runs CPU-heavy engine work (batches, anything under a draft, validation) on a
 * worker thread of the pool, so the service's event loop stays free. It imports only the engine
 * and the framework-free problem mapping, never Nest or the database.
 *
 * Each worker compiles a version once per content hash and keeps it: drafts in an LRU of
 * DRAFT_CACHE_SIZE entries, published versions for as long as they are published (every task
 * lists the hashes published now, and the others are dropped).
 */
import { threadId, workerData } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { nonFiniteNumbers } from '../common/json-numbers';
import { engineProblem } from '../common/problem-details';
import { localizeProblem, localizeReport } from '../common/problem-messages';
import {
  acceptTestResults,
  checkContentBounds,
  checkVersion,
  diffLabels,
  diffVersions,
  compileVersion,
  contentHash,
  determinationJsonOn,
  JsonWriter,
  writeDeterminationOn,
  householdIdOf,
  parametersReport,
  readRulesetVersion,
  runTestReport,
  validateVersion,
  versionParameters,
  type AnswerWarning,
  type CompiledVersion,
  type EvaluationPath,
  type FieldProblem,
  type Language,
  type RulesetVersion,
} from '../engine';
import { summariseChanges } from '../rulesets/version-changes';
import {
  serializeError,
  type CheckTask,
  type PreparedEdit,
  type TaskValues,
  type VersionSource,
  type WorkerCacheStats,
  type WorkerReply,
  type WorkerTask,
} from './worker-protocol';

/** What the pool gives each worker at start. */
export interface EngineWorkerData {
  draftCacheSize: number;
  /** Which path evaluates households (EVALUATION_PATH). */
  evaluationPath: EvaluationPath;
}

const settings = (workerData ?? { draftCacheSize: 8, evaluationPath: 'compiled' }) as EngineWorkerData;
// lru-cache needs room for one entry at least; with DRAFT_CACHE_SIZE 0 no draft is remembered.
const drafts = new LRUCache<string, CompiledVersion>({ max: Math.max(1, settings.draftCacheSize) });
const published = new Map<string, CompiledVersion>();
let draftCompiles = 0;
const encoder = new TextEncoder();

function stats(): WorkerCacheStats {
  return {
    threadId,
    drafts: drafts.size,
    published: published.size,
    publishedHashes: [...published.keys()],
    draftCompiles,
  };
}

/** Drops compiled versions that are no longer published. */
function retainPublished(hashes: ReadonlySet<string>): void {
  for (const hash of published.keys()) if (!hashes.has(hash)) published.delete(hash);
}

function remember(source: VersionSource, version: CompiledVersion, publishedNow: ReadonlySet<string>): void {
  if (publishedNow.has(source.hash)) published.set(source.hash, version);
  else {
    draftCompiles++;
    if (settings.draftCacheSize > 0) drafts.set(source.hash, version);
  }
}

/** Whether this worker holds the version compiled (a version sent by its hash alone must be held). */
function isHeld(source: VersionSource, publishedNow: ReadonlySet<string>): boolean {
  return publishedNow.has(source.hash) ? published.has(source.hash) : drafts.has(source.hash);
}

/** The compiled version, from this worker's caches or compiled now. @throws what compileVersion throws. */
function compiled(source: VersionSource, publishedNow: ReadonlySet<string>): CompiledVersion {
  const cached = publishedNow.has(source.hash) ? published.get(source.hash) : drafts.get(source.hash);
  if (cached) return cached;
  const version = compileVersion(source.document);
  remember(source, version, publishedNow);
  return version;
}

/**
 * What a batch part wrote: a view of the writer's buffer, which is moved to the main thread whole,
 * or a copy when most of the buffer is unused (a part of refused households: small problems, not
 * 12 KB answers).
 */
function written(out: JsonWriter): Uint8Array {
  const bytes = out.view();
  return bytes.buffer.byteLength > 2 * bytes.length + 65_536 ? bytes.slice() : bytes;
}

/**
 * A batch part as JSON text (see TaskValues.batch). A household the engine refuses yields its
 * problem, mapped as the HTTP layer maps engine errors; any other error fails the whole batch (a
 * 500), as it did on the event loop.
 */
async function batch(
  version: CompiledVersion,
  households: unknown[],
  asOf: string,
  offset: number,
  warnings: AnswerWarning[] = [],
  language: Language = 'zh',
  problemLanguage: Language = 'en',
): Promise<Uint8Array> {
  // About 12 KB of JSON per household with explanations and traces: room enough, mostly, not to grow.
  // Each answer is written into it as UTF-8 as it is formed, never as one long string.
  const out = new JsonWriter(households.length * 16_384);
  for (const [i, household] of households.entries()) {
    if (i > 0) out.ascii(',');
    try {
      await writeDeterminationOn(
        out,
        settings.evaluationPath,
        version,
        household,
        asOf,
        { language },
        warnings,
      );
    } catch (e) {
      const found = engineProblem(e);
      if (!found) throw e;
      const problem = localizeProblem(found, problemLanguage);
      const householdId = householdIdOf(household);
      out.text(
        JSON.stringify({
          ...problem,
          index: offset + i,
          ...(householdId === undefined ? {} : { householdId }),
        }),
      );
    }
  }
  return written(out);
}

/** See PrepareEditTask. */
function prepareEdit(before: VersionSource, content: unknown): PreparedEdit {
  const problems = [...nonFiniteNumbers(content), ...checkContentBounds(content)];
  if (problems.length > 0) return { problems };
  // Within bounds means the schema holds, so this read (which migrates older formats) succeeds.
  const document = readRulesetVersion(content).version as RulesetVersion;
  return {
    problems: [],
    document,
    hash: contentHash(document),
    changes: summariseChanges(before.document, document),
  };
}

/**
 * See CheckTask: content beyond the bounds a `PUT` applies is reported as those problems without
 * being compiled; other content is checked as validation checks it, without the tests. The service's
 * own errors (placement) are added unless the format names their field already; its warnings only
 * when the content compiles. The report is localised and serialised here.
 */
function check(task: CheckTask, previous: CompiledVersion | null): Uint8Array {
  const bounds = [...nonFiniteNumbers(task.content), ...checkContentBounds(task.content)];
  const report =
    bounds.length > 0
      ? { valid: false, errors: bounds, warnings: [] as FieldProblem[], parameters: null }
      : checkVersion(task.content, previous);
  // A field the format already finds wrong is named once, by the format.
  const named = (path: string) =>
    report.errors.some(
      (e) => e.path === path || path.startsWith(`${e.path}/`) || e.path.startsWith(`${path}/`),
    );
  const errors = [...task.placement.filter((p) => !named(p.path)), ...report.errors];
  const warnings = report.parameters === null ? report.warnings : [...report.warnings, ...task.warnings];
  const answer = { valid: errors.length === 0, errors, warnings, parameters: report.parameters };
  return encoder.encode(JSON.stringify(localizeReport(answer, task.problemLanguage)));
}

async function perform(task: WorkerTask, publishedNow: ReadonlySet<string>): Promise<unknown> {
  switch (task.kind) {
    case 'evaluate': {
      return determinationJsonOn(
        settings.evaluationPath,
        compiled(task.version, publishedNow),
        task.household,
        task.asOf,
        { language: task.language ?? 'zh' },
        task.warnings ?? [],
      );
    }
    case 'batch':
      return batch(
        compiled(task.version, publishedNow),
        task.households,
        task.asOf,
        task.offset,
        task.warnings,
        task.language ?? 'zh',
        task.problemLanguage ?? 'en',
      );
    case 'parameters':
      return parametersReport(compiled(task.version, publishedNow), task.jurisdiction);
    case 'prepareEdit':
      return prepareEdit(task.version, task.content);
    case 'acceptTests':
      return acceptTestResults(compiled(task.version, publishedNow), task.tests);
    case 'check':
      return check(task, task.previous ? compiled(task.previous, publishedNow) : null);
    case 'versionParameters':
      return versionParameters(compiled(task.version, publishedNow));
    case 'diff': {
      const [from, to] = [compiled(task.version, publishedNow), compiled(task.to, publishedNow)];
      return { ...diffVersions(from, to), labels: diffLabels(from, to) };
    }
    case 'runTests':
      return runTestReport(compiled(task.version, publishedNow), task.language ?? 'zh');
    case 'validate': {
      const previous = task.previous ? compiled(task.previous, publishedNow) : null;
      const { compiled: version, ...report } = await validateVersion(task.version.document, previous);
      if (version) remember(task.version, version, publishedNow);
      return report;
    }
  }
}

/** The pool's task handler. Never throws: failures come back serialised, with the stage that failed. */
export default async function run<K extends WorkerTask['kind']>(
  task: WorkerTask & { kind: K },
): Promise<WorkerReply<K>> {
  const publishedNow = new Set(task.published);
  retainPublished(publishedNow);
  const t: WorkerTask = task;
  if (t.kind !== 'validate' && t.kind !== 'prepareEdit' && t.kind !== 'check') {
    for (const source of t.kind === 'diff' ? [t.version, t.to] : [t.version]) {
      if (source.document === undefined && !isHeld(source, publishedNow))
        return { ok: false, stage: 'missing', hash: source.hash, stats: stats() };
      try {
        compiled(source, publishedNow);
      } catch (e) {
        return { ok: false, stage: 'compile', error: serializeError(e), hash: source.hash, stats: stats() };
      }
    }
  }
  let value: TaskValues[K];
  try {
    value = (await perform(task, publishedNow)) as TaskValues[K];
  } catch (e) {
    return { ok: false, stage: 'run', error: serializeError(e), stats: stats() };
  }
  const reply: WorkerReply<K> = { ok: true, value, stats: stats() };
  // A batch's JSON bytes are moved to the main thread, not copied.
  return value instanceof Uint8Array
    ? (move({ [transferableSymbol]: [value.buffer], [valueSymbol]: reply }) as unknown as WorkerReply<K>)
    : reply;
}
