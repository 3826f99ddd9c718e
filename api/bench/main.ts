/**
 * `npm run bench`: how fast the engine and the rules API answer, measured in one run and reported
 * as ratios (never asserted by a test). First the engine on one core: the json-rules-engine path
 * (the reference), the compiled path's full determination and its amounts-only mode, over the same
 * generated households (see engine.ts). Then the service under load from autocannon, and at an even
 * rate from paced-client.cjs (see http.ts).
 * The figures are printed as JSON on standard output, then the targets, each met or not.
 *
 *   npm run bench                    everything (about five minutes, a first run builds the service)
 *   npm run bench -- --engine-only   the engine part only
 */
import { runEngineBench, type EngineBenchReport } from './engine';
import { runHttpBench, type HttpBenchReport } from './http';

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
      measured: `${engine.ratios.compiled}×, the median of the runs' ratios (median rates ${engine.compiled.householdsPerSecond} and ${engine.reference.householdsPerSecond} households/s)`,
      met: engine.ratios.compiled >= 20,
    },
    {
      target: 'amounts only ≥ 100× the json-rules-engine path per core',
      measured: `${engine.ratios.amounts}×, the median of the runs' ratios (median rates ${engine.amounts.householdsPerSecond} and ${engine.reference.householdsPerSecond} households/s)`,
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

/** Single evaluations are offered at this rate for the latency target (see {@link httpTargets}). */
const OFFERED_RATE = 2000;

function httpTargets(http: HttpBenchReport): Target[] {
  const { single, singleAtRate, singlePaced, pacedFloor, batch } = http;
  const errors = (p: { errors: number; non2xx: number; timeouts: number }) =>
    p.errors + p.non2xx + p.timeouts;
  const targets: Target[] = [
    {
      target: '≥ 2,000 single evaluations/s at 32 connections for 20 s, no errors',
      measured: `${single.requestsPerSecond}/s, p50 ${single.latencyMs.p50} ms, p99 ${single.latencyMs.p99} ms, ${errors(single)} errors`,
      met: single.requestsPerSecond >= 2000 && errors(single) === 0,
    },
  ];
  if (singlePaced)
    targets.push({
      target: `p99 < 10 ms for single evaluations sent at ${OFFERED_RATE}/s at even intervals (up to 32 connections)`,
      measured: `${singlePaced.requestsPerSecond}/s answered, p50 ${singlePaced.latencyMs.p50} ms, p99 ${singlePaced.latencyMs.p99} ms from each request's due time (the load generator itself sent p99 ${singlePaced.sendDelayMs.p99} ms late), the service using ${singlePaced.cpuMsPerRequest.service ?? '?'} ms of CPU per request, ${singlePaced.errors + singlePaced.non2xx} errors`,
      met:
        singlePaced.latencyMs.p99 < 10 &&
        singlePaced.requestsPerSecond >= OFFERED_RATE * 0.98 &&
        singlePaced.errors + singlePaced.non2xx + singlePaced.checkFailures === 0,
    });
  for (const floor of pacedFloor ?? [])
    targets.push({
      target: `(for comparison) the same paced load against a stand-in server costing ${floor.cpuMsPerRequest ?? '?'} ms of CPU per request (floor-server.cjs, ${floor.workMs} ms of it a busy loop), answering ${floor.answerBytes} bytes`,
      measured: `${floor.requestsPerSecond}/s answered, p50 ${floor.latencyMs.p50} ms, p99 ${floor.latencyMs.p99} ms, ${floor.errors} errors`,
      met: floor.latencyMs.p99 < 10 && floor.errors === 0,
    });
  if (singleAtRate)
    targets.push({
      target: `(for comparison) the same with autocannon's overallRate, ${OFFERED_RATE}/s as per-second quotas of 32 connections`,
      measured: `${singleAtRate.requestsPerSecond}/s answered, p50 ${singleAtRate.latencyMs.p50} ms, p99 ${singleAtRate.latencyMs.p99} ms as answered (autocannon's histogram, with its coordinated-omission samples: p99 ${singleAtRate.latencyMsAutocannon.p99} ms), ${errors(singleAtRate)} errors`,
      met:
        singleAtRate.latencyMs.p99 < 10 &&
        singleAtRate.requestsPerSecond >= OFFERED_RATE * 0.98 &&
        errors(singleAtRate) === 0,
    });
  targets.push({
    target: 'a 1000-household batch answered in under 150 ms (the median batch, sent one at a time)',
    measured: `p50 ${batch.sequential.latencyMs.p50} ms, p99 ${batch.sequential.latencyMs.p99} ms over ${batch.sequential.requests} batches, ${batch.sequential.errors} errors`,
    met: batch.sequential.latencyMs.p50 < 150 && batch.sequential.errors === 0,
  });
  return targets;
}

async function main(): Promise<void> {
  const engineOnly = process.argv.includes('--engine-only');
  const engine = await runEngineBench();
  const targets = engineTargets(engine);
  let http: HttpBenchReport | null = null;
  if (!engineOnly) {
    http = await runHttpBench({ offeredRate: OFFERED_RATE });
    targets.push(...httpTargets(http));
  }
  process.stdout.write(`${JSON.stringify({ engine, http }, null, 2)}\n`);
  process.stdout.write('\nTargets:\n');
  for (const t of targets)
    process.stdout.write(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.measured}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
