'use strict';
/* global __dirname, performance, structuredClone */
/**
 * The measuring half of the engine benchmark (engine.ts prepares the households): run by plain
 * `node --expose-gc` on the built engine in dist/, as the service runs it (a TypeScript loader's
 * module wrappers would cost the compiled path's many small closures far more than the reference).
 *
 *   node --expose-gc api/bench/engine-runner.cjs <households.json> <asOf> <runs>
 *
 * Prints one JSON object: per path (reference, compiled, amounts) the households per second of each
 * run and every household's latency (µs); the share of answers the fast path gave; and memory.
 * Each path is warmed up, then run `runs` times over every household; the garbage collector runs
 * before each run, so that a path pays for collecting its own garbage only.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const DIST = join(__dirname, '..', '..', 'dist', 'api', 'src');
const { compileVersion, determine, evaluatorOf } = require(join(DIST, 'engine'));
const { loadCatalogs } = require(join(DIST, 'ruleset-files', 'ruleset-files'));

const [file, asOf, runsText] = process.argv.slice(2);
const runs = Number(runsText);
const households = JSON.parse(readFileSync(file, 'utf8'));
const version = loadCatalogs().get('shiyan-social-assistance').versionInForce(asOf);
const evaluator = evaluatorOf(version);

function collect() {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') return false;
  gc();
  gc();
  return true;
}
const heapUsed = () => process.memoryUsage().heapUsed;

const paths = {
  reference: (h) => determine(version, h, asOf),
  compiled: (h) => evaluator.determine(h, asOf),
  amounts: (h) => evaluator.amounts(h, asOf),
};

async function measure() {
  const result = {};
  for (const [name, evaluate] of Object.entries(paths)) {
    // Warm-up: V8's compilation, and the evaluator's own on first use.
    for (const h of households) await evaluate(h);
    const perSecond = [];
    const latencies = [];
    for (let run = 0; run < runs; run++) {
      collect();
      const start = performance.now();
      for (const h of households) {
        const t = performance.now();
        await evaluate(h);
        latencies.push((performance.now() - t) * 1000);
      }
      perSecond.push(Math.round(households.length / ((performance.now() - start) / 1000)));
      process.stderr.write(`engine ${name} run ${run + 1}/${runs}: ${perSecond.at(-1)} households/s\n`);
    }
    result[name] = { perSecond, latencies };
  }
  return result;
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

measure()
  .then((result) => {
    const { fast, general } = evaluator.counts;
    process.stdout.write(
      JSON.stringify({
        version: version.version,
        result,
        fastShare: fast / Math.max(1, fast + general),
        memory: memory(),
      }),
    );
  })
  .catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
