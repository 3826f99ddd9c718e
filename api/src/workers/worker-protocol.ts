/**
 * What the main thread and the engine workers send each other: plain, structured-cloneable data.
 * Compiled versions hold closures and json-rules-engine objects, so a task carries the version
 * document with its content hash and each worker compiles it once per hash. Errors cross the thread
 * boundary explicitly serialised: structured clone keeps an Error's message but drops its class and
 * fields, and responses depend on both (the problem type, status and `errors`).
 *
 * Framework-free (the engine only): the worker imports it.
 */
import * as engine from '../engine';
import type { AnswerWarning, ValidationReport } from '../engine';

/**
 * A version document and its content hash (the cache key in each worker). A published version may
 * be sent by its hash alone (`document` undefined): copying its document to a thread costs about a
 * millisecond, far more than evaluating one household, and each worker keeps the published versions
 * it has compiled. A worker that does not hold it answers `stage: 'missing'`, and the task is sent
 * again with the document.
 */
export interface VersionSource {
  hash: string;
  document: unknown;
}

/** The hashes of the versions published now: a worker keeps those compiled and drops the rest. */
interface TaskBase {
  version: VersionSource;
  published: readonly string[];
}

/** Evaluates one household; explanations in `language` (default `zh`). */
export interface EvaluateTask extends TaskBase {
  kind: 'evaluate';
  asOf: string;
  household: unknown;
  language?: engine.Language;
  /** Added at the top level of the determination when non-empty. */
  warnings?: AnswerWarning[];
}

/**
 * Evaluates part of a batch, each household on its own: a bad one yields its problem (with its
 * `index` in the whole batch, `offset` + its place here), the others still count.
 */
export interface BatchTask extends TaskBase {
  kind: 'batch';
  asOf: string;
  households: unknown[];
  offset: number;
  /** Added at the top level of every determination (not of problems) when non-empty. */
  warnings?: AnswerWarning[];
  /** The language of explanations (default `zh`). */
  language?: engine.Language;
  /** The language of the problems of bad households (default `en`; see problemLanguageOf). */
  problemLanguage?: engine.Language;
}

/** The parameters of one jurisdiction, formulas computed. */
export interface ParametersTask extends TaskBase {
  kind: 'parameters';
  jurisdiction: string;
}

/** Validates the version against the published one before it. */
export interface ValidateTask extends TaskBase {
  kind: 'validate';
  previous: VersionSource | null;
}

/**
 * Prepares an edit of a draft: the content's bounds checked (engine.checkContentBounds), then read
 * (older formats migrated), hashed, and its changes from `version` (the content it replaces)
 * summarised. Everything the event loop would otherwise do for a `PUT` of up to a megabyte.
 */
export interface PrepareEditTask extends TaskBase {
  kind: 'prepareEdit';
  content: unknown;
}

/** Accepts what a draft now computes as the expectations of the chosen tests (engine.acceptTestResults). */
export interface AcceptTestsTask extends TaskBase {
  kind: 'acceptTests';
  tests: 'all' | string[];
}

/**
 * Checks content that is not stored (engine.checkVersion, after the bounds a `PUT` applies):
 * validation without the tests, and every parameter in every jurisdiction. It carries no `version`:
 * the content changes as it is edited, so it is neither hashed nor kept compiled.
 */
export interface CheckTask {
  kind: 'check';
  published: readonly string[];
  content: unknown;
  /** The published version in force before the content's effectiveFrom, for year-on-year constraints. */
  previous: VersionSource | null;
  /** Errors the service found (the label and date must fit the URL), added unless the format names their field. */
  placement: engine.FieldProblem[];
  /** Warnings the service found (`retroactive`), added when the content compiles. */
  warnings: engine.FieldProblem[];
  /** The language of the report's messages (see problemLanguageOf). */
  problemLanguage: engine.Language;
}

/** Every parameter of the version in every jurisdiction, with their definitions (engine.versionParameters). */
export interface VersionParametersTask extends TaskBase {
  kind: 'versionParameters';
}

/** The diff from `version` to `to` (engine.diffVersions), with the labels to show it (engine.diffLabels). */
export interface DiffTask extends TaskBase {
  kind: 'diff';
  to: VersionSource;
}

/** Runs the version's embedded tests (engine.runTestReport); messages in `language` (default `zh`). */
export interface RunTestsTask extends TaskBase {
  kind: 'runTests';
  language?: engine.Language;
}

/** A prepared edit: the problems that refuse it, or the document to store with its hash and changes. */
export type PreparedEdit =
  | { problems: engine.FieldProblem[] }
  | { problems: []; document: engine.RulesetVersion; hash: string; changes: Record<string, unknown> };

export type WorkerTask =
  | EvaluateTask
  | BatchTask
  | ParametersTask
  | ValidateTask
  | PrepareEditTask
  | AcceptTestsTask
  | CheckTask
  | VersionParametersTask
  | DiffTask
  | RunTestsTask;

/** The diff of two versions with the labels to show it. */
export type LabelledDiff = engine.VersionDiff & { labels: engine.DiffLabels };

export interface TaskValues {
  /**
   * The determination (with the task's warnings) as UTF-8 JSON, as JSON.stringify writes it:
   * serialised in the worker, so that the event loop only sends the bytes.
   */
  evaluate: Uint8Array;
  /**
   * The batch part's results as UTF-8 JSON, each determination or problem as JSON.stringify writes
   * it, joined by commas: the main thread only puts the parts between `{"results":[` and `]}`.
   * Serialised in the worker, so the event loop neither copies nor stringifies 1000 determinations.
   */
  batch: Uint8Array;
  parameters: engine.ParametersReport;
  validate: ValidationReport;
  prepareEdit: PreparedEdit;
  acceptTests: engine.AcceptedTests;
  /**
   * The check's report as UTF-8 JSON, its messages in the language asked for: serialised in the
   * worker, because every parameter in every jurisdiction can make a large answer.
   */
  check: Uint8Array;
  versionParameters: engine.VersionParameters;
  diff: LabelledDiff;
  runTests: engine.TestRun;
}

/** What a worker holds after a task, for tests and diagnostics. */
export interface WorkerCacheStats {
  threadId: number;
  /** Compiled drafts held (at most DRAFT_CACHE_SIZE). */
  drafts: number;
  /** Compiled published versions held (only versions published now). */
  published: number;
  /** Their content hashes: a version every live worker holds is sent by its hash alone. */
  publishedHashes: string[];
  /** Drafts compiled by this worker so far (cache misses). */
  draftCompiles: number;
}

/**
 * A worker's answer: never a thrown error, so that every failure arrives with its class and fields.
 * `stage` says whether the version did not compile, the work itself failed, or the version was
 * sent without its document to a worker that does not hold it.
 */
export type WorkerReply<K extends WorkerTask['kind']> = { stats: WorkerCacheStats } & (
  | { ok: true; value: TaskValues[K] }
  | {
      ok: false;
      stage: 'compile' | 'run';
      error: SerializedError;
      /** At the compile stage: the content hash of the version that did not compile. */
      hash?: string;
    }
  | {
      ok: false;
      /** The version was sent by its hash alone and this worker does not hold it: send the document. */
      stage: 'missing';
      hash: string;
    }
);

/** An error as data: its class name, message, stack and own fields (`code`, `errors`, …). */
export interface SerializedError {
  type: string;
  /** An EngineError (the main thread maps it to a 4xx problem), or anything else (a 500). */
  engine: boolean;
  message: string;
  stack?: string;
  fields: Record<string, unknown>;
}

/** Serialises an error thrown in a worker; fields that are not plain data are left out. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { type: 'Error', engine: false, message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    try {
      fields[key] = structuredClone(value);
    } catch {
      // A function or another value that cannot cross threads: no response reads one.
    }
  }
  return {
    type: error.constructor.name,
    engine: error instanceof engine.EngineError,
    message: error.message,
    ...(error.stack !== undefined ? { stack: error.stack } : {}),
    fields,
  };
}

/** An engine error whose class the main thread does not know: still a 4xx, with its own code. */
export class RemoteEngineError extends engine.EngineError {
  readonly code: string = 'engine-error';
}

type ErrorClass = { prototype: Error; name: string };

/** Every error class the engine exports, by name (new ones are picked up without a change here). */
const ENGINE_ERRORS = new Map<string, ErrorClass>();
for (const value of Object.values(engine) as unknown[]) {
  if (typeof value === 'function' && (value as ErrorClass).prototype instanceof engine.EngineError)
    ENGINE_ERRORS.set((value as ErrorClass).name, value as ErrorClass);
}

/**
 * The error a worker serialised, rebuilt on the main thread as an instance of the same engine class
 * with the same message and fields. The constructor is not called: constructors derive fields
 * (capped problem lists, composed messages) that the worker's error already holds.
 */
export function rebuildError(serialised: SerializedError): Error {
  const type = ENGINE_ERRORS.get(serialised.type) ?? (serialised.engine ? RemoteEngineError : Error);
  const error = Object.create(type.prototype) as Error;
  const hidden = (value: unknown) => ({ value, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(error, 'message', hidden(serialised.message));
  if (serialised.stack !== undefined) Object.defineProperty(error, 'stack', hidden(serialised.stack));
  Object.assign(error, serialised.fields);
  return error;
}
