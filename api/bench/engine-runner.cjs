'use strict';
/* global __dirname, performance, structuredClone */
/**
 * The measuring half of the engine benchmark (engine.ts prepares the households): run by plain
 * `node --expose-gc` on the built engine in dist/, as the service runs it (a TypeScript loader's
 * module wrappers would cost the compiled path's many small closures far more than the reference).
 *
 *   node --expose-gc api/bench/engine-runner.cjs <households.json> <asOf> <runs> <path>
 *
 * `path` is one of reference, compiled, amounts or memory. Each path is measured in its own process,
 * so that none inherits another's compiled code, garbage or heap. The reference path answers with a
 * promise (json-rules-engine is asynchronous) and is awaited; the compiled modes answer synchronously
 * and are called as the service calls them, without an await per household.
 *
 * Prints one JSON object: the households per second of each run and every household's latency (µs),
 * with the share of answers the fast path gave; for `memory`, the heap figures. The path is warmed
 * up (WARM_UP_MS), then run `runs` times over every household, one run after another, as a service
 * evaluates in its steady state. No collection is forced between runs: a forced full collection
 * (`gc()`) also throws away optimized code, so that each run started partly unoptimized and compiled
 * it again (on this machine the compiled full determination ran at 12,400 households/s with a
 * collection before each run against 23,700 without, with 50 deoptimizations against 17; the
 * reference path about 950 either way). The service never forces one. Only `memory` collects, to
 * read the heap.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const DIST = join(__dirname, '..', '..', 'dist', 'api', 'src');
const { compileVersion, determine, evaluatorOf } = require(join(DIST, 'engine'));
const { loadCatalogs } = require(join(DIST, 'ruleset-files', 'ruleset-files'));

const [file, asOf, runsText, path] = process.argv.slice(2);
const runs = Number(runsText);
const households = JSON.parse(readFileSync(file, 'utf8'));
const version = loadCatalogs().get('shiyan-social-assistance').versionInForce(asOf);

/**
 * Each path is warmed up over every household, again and again for at least this long: V8 optimizes
 * a function only after many calls, and the compiled path has many small ones (one pass of 2,000
 * households left its runs still getting faster, from 3,700 to 6,200 households/s).
 */
const WARM_UP_MS = 3000;

function collect() {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return false;
  gc();
  gc();
  return true;
}
const heapUsed = () => process.memoryUsage().heapUsed;

/** Records one run: its households per second and each household's latency (µs). */
function record(name, figures, start, times) {
  figures.perSecond.push(Math.round(households.length / ((performance.now() - start) / 1000)));
  for (const t of times) figures.latencies.push(t);
  process.stderr.write(
    `engine ${name} run ${figures.perSecond.length}/${runs}: ${figures.perSecond.at(-1)} households/s\n`,
  );
}

/** The reference path: awaited, as the service awaits it. */
async function measureReference() {
  const warmUpEnd = performance.now() + WARM_UP_MS;
  do for (const h of households) await determine(version, h, asOf);
  while (performance.now() < warmUpEnd);
  const figures = { perSecond: [], latencies: [] };
  for (let run = 0; run < runs; run++) {
    const times = new Float64Array(households.length);
    const start = performance.now();
    for (let i = 0; i < households.length; i++) {
      const t = performance.now();
      await determine(version, households[i], asOf);
      times[i] = (performance.now() - t) * 1000;
    }
    record('reference', figures, start, times);
  }
  return figures;
}

/** A compiled mode (`compiled` or `amounts`): synchronous calls, as the service makes them. */
function measureCompiled(name) {
  const evaluator = evaluatorOf(version);
  const evaluate =
    name === 'amounts' ? (h) => evaluator.amounts(h, asOf) : (h) => evaluator.determine(h, asOf);
  const warmUpEnd = performance.now() + WARM_UP_MS;
  do for (const h of households) evaluate(h);
  while (performance.now() < warmUpEnd);
  const figures = { perSecond: [], latencies: [] };
  for (let run = 0; run < runs; run++) {
    const times = new Float64Array(households.length);
    const start = performance.now();
    for (let i = 0; i < households.length; i++) {
      const t = performance.now();
      evaluate(households[i]);
      times[i] = (performance.now() - t) * 1000;
    }
    record(name, figures, start, times);
  }
  const { fast, general } = evaluator.counts;
  return { ...figures, fastShare: fast / Math.max(1, fast + general) };
}

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

async function main() {
  let result;
  if (path === 'reference') result = await measureReference();
  else if (path === 'compiled' || path === 'amounts') result = measureCompiled(path);
  else if (path === 'memory') result = memory();
  else throw new Error(`unknown path ${path}: reference, compiled, amounts or memory`);
  process.stdout.write(JSON.stringify({ version: version.version, result }));
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
