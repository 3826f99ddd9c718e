/**
 * The HTTP load benchmark: the rules API as caseworker systems meet it. The service is started as
 * `npm start` starts it (`node api/scripts/start.cjs`), in a child process of its own so that the
 * load generator never shares its event loop, on the embedded database in a fresh temporary data
 * directory and a free port. Signed in as the bootstrap admin, the benchmark creates a caseworker
 * API key and loads the evaluation routes with autocannon:
 *
 * - single evaluations (`POST /api/v1/rulesets/{key}/evaluate`), each request a different realistic
 *   household, at `connections` concurrent connections for `durationSeconds`;
 * - when an `offeredRate` is given, the same at that rate: with autocannon's rate limit, then sent at
 *   even intervals by paced-client.cjs (an open load, timed from each request's due time);
 * - batches of `batchSize` households (`…/evaluate/batch`), sequential after a warm-up, then at
 *   `batchConnections` concurrent connections.
 *
 * Every phase checks a sample of its answers (status 200 and a `benefits` array): a run that measured
 * refusals would be worthless, so it fails instead. The child is stopped and the data directory
 * removed in every case, on error and on Ctrl-C too.
 */
import autocannon from 'autocannon';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parametersFor } from '../src/engine';
import { loadCatalogs } from '../src/ruleset-files/ruleset-files';
import { householdArbitrary } from '../../test/support/household-arbitrary';

/** What {@link runHttpBench} may be told; every field has a default (the targets' conditions). */
export interface HttpBenchOptions {
  /** Seconds of single evaluations (default 20). */
  durationSeconds?: number;
  /** Concurrent connections for single evaluations (default 32). */
  connections?: number;
  /**
   * Also run the single evaluations offered at this many requests a second in all, after the run as
   * fast as answered: with autocannon's `overallRate`, then at even intervals (see
   * {@link pacedPhase}). With a fixed number of connections, as fast as answered means a mean
   * latency of connections ÷ throughput (32 connections at 2,000/s: 16 ms), so a latency target
   * below that is only meaningful at a fixed offered rate.
   */
  offeredRate?: number;
  /** Different household bodies the single evaluations rotate through (default 500). */
  households?: number;
  /** Seed of the generated households (default 20190630), so that runs compare. */
  seed?: number;
  /** Households per batch request (default 1000, the API's maximum). */
  batchSize?: number;
  /** Batches sent one after another, after {@link HttpBenchOptions.batchWarmUp} (default 20). */
  batchRequests?: number;
  /** Batches sent first and not measured (default 2). */
  batchWarmUp?: number;
  /** Concurrent connections of the concurrent batch phase (default 4; 0 skips the phase). */
  batchConnections?: number;
  /** Seconds of the concurrent batch phase (default 10). */
  batchDurationSeconds?: number;
  /** The ruleset evaluated (default the shipped `shiyan-social-assistance`). */
  ruleset?: string;
  /** The evaluation date of every request (default 2019-06-30). */
  asOf?: string;
  /** Node options for the service's process, such as `['--cpu-prof', '--cpu-prof-dir=/tmp/p']`. */
  nodeArgs?: string[];
  /** Settings added to the service's environment (such as `WORKER_THREADS`). */
  env?: Record<string, string>;
  /** Milliseconds to wait for the service to answer `/api/health` (a first start builds it; default 600,000). */
  startTimeoutMs?: number;
  /** Where progress lines go (default standard error). */
  log?: (line: string) => void;
}

/** Latencies of one phase, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

/** One autocannon phase: how many answers, how fast, and what went wrong. */
export interface LoadPhaseReport {
  connections: number;
  durationSeconds: number;
  /** Answers received, whatever their status. */
  requests: number;
  /** Mean answers per second over the phase. */
  requestsPerSecond: number;
  /** Of the 2xx answers, each one's time from its request to its last byte, as autocannon timed it. */
  latencyMs: LatencySummary;
  /**
   * autocannon's own latency histogram: the same answers, plus, under a rate limit, the samples it
   * adds for coordinated omission (see {@link cannon}).
   */
  latencyMsAutocannon: LatencySummary;
  /** Answers with a status other than 2xx. */
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Answers whose body was checked (status 200, a `benefits` array), and how many failed the check. */
  checked: number;
  checkFailures: number;
  /** The first answer that failed the check (status and the start of its body), if any. */
  firstFailure?: string;
  /**
   * CPU the service used per answer during the phase, in milliseconds (all its threads; null
   * without /proc), and the load generator's own (this process), which shares the machine.
   */
  cpuMsPerRequest: { service: number | null; loadGenerator: number };
  /**
   * When the phase ran, on the machine's monotonic clock in microseconds (`process.hrtime`): the
   * clock of a `--cpu-prof` profile's sample times, so that a profile of the service can be cut to
   * the phase.
   */
  monotonicUs: { from: number; to: number };
}

/** What {@link runHttpBench} measured. */
export interface HttpBenchReport {
  ruleset: string;
  asOf: string;
  /** Node's version and the machine's logical cores, for reading the figures. */
  node: string;
  cores: number;
  single: LoadPhaseReport & { distinctBodies: number; bodyBytes: LatencySummary };
  /**
   * Single evaluations offered at a fixed rate ({@link HttpBenchOptions.offeredRate}) rather than as
   * fast as answered: the latency a caseworker system sending that many a second would see. Null
   * unless asked for.
   */
  singleAtRate: (LoadPhaseReport & { offeredRate: number }) | null;
  /**
   * The same rate sent at even intervals on as many connections (see {@link pacedPhase}): the latency a caseworker
   * system sending that many a second would see. Null unless asked for.
   */
  singlePaced: PacedPhaseReport | null;
  /**
   * The same paced load against a stand-in server (floor-server.cjs) costing no CPU per request, then
   * as much as the service did in the paced phase: the latency this machine gives at that rate to
   * any server that costs that much. Null unless a rate was asked for.
   */
  pacedFloor: FloorReport[] | null;
  batch: {
    households: number;
    bodyBytes: number;
    /**
     * Batches one after another (warm-ups not counted), sent and timed by batch-client.cjs: each
     * one's latency to the last byte of its answer.
     */
    sequential: {
      requests: number;
      warmUp: number;
      /**
       * Of the answers that were the checked answer: status 200 and as many bytes as a warm-up
       * answer, which was read and held a determination for every household.
       */
      latencyMs: LatencySummary & { mean: number };
      /** Answers that were not (a refusal, a 503, another length …), and the first of them. */
      errors: number;
      firstFailure?: string;
      /** CPU the service used per batch (all threads; null without /proc), in milliseconds. */
      serviceCpuMsPerRequest: number | null;
      /** When the measured batches ran (see {@link LoadPhaseReport.monotonicUs}). */
      monotonicUs: { from: number; to: number };
    };
    /** Several batches at once; null when skipped. */
    concurrent: LoadPhaseReport | null;
  };
}

const ROOT = resolve(__dirname, '..', '..');
/** Linux's USER_HZ, the unit of the CPU times in /proc/<pid>/stat (100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;
const ADMIN_PASSWORD = 'http-bench-admin-password';

/** A TCP port nobody listens on now (the kernel's choice). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The value at quantile `q` (0–1) of `sorted` (ascending), nearest rank. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

const round = (value: number, places = 2): number => Number(value.toFixed(places));

/** p50, p99 and max of `values`. */
function summary(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round(quantile(sorted, 0.5)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? NaN),
  };
}

/**
 * True when `body` is a 200 answer of the route: a determination (`benefits` array) for a single
 * evaluation, or `results` that are all determinations for a batch.
 */
function answered(status: number, body: string, batch: boolean): boolean {
  if (status !== 200) return false;
  try {
    const parsed = JSON.parse(body) as { benefits?: unknown; results?: { benefits?: unknown }[] };
    if (!batch) return Array.isArray(parsed.benefits);
    return Array.isArray(parsed.results) && parsed.results.every((r) => Array.isArray(r?.benefits));
  } catch {
    return false;
  }
}

/**
 * CPU milliseconds process `pid` has used so far (user and system, every thread), read from
 * /proc; null where there is none (not Linux).
 */
function processCpuMs(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/**
 * The Node flags `npm start` gives the service (package.json's `start` script:
 * `node [flags] api/scripts/start.cjs`), so that the benchmark runs it as `npm start` does.
 * @throws when the script no longer has that shape.
 */
function startNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (manifest.scripts?.start ?? '').trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'api/scripts/start.cjs')
    throw new Error(
      `package.json's start script is not "node [flags] api/scripts/start.cjs": ${manifest.scripts?.start}`,
    );
  return words.slice(1, -1);
}

/** The service under load: a child process, its data directory, and how to stop both. */
class ServiceProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output: string[] = [];
  readonly dataDir = mkdtempSync(join(tmpdir(), 'rules-http-bench-'));
  origin = '';

  constructor(private readonly log: (line: string) => void) {}

  /**
   * CPU milliseconds the service has used so far (user and system, every thread), read from
   * /proc; null where there is none (not Linux).
   */
  cpuMs(): number | null {
    return this.child?.pid === undefined ? null : processCpuMs(this.child.pid);
  }

  /**
   * Starts `node [the flags of npm start] [nodeArgs] api/scripts/start.cjs` and waits until
   * `/api/health` answers.
   */
  async start(nodeArgs: string[], env: Record<string, string>, timeoutMs: number): Promise<void> {
    const port = await freePort();
    this.origin = `http://127.0.0.1:${port}`;
    // A process group of its own: `npm start` may be building (tsc, vite) when the bench is stopped.
    const child = spawn(
      process.execPath,
      [...startNodeFlags(), ...nodeArgs, join('api', 'scripts', 'start.cjs')],
      {
        cwd: ROOT,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          PORT: String(port),
          DATA_DIR: this.dataDir,
          BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
          DATABASE_URL: '',
          ...env,
        },
      },
    );
    this.child = child;
    this.exited = new Promise((done) => child.once('exit', () => done()));
    const keep = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        this.output.push(line);
        if (this.output.length > 50) this.output.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the service stopped while starting:\n${this.output.join('\n')}`);
      try {
        const response = await fetch(`${this.origin}/api/health`);
        if (response.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(200);
    }
    throw new Error(
      `the service did not answer /api/health within ${timeoutMs} ms:\n${this.output.join('\n')}`,
    );
  }

  /**
   * Stops the service (SIGTERM, its graceful shutdown, so that `--cpu-prof` writes its profile;
   * SIGKILL to its process group after 15 s) and removes the data directory. Safe to call twice.
   */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      this.signal(child.pid, 'SIGTERM');
      const killed = await Promise.race([this.exited.then(() => false), sleep(15_000).then(() => true)]);
      if (killed) {
        this.log('the service did not stop within 15 s: killed');
        this.signal(child.pid, 'SIGKILL');
        await this.exited;
      }
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Stops at once, without waiting (the bench itself is being stopped). */
  stopNow(): void {
    if (this.child?.pid !== undefined) this.signal(this.child.pid, 'SIGKILL');
    this.child = null;
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private signal(pid: number, signal: NodeJS.Signals): void {
    try {
      // The whole group: the service, and a build it may still be running.
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Sends `body` as JSON and returns the status and text of the answer. */
async function postJson(
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

/**
 * Sends `count` batches one after another from a process of their own (batch-client.cjs), each timed
 * to the last byte of its answer, and gives each answer's status, length in bytes and time.
 */
function timedBatches(
  url: string,
  body: string,
  key: string,
  count: number,
): Promise<{ status: number; bytes: number; ms: number }[]> {
  const folder = mkdtempSync(join(tmpdir(), 'rules-batch-client-'));
  const file = join(folder, 'batch.json');
  writeFileSync(file, body);
  return new Promise<{ status: number; bytes: number; ms: number }[]>((resolveAnswers, reject) => {
    execFile(
      process.execPath,
      [join(__dirname, 'batch-client.cjs'), url, file, String(count)],
      { env: { ...process.env, RULES_BENCH_KEY: key }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) reject(error);
        else
          resolveAnswers(
            (JSON.parse(stdout) as { answers: { status: number; bytes: number; ms: number }[] }).answers,
          );
      },
    );
  }).finally(() => rmSync(folder, { recursive: true, force: true }));
}

/** Signs in as the bootstrap admin and creates an API key with the caseworker role. */
async function caseworkerKey(origin: string): Promise<string> {
  const login = await postJson(`${origin}/api/v1/auth/login`, {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  if (login.status !== 200) throw new Error(`admin login: ${login.status} ${login.text}`);
  const { accessToken } = JSON.parse(login.text) as { accessToken: string };
  const created = await postJson(
    `${origin}/api/v1/api-keys`,
    { name: 'HTTP load benchmark', roles: ['caseworker'] },
    accessToken,
  );
  if (created.status !== 201) throw new Error(`creating the API key: ${created.status} ${created.text}`);
  return (JSON.parse(created.text) as { key: string }).key;
}

/**
 * `count` different households valid under `ruleset` on `asOf`, spread over its jurisdictions, each
 * drawn around that jurisdiction's dibao standards (incomes on and beside the line).
 */
function householdsFor(ruleset: string, asOf: string, count: number, seed: number): unknown[] {
  const catalog = loadCatalogs().get(ruleset);
  if (!catalog) throw new Error(`the ruleset ${ruleset} is not among the shipped ones`);
  const version = catalog.versionInForce(asOf);
  const jurisdictions = [...version.jurisdictions.keys()];
  const households: unknown[] = [];
  jurisdictions.forEach((jurisdiction, i) => {
    const parameters = parametersFor(version, jurisdiction);
    const rural = parameters['dibao.standard.rural'];
    const urban = parameters['dibao.standard.urban'];
    const share = Math.floor(count / jurisdictions.length) + (i < count % jurisdictions.length ? 1 : 0);
    if (share === 0) return;
    const arbitrary = householdArbitrary({
      jurisdictions: [jurisdiction],
      asOf,
      ...(rural && urban ? { standards: { rural, urban } } : {}),
    });
    households.push(...fc.sample(arbitrary, { seed: seed + i, numRuns: share }));
  });
  return households;
}

/**
 * Runs autocannon (in this process, the service in its own) and also keeps the time of every 2xx answer as it was answered (from its
 * `response` events): with a rate limit (`overallRate`), autocannon 9's own latency histogram adds
 * samples for coordinated omission with an expected interval of `Math.ceil(1 / rate)` where `rate`
 * is a connection's requests per second, so 1 ms for any rate above one a second, and a 300 ms
 * answer is recorded as 300 samples from 1 to 300 ms.
 */
function cannon(options: autocannon.Options): Promise<{ result: autocannon.Result; answeredMs: number[] }> {
  const answeredMs: number[] = [];
  return new Promise((done, fail) => {
    const instance = autocannon(options, (error, result) =>
      error ? fail(error) : done({ result, answeredMs }),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300) answeredMs.push(ms);
    });
    current = instance;
  });
}

/** The autocannon run in progress, stopped on Ctrl-C. */
let current: autocannon.Instance | null = null;

/** The report of one autocannon phase. */
function phaseReport(
  { result, answeredMs }: { result: autocannon.Result; answeredMs: number[] },
  connections: number,
  checks: Checks,
  cpu: PhaseCpu,
): LoadPhaseReport {
  return {
    connections,
    durationSeconds: round(result.duration, 1),
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: summary(answeredMs),
    latencyMsAutocannon: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    checked: checks.checked,
    checkFailures: checks.failures,
    ...(checks.firstFailure ? { firstFailure: checks.firstFailure } : {}),
    cpuMsPerRequest: cpuPerRequest(cpu, result.requests.total),
    monotonicUs: cpu.monotonicUs,
  };
}

/** Runs `phase` and measures the CPU the service and this process used meanwhile, in milliseconds. */
async function measuredCpu<T>(
  service: ServiceProcess,
  phase: () => Promise<T>,
): Promise<{ result: T; cpu: PhaseCpu }> {
  const from = Number(process.hrtime.bigint() / 1000n);
  const serviceBefore = service.cpuMs();
  const ownBefore = process.cpuUsage();
  const result = await phase();
  const own = process.cpuUsage(ownBefore);
  const serviceAfter = service.cpuMs();
  return {
    result,
    cpu: {
      service: serviceBefore === null || serviceAfter === null ? null : serviceAfter - serviceBefore,
      loadGenerator: (own.user + own.system) / 1000,
      monotonicUs: { from, to: Number(process.hrtime.bigint() / 1000n) },
    },
  };
}

/** The CPU a phase used, in milliseconds, and when it ran (see {@link LoadPhaseReport.monotonicUs}). */
interface PhaseCpu {
  service: number | null;
  loadGenerator: number;
  monotonicUs: { from: number; to: number };
}

/** Answers checked during a phase. */
interface Checks {
  checked: number;
  failures: number;
  firstFailure?: string;
}

/**
 * Requests for autocannon that rotate through `bodies`, each connection starting at its own offset;
 * every `checkEvery`-th one checks its answer into `checks` (the others cost the load generator
 * nothing but sending prepared bytes).
 */
function rotatingRequests(
  path: string,
  bodies: string[],
  offset: number,
  checkEvery: number,
  batch: boolean,
  checks: Checks,
): autocannon.Request[] {
  return bodies.map((_, i) => {
    const body = bodies[(i + offset) % bodies.length] as string;
    const request: autocannon.Request = { method: 'POST', path, body };
    if (i % checkEvery === 0)
      request.onResponse = (status: number, text: string) => {
        checks.checked++;
        if (!answered(status, text, batch)) {
          checks.failures++;
          checks.firstFailure ??= `${status} ${text.slice(0, 300)}`;
        }
      };
    return request;
  });
}

/**
 * Single evaluations sent at even intervals (an open load: each request is due at its time, whether
 * or not earlier ones were answered), as {@link pacedPhase} measured them.
 */
export interface PacedPhaseReport {
  /** Requests a second offered; the connections they may use at once. */
  offeredRate: number;
  connections: number;
  /** Seconds sent at the same rate first, not counted. */
  warmUpSeconds: number;
  /** The answers' mean size, bytes. */
  meanAnswerBytes: number;
  durationSeconds: number;
  /** Requests sent, and answers received per second. */
  requests: number;
  requestsPerSecond: number;
  /**
   * Every 2xx answer's time from the moment its request was due to its last byte: a request that
   * waited for a free connection, or for the load generator, counts its wait.
   */
  latencyMs: LatencySummary;
  /** How late requests left after they were due (the load generator's own delay), in ms. */
  sendDelayMs: LatencySummary;
  /** Answers with a status other than 2xx; requests that got no answer (connection errors, timeouts). */
  non2xx: number;
  errors: number;
  checked: number;
  checkFailures: number;
  firstFailure?: string;
  cpuMsPerRequest: { service: number | null; loadGenerator: number };
  monotonicUs: { from: number; to: number };
}

/**
 * Sends single evaluations to `url` for `seconds` at `rate` a second at even intervals on at most
 * `connections` connections, from a process of its own (paced-client.cjs, which says how), rotating
 * through `bodies`, and summarises what it measured.
 *
 * autocannon's rate limit (`overallRate`) is not such a load: it gives each connection a quota per
 * second, and each connection sends its quota as fast as it is answered from the start of every
 * second, then waits. At 2,000/s on 32 connections that is the as-fast-as-answered load for the
 * first part of each second, with its latency: a queue of 32 (connections ÷ throughput).
 */
function pacedPhase(
  url: string,
  key: string,
  bodies: string[],
  rate: number,
  seconds: number,
  connections: number,
): Promise<
  Omit<PacedPhaseReport, 'cpuMsPerRequest' | 'monotonicUs'> & {
    /** Requests sent, the warm-up's included (what CPU measured over the whole phase is divided by). */
    allRequests: number;
    loadGeneratorCpuMs: number;
  }
> {
  const folder = mkdtempSync(join(tmpdir(), 'rules-paced-client-'));
  const file = join(folder, 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  return new Promise<PacedClientOutput>((resolveOutput, reject) => {
    execFile(
      process.execPath,
      [
        join(__dirname, 'paced-client.cjs'),
        url,
        file,
        String(rate),
        String(seconds),
        String(connections),
        String(PACED_WARM_UP_SECONDS),
      ],
      { env: { ...process.env, RULES_BENCH_KEY: key }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolveOutput(JSON.parse(stdout) as PacedClientOutput)),
    );
  })
    .then((out) => ({
      offeredRate: rate,
      connections,
      warmUpSeconds: PACED_WARM_UP_SECONDS,
      durationSeconds: round(out.elapsedSeconds, 1),
      requests: out.sent,
      requestsPerSecond: round(out.answered / out.elapsedSeconds, 1),
      latencyMs: summary(out.latencyMs),
      sendDelayMs: summary(out.sendDelayMs),
      non2xx: out.non2xx,
      errors: out.errors,
      checked: out.checked,
      checkFailures: out.checkFailures,
      ...(out.firstFailure ? { firstFailure: out.firstFailure } : {}),
      meanAnswerBytes: out.meanAnswerBytes,
      allRequests: out.sent + Math.round(rate * PACED_WARM_UP_SECONDS),
      loadGeneratorCpuMs: out.cpuMs,
    }))
    .finally(() => rmSync(folder, { recursive: true, force: true }));
}

/** Seconds the paced load is sent before it is measured (see paced-client.cjs). */
const PACED_WARM_UP_SECONDS = 2;

/** What paced-client.cjs prints. */
interface PacedClientOutput {
  sent: number;
  answered: number;
  non2xx: number;
  errors: number;
  checked: number;
  checkFailures: number;
  firstFailure?: string;
  latencyMs: number[];
  sendDelayMs: number[];
  elapsedSeconds: number;
  meanAnswerBytes: number;
  cpuMs: number;
}

/**
 * The paced load of {@link pacedPhase} against floor-server.cjs instead of the service: a server
 * that costs `workMs` of CPU per request, answering `answerBytes`. Throws when it cannot start.
 */
async function floorPhase(
  workMs: number,
  answerBytes: number,
  bodies: string[],
  rate: number,
  seconds: number,
  connections: number,
): Promise<FloorReport> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'floor-server.cjs'), String(workMs), String(answerBytes)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const port = await new Promise<number>((resolvePort, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`floor-server.cjs stopped (${code})`)));
      child.stdout?.once('data', (chunk: Buffer) =>
        resolvePort((JSON.parse(chunk.toString('utf8')) as { port: number }).port),
      );
    });
    const before = child.pid === undefined ? null : processCpuMs(child.pid);
    const paced = await pacedPhase(`http://127.0.0.1:${port}/`, '', bodies, rate, seconds, connections);
    const after = child.pid === undefined ? null : processCpuMs(child.pid);
    return {
      workMs,
      answerBytes,
      // Warm-up included: the stand-in cannot tell the two apart.
      cpuMsPerRequest:
        before === null || after === null ? null : round((after - before) / paced.allRequests, 3),
      requestsPerSecond: paced.requestsPerSecond,
      latencyMs: paced.latencyMs,
      sendDelayMs: paced.sendDelayMs,
      errors: paced.errors + paced.non2xx + paced.checkFailures,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

/** What the paced load measured against floor-server.cjs (see {@link floorPhase}). */
export interface FloorReport {
  /** The stand-in's CPU per request (a busy loop) and its answer's size. */
  workMs: number;
  answerBytes: number;
  /** The stand-in's CPU per request as measured (its busy loop and its own HTTP), ms; null without /proc. */
  cpuMsPerRequest: number | null;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  sendDelayMs: LatencySummary;
  /** Errors, non-2xx answers and failed checks together. */
  errors: number;
}

/** CPU milliseconds per request of a phase's {@link PhaseCpu}. */
function cpuPerRequest(cpu: PhaseCpu, requests: number): { service: number | null; loadGenerator: number } {
  const perRequest = (ms: number): number => round(ms / Math.max(1, requests), 3);
  return {
    service: cpu.service === null ? null : perRequest(cpu.service),
    loadGenerator: perRequest(cpu.loadGenerator),
  };
}

/**
 * Starts the service in a child process, loads it as described in this file's header and returns
 * the figures. Throws when the service cannot start, when the key cannot be made, or when sampled
 * answers are not determinations (the figures would not measure evaluation); the service is stopped
 * and its data directory removed in every case.
 * @example const report = await runHttpBench({ durationSeconds: 5 });
 */
export async function runHttpBench(options: HttpBenchOptions = {}): Promise<HttpBenchReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const ruleset = options.ruleset ?? 'shiyan-social-assistance';
  const asOf = options.asOf ?? '2019-06-30';
  const connections = options.connections ?? 32;
  const durationSeconds = options.durationSeconds ?? 20;
  const batchSize = options.batchSize ?? 1000;
  const batchRequests = options.batchRequests ?? 20;
  const batchWarmUp = options.batchWarmUp ?? 2;
  const batchConnections = options.batchConnections ?? 4;
  const batchDurationSeconds = options.batchDurationSeconds ?? 10;
  const seed = options.seed ?? 20190630;

  const households = householdsFor(ruleset, asOf, options.households ?? 500, seed);
  const singleBodies = households.map((household) => JSON.stringify({ asOf, household }));
  const batchHouseholds = householdsFor(ruleset, asOf, batchSize, seed + 1000);
  const batchBody = JSON.stringify({ asOf, households: batchHouseholds });

  const service = new ServiceProcess(log);
  const interrupted = (): void => {
    current?.stop();
    service.stopNow();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`starting the service (data directory ${service.dataDir}) …`);
    await service.start(options.nodeArgs ?? [], options.env ?? {}, options.startTimeoutMs ?? 600_000);
    const key = await caseworkerKey(service.origin);
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const evaluatePath = `/api/v1/rulesets/${encodeURIComponent(ruleset)}/evaluate`;
    const batchPath = `${evaluatePath}/batch`;

    // Before any load, every body once (a warm-up too): the key works and each body is answered with
    // a determination, else the run would measure refusals.
    for (let i = 0; i < singleBodies.length; i += 4)
      await Promise.all(
        singleBodies.slice(i, i + 4).map(async (body) => {
          const answer = await postJson(`${service.origin}${evaluatePath}`, body, key);
          if (!answered(answer.status, answer.text, false))
            throw new Error(
              `a single evaluation was not answered: ${answer.status} ${answer.text.slice(0, 500)}`,
            );
        }),
      );

    log(
      `single evaluations: ${connections} connections, ${durationSeconds} s, ${singleBodies.length} bodies …`,
    );
    /** Single evaluations for `seconds`, as fast as answered or at `rate` requests/s in all. */
    const singlePhase = async (seconds: number, rate?: number): Promise<LoadPhaseReport> => {
      const checks: Checks = { checked: 0, failures: 0 };
      let client = 0;
      const { result, cpu } = await measuredCpu(service, () =>
        cannon({
          url: service.origin,
          connections,
          duration: seconds,
          headers,
          ...(rate ? { overallRate: rate } : {}),
          requests: [{ method: 'POST', path: evaluatePath, body: singleBodies[0] }],
          setupClient: (c) => {
            const offset = Math.floor((client++ * singleBodies.length) / connections);
            c.setRequests(rotatingRequests(evaluatePath, singleBodies, offset, 25, false, checks));
          },
        }),
      );
      current = null;
      if (checks.failures > 0)
        log(`${checks.failures} of ${checks.checked} checked answers were not determinations`);
      return phaseReport(result, connections, checks, cpu);
    };
    const single = await singlePhase(durationSeconds);
    let singleAtRate: (LoadPhaseReport & { offeredRate: number }) | null = null;
    let singlePaced: PacedPhaseReport | null = null;
    let pacedFloor: FloorReport[] | null = null;
    if (options.offeredRate) {
      log(`single evaluations offered at ${options.offeredRate}/s for ${durationSeconds} s (autocannon) …`);
      singleAtRate = {
        offeredRate: options.offeredRate,
        ...(await singlePhase(durationSeconds, options.offeredRate)),
      };
      log(`single evaluations sent at even intervals, ${options.offeredRate}/s for ${durationSeconds} s …`);
      const { result: paced, cpu: pacedCpu } = await measuredCpu(service, () =>
        pacedPhase(
          `${service.origin}${evaluatePath}`,
          key,
          singleBodies,
          options.offeredRate as number,
          durationSeconds,
          connections,
        ),
      );
      const { loadGeneratorCpuMs, allRequests, ...pacedReport } = paced;
      singlePaced = {
        ...pacedReport,
        // Both CPU figures cover the warm-up too.
        cpuMsPerRequest: cpuPerRequest({ ...pacedCpu, loadGenerator: loadGeneratorCpuMs }, allRequests),
        monotonicUs: pacedCpu.monotonicUs,
      };
      // The same load against a stand-in costing nothing, then as much CPU per request as the
      // service just did (its own HTTP costs some; its busy loop makes up the rest): what the
      // machine adds by itself at this rate.
      log(`the same paced load against a stand-in server (floor-server.cjs) …`);
      const floor = (workMs: number): Promise<FloorReport> =>
        floorPhase(
          workMs,
          paced.meanAnswerBytes,
          singleBodies,
          options.offeredRate as number,
          durationSeconds,
          connections,
        );
      const idle = await floor(0);
      pacedFloor = [idle];
      const serviceMs = singlePaced.cpuMsPerRequest.service;
      if (serviceMs !== null && idle.cpuMsPerRequest !== null)
        pacedFloor.push(await floor(round(Math.max(0, serviceMs - idle.cpuMsPerRequest), 3)));
      if (paced.checkFailures > 0 || paced.errors > 0)
        log(
          `paced: ${paced.checkFailures} of ${paced.checked} checked answers failed, ${paced.errors} errors`,
        );
    }

    log(`batches of ${batchSize}: ${batchWarmUp} warm-up, then ${batchRequests} one after another …`);
    const latencies: number[] = [];
    const sequentialChecks: Checks = { checked: 0, failures: 0 };
    // The warm-up answers are read and checked; the timed ones, sent by a process of their own
    // (batch-client.cjs), must then be the same answer: status 200 and as many bytes.
    let checkedBytes = -1;
    for (let i = 0; i < batchWarmUp; i++) {
      const answer = await postJson(`${service.origin}${batchPath}`, batchBody, key);
      // The warm-up must be answered: else the phases below would measure refusals.
      if (!answered(answer.status, answer.text, true))
        throw new Error(`a batch was not answered: ${answer.status} ${answer.text.slice(0, 500)}`);
      checkedBytes = Buffer.byteLength(answer.text);
    }
    const { cpu: sequentialCpu } = await measuredCpu(service, async () => {
      for (const answer of await timedBatches(
        `${service.origin}${batchPath}`,
        batchBody,
        key,
        batchRequests,
      )) {
        sequentialChecks.checked++;
        if (answer.status === 200 && (checkedBytes < 0 || answer.bytes === checkedBytes))
          latencies.push(answer.ms);
        else {
          sequentialChecks.failures++;
          sequentialChecks.firstFailure ??= `${answer.status}, ${answer.bytes} bytes (the checked answer had ${checkedBytes})`;
        }
      }
    });

    let concurrent: LoadPhaseReport | null = null;
    if (batchConnections > 0 && batchDurationSeconds > 0) {
      log(`batches of ${batchSize}: ${batchConnections} connections, ${batchDurationSeconds} s …`);
      const batchChecks: Checks = { checked: 0, failures: 0 };
      const { result, cpu } = await measuredCpu(service, () =>
        cannon({
          url: service.origin,
          connections: batchConnections,
          duration: batchDurationSeconds,
          headers,
          // Every batch answer is checked: there are few, and each must hold a determination per household.
          requests: rotatingRequests(batchPath, [batchBody], 0, 1, true, batchChecks),
          timeout: 60,
        }),
      );
      current = null;
      concurrent = phaseReport(result, batchConnections, batchChecks, cpu);
    }

    const bodySizes = singleBodies.map((b) => Buffer.byteLength(b));
    return {
      ruleset,
      asOf,
      node: process.version,
      cores: availableParallelism(),
      single: {
        ...single,
        distinctBodies: singleBodies.length,
        bodyBytes: summary(bodySizes),
      },
      singleAtRate,
      singlePaced,
      pacedFloor,
      batch: {
        households: batchSize,
        bodyBytes: Buffer.byteLength(batchBody),
        sequential: {
          requests: latencies.length,
          warmUp: batchWarmUp,
          latencyMs: {
            ...summary(latencies),
            mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
          },
          errors: sequentialChecks.failures,
          ...(sequentialChecks.firstFailure ? { firstFailure: sequentialChecks.firstFailure } : {}),
          serviceCpuMsPerRequest:
            sequentialCpu.service === null
              ? null
              : round(sequentialCpu.service / Math.max(1, sequentialChecks.checked), 1),
          monotonicUs: sequentialCpu.monotonicUs,
        },
        concurrent,
      },
    };
  } finally {
    current?.stop();
    current = null;
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await service.stop();
  }
}
