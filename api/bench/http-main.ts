/**
 * Runs the HTTP load benchmark alone and prints its report as JSON:
 *
 *   npx tsx api/bench/http-main.ts [--duration=20] [--batch-duration=10] [--batches=20]
 *     [--rate=<requests/s>] [--cpu-prof=<folder>] [--node-args="<flags>"]
 *
 * `--rate` adds a run of single evaluations offered at that rate; `--cpu-prof` writes the service's
 * CPU profiles (Node's `--cpu-prof`, one per thread) into the folder when the service stops;
 * `--node-args` gives the service's Node more flags (separated by spaces, such as
 * `-r /path/to/observer.cjs` or a V8 flag), to see how they change its figures.
 */
import { runHttpBench, type HttpBenchOptions } from './http';

const flags = new Map(
  process.argv.slice(2).map((arg) => {
    const [name, value] = arg.replace(/^--/, '').split('=');
    return [name as string, value ?? ''];
  }),
);
const number = (name: string): number | undefined => (flags.has(name) ? Number(flags.get(name)) : undefined);
const profile = flags.get('cpu-prof');
const options: HttpBenchOptions = {
  durationSeconds: number('duration'),
  batchDurationSeconds: number('batch-duration'),
  batchRequests: number('batches'),
  offeredRate: number('rate'),
  nodeArgs: [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ...(flags.get('node-args') ?? '').split(' ').filter(Boolean),
  ],
};

runHttpBench(options).then(
  (report) => process.stdout.write(`${JSON.stringify(report, null, 2)}\n`),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
