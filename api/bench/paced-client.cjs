'use strict';
/* global performance, Buffer, setTimeout, URL */
/**
 * The HTTP benchmark's paced load (http.ts starts it and summarises what it prints): single
 * evaluations sent at even intervals, an open load as a caseworker system's traffic is. Request i is
 * due `i / rate` seconds after the start, whether or not earlier ones were answered; every
 * millisecond, whatever is due leaves, on at most `connections` keep-alive connections (undici's
 * Pool: a request due while every connection is busy waits for one, and its wait counts). Each
 * answer is timed from the moment its request was due to its last byte, so that a delay of the
 * load generator itself is counted against the service, never hidden. The first `warm-up seconds`
 * are sent the same way and not counted: the connections open and this process's code is compiled
 * meanwhile (its first half second is otherwise tens of milliseconds late).
 *
 * A process of its own, holding nothing but the bodies and two arrays of numbers, so that neither
 * the bench's heap nor its other work makes this event loop late; it shares the two cores with the
 * service.
 *
 *   node api/bench/paced-client.cjs <url> <bodies file (JSON array of strings)> <rate> <seconds>
 *     <connections> <warm-up seconds>
 *   (the API key in RULES_BENCH_KEY)
 *
 * Every 25th answer is checked: status 200 and a determination (a `benefits` array). Prints
 * `{ "latencyMs": […], "sendDelayMs": […], "sent", "answered", "non2xx", "errors", "checked",
 * "checkFailures", "firstFailure"?, "elapsedSeconds", "meanAnswerBytes", "cpuMs" }` as JSON, where `latencyMs` holds
 * the 2xx answers' times and `sendDelayMs` how late each request left after it was due.
 */
const { readFileSync } = require('node:fs');
const { Pool } = require('undici');

const [url, bodiesFile, rateText, secondsText, connectionsText, warmUpText] = process.argv.slice(2);
const target = new URL(url);
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')).map((text) => Buffer.from(text));
const rate = Number(rateText);
const warmUp = Math.round(rate * Number(warmUpText ?? 0));
const total = warmUp + Math.round(rate * Number(secondsText));
const intervalMs = 1000 / rate;
if (!process.env.RULES_BENCH_KEY)
  process.stderr.write('RULES_BENCH_KEY is not set: the service will refuse every request (401)\n');
const headers = {
  'content-type': 'application/json',
  authorization: `Bearer ${process.env.RULES_BENCH_KEY ?? ''}`,
};

const pool = new Pool(target.origin, { connections: Number(connectionsText), pipelining: 1 });
const latencies = new Float64Array(total - warmUp);
const delays = new Float64Array(total - warmUp);
const report = { sent: 0, answered: 0, non2xx: 0, errors: 0, checked: 0, checkFailures: 0 };
let answerBytes = 0;
let latencyCount = 0;

/** True when `text` is a determination (see http.ts `answered`). */
function determination(text) {
  try {
    return Array.isArray(JSON.parse(text).benefits);
  } catch {
    return false;
  }
}

/**
 * Sends request i (due at `due`) on undici's low-level dispatch, whose handler sees the answer's
 * status and chunks as they arrive: no body stream per request, and the chunks kept only for an
 * answer that is checked. Against the stand-in at 2,000/s this process then cost 0.152 ms of CPU
 * per request instead of 0.170 with `request()` and its body's `arrayBuffer()`: CPU the service,
 * on the same two cores, does not have to share. Resolves when the answer has ended or failed.
 */
function send(i, due) {
  const counted = i >= warmUp;
  if (counted) {
    delays[i - warmUp] = performance.now() - due;
    report.sent++;
  }
  const checking = counted && i % 25 === 0;
  return new Promise((resolve) => {
    let status = 0;
    let bytes = 0;
    const chunks = checking ? [] : null;
    pool.dispatch(
      { path: target.pathname, method: 'POST', headers, body: bodies[i % bodies.length] },
      {
        onRequestStart() {},
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData(_controller, chunk) {
          bytes += chunk.length;
          if (chunks !== null) chunks.push(chunk);
        },
        onResponseEnd() {
          const ms = performance.now() - due;
          if (counted) {
            report.answered++;
            answerBytes += bytes;
            if (status < 200 || status >= 300) report.non2xx++;
            else latencies[latencyCount++] = ms;
            if (chunks !== null) {
              report.checked++;
              const text = Buffer.concat(chunks).toString('utf8');
              if (status !== 200 || !determination(text)) {
                report.checkFailures++;
                report.firstFailure ??= `${status} ${text.slice(0, 300)}`;
              }
            }
          }
          resolve();
        },
        onResponseError(_controller, error) {
          if (counted) {
            report.errors++;
            report.firstFailure ??= `no answer: ${String(error)}`;
          }
          resolve();
        },
      },
    );
  });
}

(async () => {
  const cpuBefore = process.cpuUsage();
  const pending = [];
  const started = performance.now();
  await new Promise((done) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * intervalMs <= now) {
        pending.push(send(next, started + next * intervalMs));
        next++;
      }
      if (next < total) setTimeout(tick, Math.max(0, started + next * intervalMs - performance.now()));
      else done();
    };
    tick();
  });
  await Promise.all(pending);
  // From the first counted request's due time.
  const elapsedSeconds = (performance.now() - started - warmUp * intervalMs) / 1000;
  await pool.close();
  const cpu = process.cpuUsage(cpuBefore);
  // Said on stderr too, for a run by hand: the counts are in the JSON.
  if (report.non2xx + report.errors + report.checkFailures > 0)
    process.stderr.write(
      `not every request was answered well: ${report.non2xx} not 2xx, ${report.errors} errors, ${report.checkFailures} failed checks${report.firstFailure ? ` (first: ${report.firstFailure})` : ''}\n`,
    );
  const round = (ms) => Math.round(ms * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({
      ...report,
      latencyMs: Array.from(latencies.subarray(0, latencyCount), round),
      sendDelayMs: Array.from(delays.subarray(0, report.sent), round),
      elapsedSeconds,
      meanAnswerBytes: Math.round(answerBytes / Math.max(1, report.answered)),
      cpuMs: (cpu.user + cpu.system) / 1000,
    })}\n`,
  );
})().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
