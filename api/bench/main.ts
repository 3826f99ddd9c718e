/**
 * `npm run bench`: how fast the engine and the rules API answer, measured in one run and reported
 * as ratios (never asserted by a test). First the engine on one core: the json-rules-engine path
 * (the reference), the compiled path's full determination and its amounts-only mode, over the same
 * generated households (see engine.ts). Then the service under load from autocannon (see http.ts).
 * The figures are printed as JSON on standard output, then the targets, each met or not.
 *
 *   npm run bench                    everything (about two minutes)
 *   npm run bench -- --engine-only   the engine part only
 */
import { runEngineBench, type EngineBenchReport } from './engine';

/** A target and whether this run met it. */
interface Target {
  target: string;
  measured: string;
  met: boolean;
}

function engineTargets(engine: EngineBenchReport): Target[] {
  const targets: Target[] = [
    {
      target: 'compiled full determination ≥ 20× the json-rules-engine path per core',
      measured: `${engine.ratios.compiled}× (${engine.compiled.householdsPerSecond} against ${engine.reference.householdsPerSecond} households/s)`,
      met: engine.ratios.compiled >= 20,
    },
    {
      target: 'amounts only ≥ 100× the json-rules-engine path per core',
      measured: `${engine.ratios.amounts}× (${engine.amounts.householdsPerSecond} against ${engine.reference.householdsPerSecond} households/s)`,
      met: engine.ratios.amounts >= 100,
    },
  ];
  const { evaluatorMegabytes, versionMegabytes, retainedAfterEvaluationsKilobytes } = engine.memory;
  if (evaluatorMegabytes !== null && versionMegabytes !== null)
    targets.push({
      target: 'a compiled version costs under 5 MB',
      measured: `${(versionMegabytes + evaluatorMegabytes).toFixed(2)} MB (version ${versionMegabytes} MB + compiled evaluator ${evaluatorMegabytes} MB)`,
      met: versionMegabytes + evaluatorMegabytes < 5,
    });
  if (retainedAfterEvaluationsKilobytes !== null)
    targets.push({
      target: 'evaluation keeps nothing per household beyond its answer',
      measured: `${retainedAfterEvaluationsKilobytes} KB more heap after ${engine.households * 25 * 2} more evaluations`,
      met: retainedAfterEvaluationsKilobytes < 512,
    });
  return targets;
}

async function main(): Promise<void> {
  const engineOnly = process.argv.includes('--engine-only');
  const engine = await runEngineBench();
  const targets = engineTargets(engine);
  process.stdout.write(`${JSON.stringify({ engine }, null, 2)}\n`);
  process.stdout.write('\nTargets:\n');
  for (const t of targets)
    process.stdout.write(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.measured}\n`);
  if (engineOnly) return;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
