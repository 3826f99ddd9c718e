/**
 * The engine benchmark, on the built engine (dist/): the same generated households through the
 * json-rules-engine path (the reference, `determine`), the compiled path's full determination and
 * its amounts-only mode, on one core each in turn. Each path lives in a process of its own
 * (engine-runner.cjs), warmed up for 3 s, and the three take turns in slices of a second, two
 * slices each per run: on a virtual machine whose host takes a varying share of the CPU (one path's
 * speed moved by up to a half within a minute here), paths measured one after another met other
 * conditions, while paths taking turns every second meet the same. A run's ratio is of the
 * households per second measured in that run; each figure reported is the median over the runs.
 * Latencies are per household, over every slice.
 * Memory: the heap a compiled evaluator adds to a compiled version, and the heap left after
 * evaluating many households (what an evaluation keeps beyond its answer).
 */
import fc from 'fast-check';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalogs } from '../src/ruleset-files/ruleset-files';
import { householdArbitrary } from '../../test/support/household-arbitrary';

/** What {@link runEngineBench} may be told. */
export interface EngineBenchOptions {
  /** Households generated (default 2000). */
  households?: number;
  /** Runs (default 7): in each, every path evaluates for two slices; each figure is the median over the runs. */
  runs?: number;
  /** The evaluation date; the version in force then is measured (default 2019-06-30). */
  asOf?: string;
  /** Seed of the generated households (default 42). */
  seed?: number;
  log?: (line: string) => void;
}

/** One path's figures. */
export interface PathReport {
  /** Median over the runs of the households evaluated per second on one core. */
  householdsPerSecond: number;
  /** Every run's households per second, in order. */
  runs: number[];
  /** Per household, microseconds, over every slice. */
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
  /** Median over the runs of each run's ratio to the reference. */
  ratios: { compiled: number; amounts: number };
  /** Each run's ratio to the reference, in order. */
  runRatios: { compiled: number[]; amounts: number[] };
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

/** What engine-runner.cjs prints for `memory`. */
interface MemoryOutput {
  version: string;
  result: EngineBenchReport['memory'];
}

/** Runs engine-runner.cjs for `memory` in its own `node --expose-gc` process. */
function memoryRunner(file: string, asOf: string): MemoryOutput {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', resolve(__dirname, 'engine-runner.cjs'), file, asOf, 'memory'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 },
  );
  if (child.status !== 0)
    throw new Error(`the engine runner failed on memory (${child.status ?? child.signal})`);
  return JSON.parse(child.stdout) as MemoryOutput;
}

/** One path's process (engine-runner.cjs), asked one thing at a time over its IPC channel. */
class PathProcess {
  private readonly child: ChildProcess;
  private waiting: { resolve: (answer: unknown) => void; reject: (e: Error) => void } | null = null;
  private readonly ready: Promise<unknown>;
  /** Why the process ended, once it has. */
  private ended: Error | undefined;

  constructor(
    readonly path: Path,
    file: string,
    asOf: string,
  ) {
    this.child = fork(resolve(__dirname, 'engine-runner.cjs'), [file, asOf, path], {
      // Plain node: not the TypeScript loader this conductor runs under.
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.ready = new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
    // A process that ends before it is first asked fails that question, not the whole conductor.
    this.ready.catch(() => undefined);
    this.child.on('message', (answer) => {
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.resolve(answer);
    });
    const fail = (error: Error) => {
      this.ended ??= error;
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    };
    this.child.on('exit', (code, signal) =>
      fail(new Error(`the engine runner of ${path} ended (${code ?? signal})`)),
    );
    this.child.on('error', fail);
  }

  async ask<T>(message: object): Promise<T> {
    await this.ready;
    if (this.ended) throw this.ended;
    const answer = new Promise<unknown>((resolve, reject) => (this.waiting = { resolve, reject }));
    this.child.send(message);
    return (await answer) as T;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

type Path = 'reference' | 'compiled' | 'amounts';
/** What a path's process answers to `finish`. */
interface Finished {
  version: string;
  latency: PathReport['latencyMicroseconds'];
  fastShare: number | null;
}
const PATHS: readonly Path[] = ['reference', 'compiled', 'amounts'];

/** Each path's process is warmed up for this long before anything is timed (see engine-runner.cjs). */
const WARM_UP_MS = 3000;
/** A run is this many slices per path, the paths taking turns. */
const SLICES_PER_RUN = 2;
/** How long one slice evaluates. */
const SLICE_MS = 1000;

/**
 * Generates the households (here, from the TypeScript test support), then measures in plain `node`
 * processes on the built engine (engine-runner.cjs; the memory figures in one started with
 * `--expose-gc`): that is the code the service runs. `npm run bench` builds dist/ first when the
 * sources changed.
 */
export async function runEngineBench(options: EngineBenchOptions = {}): Promise<EngineBenchReport> {
  const asOf = options.asOf ?? '2019-06-30';
  const runs = options.runs ?? 7;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
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
  const processes: PathProcess[] = [];
  try {
    const file = join(folder, 'households.json');
    // As the API receives them: JSON.
    writeFileSync(file, JSON.stringify(households));
    for (const path of PATHS) processes.push(new PathProcess(path, file, asOf));
    // One at a time, so that each warms up with a core of its own.
    for (const p of processes) {
      await p.ask({ warm: WARM_UP_MS });
      log(`engine ${p.path}: warmed up for ${WARM_UP_MS} ms`);
    }
    const perSecond: Record<Path, number[]> = { reference: [], compiled: [], amounts: [] };
    const ratios = { compiled: [] as number[], amounts: [] as number[] };
    for (let run = 0; run < runs; run++) {
      const done: Record<Path, { households: number; ms: number }> = {
        reference: { households: 0, ms: 0 },
        compiled: { households: 0, ms: 0 },
        amounts: { households: 0, ms: 0 },
      };
      for (let slice = 0; slice < SLICES_PER_RUN; slice++)
        // Each slice in another order, so that no path always follows the same one.
        for (let k = 0; k < processes.length; k++) {
          const p = processes[(slice + run + k) % processes.length] as PathProcess;
          const answer = await p.ask<{ households: number; ms: number }>({ slice: SLICE_MS });
          done[p.path].households += answer.households;
          done[p.path].ms += answer.ms;
        }
      const rate = (path: Path) => (done[path].households / done[path].ms) * 1000;
      for (const path of PATHS) perSecond[path].push(Math.round(rate(path)));
      ratios.compiled.push(rate('compiled') / rate('reference'));
      ratios.amounts.push(rate('amounts') / rate('reference'));
      log(
        `engine run ${run + 1}/${runs}: ${PATHS.map((path) => `${path} ${Math.round(rate(path))}`).join(', ')} households/s`,
      );
    }
    const finished = {} as Record<Path, Finished>;
    for (const p of processes) finished[p.path] = await p.ask<Finished>({ finish: true });
    const memory = memoryRunner(file, asOf).result;
    const report = (path: Path): PathReport => ({
      householdsPerSecond: median(perSecond[path]),
      runs: perSecond[path],
      latencyMicroseconds: finished[path].latency,
    });
    return {
      version: finished.compiled.version,
      asOf,
      households: households.length,
      meanMembers: Number(meanMembers.toFixed(2)),
      runsPerPath: runs,
      reference: report('reference'),
      compiled: report('compiled'),
      amounts: report('amounts'),
      ratios: {
        compiled: Number(median(ratios.compiled).toFixed(1)),
        amounts: Number(median(ratios.amounts).toFixed(1)),
      },
      runRatios: {
        compiled: ratios.compiled.map((r) => Number(r.toFixed(1))),
        amounts: ratios.amounts.map((r) => Number(r.toFixed(1))),
      },
      fastShare: Number((finished.compiled.fastShare ?? 0).toFixed(4)),
      memory,
    };
  } finally {
    for (const p of processes) p.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}
