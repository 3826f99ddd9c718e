/**
 * The engine benchmark, on the built engine (dist/): the same generated households through the
 * json-rules-engine path (the reference, `determine`), the compiled path's full determination and
 * its amounts-only mode, on one core, each run in a process of its own (engine-runner.cjs) that warms
 * the path up and then evaluates every household once. The runs go in rounds, one run of each path
 * per round, so that all three meet the same conditions: on a virtual machine whose host takes a
 * varying share of the CPU (one path's speed moved by up to a half within minutes here), runs of one
 * path measured after all of another's met other conditions.
 * Each path's figure is the median of its runs; latencies are per household, over every run.
 * Memory: the heap a compiled evaluator adds to a compiled version, and the heap left after
 * evaluating many households (what an evaluation keeps beyond its answer).
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalogs } from '../src/ruleset-files/ruleset-files';
import { householdArbitrary } from '../../test/support/household-arbitrary';

/** What {@link runEngineBench} may be told. */
export interface EngineBenchOptions {
  /** Households generated (default 2000). */
  households?: number;
  /** Runs per path (default 7, in as many rounds; the figure is their median). */
  runs?: number;
  /** The evaluation date; the version in force then is measured (default 2019-06-30). */
  asOf?: string;
  /** Seed of the generated households (default 42). */
  seed?: number;
  log?: (line: string) => void;
}

/** One path's figures. */
export interface PathReport {
  /** Median over the runs of households evaluated per second on one core. */
  householdsPerSecond: number;
  /** Every run's households per second, in order. */
  runs: number[];
  /** Per household, microseconds, over every run. */
  latencyMicroseconds: { p50: number; p99: number };
}

export interface EngineBenchReport {
  version: string;
  asOf: string;
  households: number;
  meanMembers: number;
  runsPerPath: number;
  reference: PathReport;
  compiled: PathReport;
  amounts: PathReport;
  ratios: { compiled: number; amounts: number };
  /** Share of the compiled answers given by the fast path (the rest by the general compiled path). */
  fastShare: number;
  memory: {
    /** Heap a compiled evaluator adds to a compiled version, MB (with `--expose-gc`; null without). */
    evaluatorMegabytes: number | null;
    /** Heap of the compiled version itself, MB (null without `--expose-gc`). */
    versionMegabytes: number | null;
    /** Heap growth after evaluating `households` × 25 more households and collecting, KB (null without `--expose-gc`). */
    retainedAfterEvaluationsKilobytes: number | null;
  };
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** What engine-runner.cjs prints for one path. */
interface PathOutput {
  version: string;
  result: { perSecond: number[]; latencies: number[]; fastShare?: number };
}

/** What engine-runner.cjs prints for `memory`. */
interface MemoryOutput {
  version: string;
  result: EngineBenchReport['memory'];
}

/** Runs engine-runner.cjs for one path in its own `node --expose-gc` process. */
function runner<T>(file: string, asOf: string, runs: number, path: string): T {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', resolve(__dirname, 'engine-runner.cjs'), file, asOf, String(runs), path],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 },
  );
  if (child.status !== 0)
    throw new Error(`the engine runner failed on ${path} (${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as T;
}

/**
 * Generates the households (here, from the TypeScript test support), then measures in a plain
 * `node --expose-gc` process on the built engine (engine-runner.cjs): that is the code the service
 * runs. `npm run bench` builds dist/ first when the sources changed.
 */
export async function runEngineBench(options: EngineBenchOptions = {}): Promise<EngineBenchReport> {
  const asOf = options.asOf ?? '2019-06-30';
  const runs = options.runs ?? 7;
  const catalog = loadCatalogs().get('shiyan-social-assistance');
  if (!catalog) throw new Error('the shipped Shiyan ruleset is missing');
  const version = catalog.versionInForce(asOf);
  const jurisdictions = [...version.jurisdictions.keys()];
  const households = fc.sample(householdArbitrary({ jurisdictions, asOf }), {
    seed: options.seed ?? 42,
    numRuns: options.households ?? 2000,
  });
  const meanMembers =
    households.reduce((n, h) => n + ((h as { members?: unknown[] }).members?.length ?? 0), 0) /
    households.length;
  const folder = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  try {
    const file = join(folder, 'households.json');
    // As the API receives them: JSON.
    writeFileSync(file, JSON.stringify(households));
    const paths = ['reference', 'compiled', 'amounts'] as const;
    const outputs: Record<(typeof paths)[number], PathOutput> = {
      reference: { version: '', result: { perSecond: [], latencies: [] } },
      compiled: { version: '', result: { perSecond: [], latencies: [], fastShare: 0 } },
      amounts: { version: '', result: { perSecond: [], latencies: [] } },
    };
    for (let round = 0; round < runs; round++)
      // Each round in another order, so that no path always runs first or last in a round.
      for (const path of [...paths.slice(round % 3), ...paths.slice(0, round % 3)]) {
        const { version, result } = runner<PathOutput>(file, asOf, 1, path);
        const into = outputs[path];
        into.version = version;
        into.result.perSecond.push(...result.perSecond);
        for (const latency of result.latencies) into.result.latencies.push(latency);
        if (result.fastShare !== undefined) into.result.fastShare = result.fastShare;
      }
    const memory = runner<MemoryOutput>(file, asOf, runs, 'memory').result;
    const report = (path: keyof typeof outputs): PathReport => {
      const { perSecond, latencies } = outputs[path].result;
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        householdsPerSecond: median(perSecond),
        runs: perSecond,
        latencyMicroseconds: {
          p50: Number(percentile(sorted, 50).toFixed(1)),
          p99: Number(percentile(sorted, 99).toFixed(1)),
        },
      };
    };
    const reference = report('reference');
    const compiled = report('compiled');
    const amounts = report('amounts');
    return {
      version: outputs.compiled.version,
      asOf,
      households: households.length,
      meanMembers: Number(meanMembers.toFixed(2)),
      runsPerPath: runs,
      reference,
      compiled,
      amounts,
      ratios: {
        compiled: Number((compiled.householdsPerSecond / reference.householdsPerSecond).toFixed(1)),
        amounts: Number((amounts.householdsPerSecond / reference.householdsPerSecond).toFixed(1)),
      },
      fastShare: Number((outputs.compiled.result.fastShare ?? 0).toFixed(4)),
      memory,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
