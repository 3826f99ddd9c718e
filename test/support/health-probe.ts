/**
 * Sends `GET /api/health` again and again from a worker thread, timing each request. The probe has
 * its own event loop: a probe on the test's main thread would share the service's event loop, so a
 * stalled loop would delay the probe's own send and hide the stall from the measurement.
 */
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** One health check: when it was sent (ms on the shared clock, see {@link now}), how long it took. */
export interface HealthSample {
  sentAt: number;
  ms: number;
  status: number;
}

/** Milliseconds on a clock shared by every thread of the process. */
export const now = (): number => performance.timeOrigin + performance.now();

// Plain JavaScript: worker threads do not get Jest's TypeScript transform.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const now = () => performance.timeOrigin + performance.now();
let stopped = false;
const samples = [];
parentPort.on('message', () => { stopped = true; });
(async () => {
  // The first request of a thread loads and connects the HTTP client (tens of milliseconds): made
  // before measuring, so that no sample counts the probe's own start.
  try { await (await fetch(workerData.url)).text(); } catch {}
  parentPort.postMessage('ready');
  while (!stopped) {
    const sentAt = now();
    let status = 0;
    try {
      const response = await fetch(workerData.url);
      await response.text();
      status = response.status;
    } catch {}
    samples.push({ sentAt, ms: now() - sentAt, status });
    await new Promise((resolve) => setTimeout(resolve, workerData.intervalMs));
  }
  parentPort.postMessage(samples);
})();
`;

/**
 * Starts probing `url` every `intervalMs` (after each answer); `ready` settles once the probe's HTTP
 * client is warm and sampling has begun; `stop()` returns every sample.
 */
export function startHealthProbe(
  url: string,
  intervalMs: number,
): { ready: Promise<void>; stop(): Promise<HealthSample[]> } {
  const worker = new Worker(PROBE, { eval: true, workerData: { url, intervalMs } });
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const samples = new Promise<HealthSample[]>((resolve, reject) => {
    worker.on('message', (value: HealthSample[] | 'ready') =>
      value === 'ready' ? started() : resolve(value),
    );
    worker.once('error', reject);
  });
  return {
    ready,
    stop: async () => {
      worker.postMessage('stop');
      const result = await samples;
      await worker.terminate();
      return result;
    },
  };
}

/** What one request answered, and every health check in flight at some moment while it ran. */
export interface ProbedRequest {
  status: number;
  contentType: string;
  text: string;
  elapsedMs: number;
  during: HealthSample[];
}

// The heavy request's client, on a thread of its own as well: reading a large answer (a batch's
// megabytes of JSON) on the test's main thread would block the service's event loop, which the
// main thread runs, and the probe would count the client's work as the service's.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const now = () => performance.timeOrigin + performance.now();
(async () => {
  // Load and connect the HTTP client before the measured request (see the probe).
  try { await (await fetch(workerData.warmUrl)).arrayBuffer(); } catch {}
  parentPort.postMessage('ready');
  await new Promise((resolve) => parentPort.once('message', resolve));
  const { url, init } = workerData;
  const started = now();
  const answer = await fetch(url, init);
  const bytes = await answer.arrayBuffer();
  const ended = now();
  parentPort.postMessage(
    { status: answer.status, contentType: answer.headers.get('content-type') ?? '', bytes, started, ended },
    [bytes],
  );
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack ? e.stack : e) }));
`;

/** What the client thread answers. */
interface ClientAnswer {
  status: number;
  contentType: string;
  bytes: ArrayBuffer;
  started: number;
  ended: number;
  error?: string;
}

/**
 * Sends one request (its JSON body as text) to `origin` while a probe asks for `origin/api/health` every
 * `intervalMs`. Both the request and the probe are made from worker threads, so that only the
 * service's own work runs on the thread that serves (the test's main thread): the client's writing
 * of the body and reading of the answer are not counted as the service's. A check sent just before
 * the request and still waiting when it started counts too.
 */
export async function requestDuringHealthProbe(
  origin: string,
  intervalMs: number,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<ProbedRequest> {
  const client = new Worker(CLIENT, {
    eval: true,
    workerData: {
      warmUrl: `${origin}/api/health`,
      url: `${origin}${path}`,
      init: {
        method: init.method,
        headers: { 'content-type': 'application/json', ...init.headers },
        ...(init.body === undefined ? {} : { body: init.body }),
      },
    },
  });
  // `once` rejects when the thread fails instead of answering.
  const next = async () => ((await once(client, 'message')) as [ClientAnswer | 'ready'])[0];
  try {
    if ((await next()) !== 'ready') throw new Error('the client thread did not start');
    const probe = startHealthProbe(`${origin}/api/health`, intervalMs);
    await probe.ready;
    const answered = next();
    client.postMessage('go');
    const answer = (await answered) as ClientAnswer;
    const samples = await probe.stop();
    if (answer.error) throw new Error(`the request failed: ${answer.error}`);
    const { started, ended } = answer;
    return {
      status: answer.status,
      contentType: answer.contentType,
      text: new TextDecoder().decode(answer.bytes),
      elapsedMs: ended - started,
      during: samples.filter((s) => s.sentAt < ended && s.sentAt + s.ms > started),
    };
  } finally {
    await client.terminate();
  }
}
