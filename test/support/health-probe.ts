/**
 * Sends `GET /api/health` again and again from a worker thread, timing each request. The probe has
 * its own event loop: a probe on the test's main thread would share the service's event loop, so a
 * stalled loop would delay the probe's own send and hide the stall from the measurement.
 */
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

/**
 * Sends one request (its JSON body as text) to `origin` while a probe asks for `origin/api/health` every `intervalMs`. The
 * body is written before probing starts and the answer read before it stops, so that the client's
 * own work (it shares the service's event loop) is not counted as the service's. A check sent just
 * before the request and still waiting when it started counts too.
 */
export async function requestDuringHealthProbe(
  origin: string,
  intervalMs: number,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<ProbedRequest> {
  const body = init.body;
  const probe = startHealthProbe(`${origin}/api/health`, intervalMs);
  await probe.ready;
  const started = now();
  const answer = await fetch(`${origin}${path}`, {
    method: init.method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(body === undefined ? {} : { body }),
  });
  const text = await answer.text();
  const ended = now();
  const samples = await probe.stop();
  return {
    status: answer.status,
    contentType: answer.headers.get('content-type') ?? '',
    text,
    elapsedMs: ended - started,
    during: samples.filter((s) => s.sentAt < ended && s.sentAt + s.ms > started),
  };
}
