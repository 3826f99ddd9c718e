/**
 * The engine benchmark: the same generated households through the json-rules-engine path (the
 * reference, `determine`), the compiled path's full determination and its amounts-only mode, in one
 * process on one core. Each path evaluates every household once per run; runs alternate between the
 * paths and each path's figure is the median of its runs. Latencies are per household, over every
 * run. Memory: the heap a compiled evaluator adds to a compiled version, and the heap left after
 * evaluating many households (what an evaluation keeps beyond its answer).
 */
import fc from 'fast-check';
import { compileVersion, determine, evaluatorOf, type CompiledVersion } from '../src/engine';
import { loadCatalogs } from '../src/ruleset-files/ruleset-files';
import { householdArbitrary } from '../../test/support/household-arbitrary';

/** What {@link runEngineBench} may be told. */
export interface EngineBenchOptions {
  /** Households generated (default 2000). */
  households?: number;
  /** Runs per path (default 7; the figure is their median). */
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

/** Runs the garbage collector when the process was started with `--expose-gc`; false otherwise. */
function collect(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

const heapUsed = (): number => process.memoryUsage().heapUsed;

export async function runEngineBench(options: EngineBenchOptions = {}): Promise<EngineBenchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const asOf = options.asOf ?? '2019-06-30';
  const runs = options.runs ?? 7;
  const catalog = loadCatalogs().get('shiyan-social-assistance');
  if (!catalog) throw new Error('the shipped Shiyan ruleset is missing');
  const version = catalog.versionInForce(asOf);
  const jurisdictions = [...version.jurisdictions.keys()];
  // As the API receives them: parsed JSON.
  const households = fc
    .sample(householdArbitrary({ jurisdictions, asOf }), {
      seed: options.seed ?? 42,
      numRuns: options.households ?? 2000,
    })
    .map((h) => JSON.parse(JSON.stringify(h)) as { members?: unknown[] });
  const meanMembers =
    households.reduce((n, h) => n + ((h as { members?: unknown[] }).members?.length ?? 0), 0) /
    households.length;
  const evaluator = evaluatorOf(version);

  const paths = {
    reference: async (h: unknown) => {
      await determine(version, h, asOf);
    },
    compiled: (h: unknown) => {
      evaluator.determine(h, asOf);
    },
    amounts: (h: unknown) => {
      evaluator.amounts(h, asOf);
    },
  } as const;
  type Path = keyof typeof paths;
  const perSecond: Record<Path, number[]> = { reference: [], compiled: [], amounts: [] };
  const latencies: Record<Path, number[]> = { reference: [], compiled: [], amounts: [] };

  // Warm up every path (compilation by V8, the evaluator's own compilation) before measuring.
  for (const path of Object.keys(paths) as Path[]) for (const h of households) await paths[path](h);
  const before = { ...evaluator.counts };
  for (let run = 0; run < runs; run++) {
    for (const path of Object.keys(paths) as Path[]) {
      const evaluate = paths[path];
      const times = latencies[path];
      const start = performance.now();
      for (const h of households) {
        const t = performance.now();
        await evaluate(h);
        times.push((performance.now() - t) * 1000);
      }
      const seconds = (performance.now() - start) / 1000;
      perSecond[path].push(Math.round(households.length / seconds));
    }
    log(
      `engine run ${run + 1}/${runs}: reference ${perSecond.reference.at(-1)}/s, compiled ${perSecond.compiled.at(-1)}/s, amounts ${perSecond.amounts.at(-1)}/s`,
    );
  }
  const fast = evaluator.counts.fast - before.fast;
  const general = evaluator.counts.general - before.general;
  const report = (path: Path): PathReport => {
    const sorted = latencies[path].sort((a, b) => a - b);
    return {
      householdsPerSecond: median(perSecond[path]),
      runs: perSecond[path],
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
    version: version.version,
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
    fastShare: Number((fast / Math.max(1, fast + general)).toFixed(4)),
    memory: measureMemory(version.document, households, asOf),
  };
}

/** See {@link EngineBenchReport.memory}. */
function measureMemory(
  document: CompiledVersion['document'],
  households: readonly unknown[],
  asOf: string,
): EngineBenchReport['memory'] {
  if (!collect())
    return { evaluatorMegabytes: null, versionMegabytes: null, retainedAfterEvaluationsKilobytes: null };
  const megabytes = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(2));
  // The version compiled again from a copy of its document, so that nothing is shared with the runs above.
  const copy: unknown = structuredClone(document);
  collect();
  const start = heapUsed();
  const fresh = compileVersion(copy);
  collect();
  const afterVersion = heapUsed();
  const evaluator = evaluatorOf(fresh);
  evaluator.amounts(households[0], asOf);
  evaluator.determine(households[0], asOf);
  collect();
  const afterEvaluator = heapUsed();
  for (let i = 0; i < 25; i++)
    for (const h of households) {
      evaluator.determine(h, asOf);
      evaluator.amounts(h, asOf);
    }
  collect();
  const afterEvaluations = heapUsed();
  return {
    versionMegabytes: megabytes(afterVersion - start),
    evaluatorMegabytes: megabytes(afterEvaluator - afterVersion),
    retainedAfterEvaluationsKilobytes: Math.round((afterEvaluations - afterEvaluator) / 1024),
  };
}
