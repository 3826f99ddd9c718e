'use strict';
/* global performance, Buffer */
/**
 * A stand-in for the service in the HTTP benchmark's paced phase (http.ts): a plain Node HTTP server
 * that reads each request's JSON body, parses it, keeps the CPU busy for `work ms` and answers 200
 * with a fixed JSON body of `answer bytes` holding an empty `benefits` array. Loaded by
 * paced-client.cjs as the service is, it shows what this machine gives a server that costs that
 * much CPU per request, whatever it does: the latency the load generator, the kernel and the
 * scheduler add by themselves.
 *
 *   node api/bench/floor-server.cjs <work ms> <answer bytes>
 *
 * Listens on a free port of 127.0.0.1 and prints `{ "port": … }` as one line when ready; stops on
 * SIGTERM.
 */
const { createServer } = require('node:http');

const [workText, bytesText] = process.argv.slice(2);
const workMs = Number(workText);
const answer = Buffer.from(
  JSON.stringify({ benefits: [], padding: 'x'.repeat(Math.max(0, Number(bytesText) - 30)) }),
);

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const started = performance.now();
    while (performance.now() - started < workMs);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': answer.length,
    });
    res.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
