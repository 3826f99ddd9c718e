import type { ServerResponse } from 'node:http';

/**
 * Sends a JSON body already serialised (by an engine worker) with status 200, as `res.json` sends
 * one (`Content-Type: application/json; charset=utf-8` and its length) but without an ETag: Express
 * would hash every answer for it (a SHA-1 of each determination, 12 MB for a batch of 1000), and
 * evaluation answers, to POST requests, are never fetched again conditionally.
 */
export function sendJsonBytes(res: ServerResponse, body: Uint8Array | readonly Uint8Array[]): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  if (body instanceof Uint8Array) {
    res.setHeader('Content-Length', body.byteLength);
    res.end(body);
    return;
  }
  // A batch's pieces are written one after another rather than copied into one buffer first (12 MB
  // for 1000 households, whose allocation alone made the collector run on the event loop).
  res.setHeader(
    'Content-Length',
    body.reduce((n, piece) => n + piece.byteLength, 0),
  );
  for (const piece of body) res.write(piece);
  res.end();
}
