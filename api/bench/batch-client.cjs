'use strict';
/* global performance */
/**
 * The timing half of the HTTP benchmark's sequential batches (http.ts checks the answers): a small
 * process of its own that POSTs one batch body again and again, one after another, and times each
 * to the last byte of the answer. It keeps nothing of an answer but its status and length, so that
 * neither the checks (parsing 12 MB of JSON) nor the bench's own heap (households, reports, earlier
 * phases' garbage) make the load generator's collector run while an answer is arriving: on this
 * two-core machine it shares the cores with the service.
 *
 *   node api/bench/batch-client.cjs <url> <body file> <count>   (the API key in RULES_BENCH_KEY)
 *
 * Prints `{ "answers": [{ "status", "bytes", "ms" }, …] }` as JSON.
 */
const { request } = require('node:http');
const { readFileSync } = require('node:fs');

const [url, bodyFile, countText] = process.argv.slice(2);
const body = readFileSync(bodyFile);
const key = process.env.RULES_BENCH_KEY ?? '';

function post() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let bytes = 0;
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: `Bearer ${key}`,
        },
      },
      (res) => {
        res.on('data', (chunk) => {
          bytes += chunk.length;
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

(async () => {
  const answers = [];
  for (let i = 0; i < Number(countText); i++) answers.push(await post());
  process.stdout.write(`${JSON.stringify({ answers })}\n`);
})().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
