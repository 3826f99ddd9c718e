'use strict';
/* global __dirname, performance, structuredClone */
/**
 * The measuring half of the engine benchmark (engine.ts prepares the households and conducts): run by
 * plain `node` on the built engine in dist/, as the service runs it (a TypeScript loader's module
 * wrappers would cost the compiled path's many small closures far more than the reference).
 *
 *   node api/bench/engine-runner.cjs <households.json> <asOf> <path>
 *
 * `path` is reference, compiled or amounts: the process is forked with an IPC channel, holds that one
 * path (so that none inherits another's optimized code, type feedback, garbage or heap) and does what
 * the conductor asks, one message at a time:
 *
 * - `{ warm: ms }` evaluates every household again and again for at least `ms` (V8 optimizes a
 *   function only after many calls, and the compiled path has many small ones), then answers
 *   `{ warmed: true }`;
 * - `{ slice: ms }` evaluates households, going on through the list where the last slice stopped,
 *   until `ms` have passed, timing each one, and answers `{ households, ms }`;
 * - `{ finish: true }` answers `{ version, latency: { p50, p99 } (µs, over every timed household),
 *   fastShare }` and ends the process.
 *
 * The reference path answers with a promise (json-rules-engine is asynchronous) and is awaited; the
 * compiled modes answer synchronously and are called as the service calls them. No collection is
 * forced: a forced full collection (`gc()`) also throws away optimized code (the compiled full
 * determination ran at 12,400 households/s with one before each run against 23,700 without), and the
 * service never forces one.
 *
 *   node --expose-gc api/bench/engine-runner.cjs <households.json> <asOf> memory
 *
 * prints the heap a compiled version and its evaluator cost and what many evaluations leave behind.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const DIST = join(__dirname, '..', '..', 'dist', 'api', 'src');
const { compileVersion, determine, evaluatorOf } = require(join(DIST, 'engine'));
const { loadCatalogs } = require(join(DIST, 'ruleset-files', 'ruleset-files'));

const [file, asOf, path] = process.argv.slice(2);
const households = JSON.parse(readFileSync(file, 'utf8'));
const version = loadCatalogs().get('shiyan-social-assistance').versionInForce(asOf);

function collect() {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return false;
  gc();
  gc();
  return true;
}
const heapUsed = () => process.memoryUsage().heapUsed;

/** The heap a compiled version and its evaluator cost, and what many evaluations leave behind. */
function memory() {
  if (!collect())
    return { versionMegabytes: null, evaluatorMegabytes: null, retainedAfterEvaluationsKilobytes: null };
  const megabytes = (bytes) => Number((bytes / 1024 / 1024).toFixed(2));
  const copy = structuredClone(version.document);
  collect();
  const start = heapUsed();
  const fresh = compileVersion(copy);
  collect();
  const afterVersion = heapUsed();
  const freshEvaluator = evaluatorOf(fresh);
  freshEvaluator.amounts(households[0], asOf);
  freshEvaluator.determine(households[0], asOf);
  collect();
  const afterEvaluator = heapUsed();
  for (let i = 0; i < 25; i++)
    for (const h of households) {
      freshEvaluator.determine(h, asOf);
      freshEvaluator.amounts(h, asOf);
    }
  collect();
  const afterEvaluations = heapUsed();
  return {
    versionMegabytes: megabytes(afterVersion - start),
    evaluatorMegabytes: megabytes(afterEvaluator - afterVersion),
    retainedAfterEvaluationsKilobytes: Math.round((afterEvaluations - afterEvaluator) / 1024),
  };
}

/** Per-household times (µs) of every slice, in growing blocks. */
const latencies = [];
let block = new Float64Array(65536);
let filled = 0;
function note(microseconds) {
  if (filled === block.length) {
    latencies.push(block);
    block = new Float64Array(65536);
    filled = 0;
  }
  block[filled++] = microseconds;
}
function percentiles() {
  const all = new Float64Array(latencies.length * 65536 + filled);
  latencies.forEach((b, i) => all.set(b, i * 65536));
  all.set(block.subarray(0, filled), latencies.length * 65536);
  all.sort();
  const at = (p) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))] ?? 0;
  return { p50: Number(at(50).toFixed(1)), p99: Number(at(99).toFixed(1)) };
}

let next = 0;
const evaluator = path === 'reference' ? null : evaluatorOf(version);

/**
 * Evaluates households for at least `ms`, going on through the list. The reference path answers with
 * a promise and is awaited, as the service awaits it; the compiled modes are called synchronously, as
 * the service calls them, with no await per household.
 */
async function evaluateFor(ms, timed) {
  const end = performance.now() + ms;
  const start = performance.now();
  let count = 0;
  do {
    const h = households[next];
    next = (next + 1) % households.length;
    const t = performance.now();
    if (evaluator === null) await determine(version, h, asOf);
    else if (path === 'amounts') evaluator.amounts(h, asOf);
    else evaluator.determine(h, asOf);
    if (timed) note((performance.now() - t) * 1000);
    count++;
  } while (performance.now() < end);
  return { households: count, ms: performance.now() - start };
}

async function serve(message) {
  if (message.warm !== undefined) {
    await evaluateFor(message.warm, false);
    return { warmed: true };
  }
  if (message.slice !== undefined) return evaluateFor(message.slice, true);
  if (message.finish) {
    const counts = evaluator ? evaluator.counts : null;
    return {
      version: version.version,
      latency: percentiles(),
      fastShare: counts ? counts.fast / Math.max(1, counts.fast + counts.general) : null,
    };
  }
  throw new Error(`unknown message ${JSON.stringify(message)}`);
}

function fail(e) {
  process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
}

if (path === 'memory') {
  try {
    process.stdout.write(JSON.stringify({ version: version.version, result: memory() }));
  } catch (e) {
    fail(e);
  }
} else if (path === 'reference' || path === 'compiled' || path === 'amounts') {
  if (typeof process.send !== 'function') fail(new Error('run by engine.ts, with an IPC channel'));
  process.on('message', (message) => {
    serve(message).then((answer) => {
      process.send(answer, () => {
        if (message.finish) process.disconnect();
      });
    }, fail);
  });
  process.send({ ready: true });
} else fail(new Error(`unknown path ${path}: reference, compiled, amounts or memory`));
