import type { NextFunction, Request, Response } from 'express';
import iconv from 'iconv-lite';
import type { FieldProblem } from '../engine';
import { mayHoldInexactNumber, parseJsonExactly } from './json-numbers';
import { MAX_REQUEST_PROBLEMS } from './field-limits';
import { invalidUtf8Byte, InvalidUtf8Error } from './content-type';
import { toProblem } from './problem-details.filter';
import { localizeProblem, problemLanguageOf } from './problem-messages';
import { markPlainJsonBody, RequestValidationError, STRIPPED_FIELD_NAMES } from './validation';

/** Deeper than any ruleset or household needs; deeper bodies are refused before validation. */
export const MAX_BODY_DEPTH = 40;

/**
 * More fields than any object of a ruleset, a household or a request has. Wider objects are refused
 * before validation: transforming an object costs more than linear time in its number of fields
 * (80,000 fields held the event loop for 10 s).
 */
export const MAX_OBJECT_FIELDS = 1000;

/** True when `text` holds a NUL or a lone UTF-16 surrogate, which no database text can store. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text);

/** A value met while walking a body; its JSON Pointer is built only when a problem names it. */
interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string | number;
  depth: number;
}

/** The JSON Pointer of `visit` (`''` for the body itself). */
function pointerOf(visit: Visit): string {
  const parts: string[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent)
    parts.push(String(v.key).replace(/~/g, '~0').replace(/\//g, '~1'));
  return parts.length === 0 ? '' : `/${parts.reverse().join('/')}`;
}

/**
 * Finds what no handler should see: nesting deeper than MAX_BODY_DEPTH (validation recurses),
 * objects with more than MAX_OBJECT_FIELDS fields, NUL characters and lone surrogates (PostgreSQL text and jsonb cannot hold them).
 * Iterative, so a hostile body cannot overflow the stack here either; it stops after
 * MAX_REQUEST_PROBLEMS problems. It runs on the event loop for every body: numbers, booleans and
 * nulls cost no allocation, and a path is only written for a problem (a body of 300,000 array
 * items once held every other request for 0.4 s here).
 */
export function bodyShapeProblems(body: unknown): FieldProblem[] {
  return bodyShape(body).problems;
}

/**
 * {@link bodyShapeProblems}, and whether the same walk met a field the validation pipe refuses as
 * inherited (`__proto__`, `constructor` or `prototype` at any depth, or a top-level field such as
 * `toString`): a body with neither is plain (see isPlainJsonBody), and is not walked again.
 */
function bodyShape(body: unknown): { problems: FieldProblem[]; inheritedNames: boolean } {
  const problems: FieldProblem[] = [];
  let inheritedNames = false;
  const stack: Visit[] = [{ value: body, parent: null, key: '', depth: 0 }];
  const visit = (value: unknown, parent: Visit, key: string | number): void => {
    if (typeof value === 'string' ? unstorable(value) : typeof value === 'object' && value !== null)
      stack.push({ value, parent, key, depth: parent.depth + 1 });
  };
  while (stack.length > 0 && problems.length < MAX_REQUEST_PROBLEMS) {
    const current = stack.pop() as Visit;
    const { value, depth } = current;
    if (typeof value === 'string') {
      if (unstorable(value))
        problems.push({
          path: pointerOf(current),
          message: 'must be valid Unicode text: no NUL characters and no lone surrogates (such as \\ud800)',
        });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      problems.push({
        path: pointerOf(current),
        message: `is nested too deeply (more than ${MAX_BODY_DEPTH} levels)`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) visit(value[i], current, i);
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_OBJECT_FIELDS) {
      problems.push({
        path: pointerOf(current),
        message: `has ${keys.length} fields; an object of a request has at most ${MAX_OBJECT_FIELDS}`,
      });
      continue;
    }
    for (const key of keys) {
      if (unstorable(key))
        problems.push({
          path: pointerOf({ value: undefined, parent: current, key, depth: depth + 1 }),
          message: 'field names must be valid Unicode text: no NUL characters and no lone surrogates',
        });
      if (!inheritedNames && (STRIPPED_FIELD_NAMES.has(key) || (depth === 0 && key in Object.prototype)))
        inheritedNames = true;
      visit((value as Record<string, unknown>)[key], current, key);
    }
  }
  return { problems, inheritedNames };
}

/**
 * Objects of a raw JSON body with more than MAX_OBJECT_FIELDS fields, found by reading its bytes
 * once, before anything is parsed: parsing a body of 80,000 fields alone holds the event loop for
 * up to 100 ms here, and such a body is refused anyway. Paths and messages are those of
 * {@link bodyShapeProblems}; at most MAX_REQUEST_PROBLEMS. Malformed text is left to the parser.
 */
export function wideObjectProblems(bytes: Uint8Array): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // One frame per open object or array: its fields so far, and where its current child sits (an
  // object's key as the byte range of its JSON string, decoded only for a problem's path).
  type Frame = { object: boolean; fields: number; keyFrom: number; keyTo: number; index: number };
  const frames: Frame[] = [];
  const steps: (string | [number, number])[] = [];
  let inString = false;
  let escaped = false;
  let stringFrom = 0;
  let stringTo = 0;
  const text = (range: [number, number]): string => {
    try {
      return String(JSON.parse(Buffer.from(bytes.subarray(range[0], range[1])).toString('utf8')));
    } catch {
      return '';
    }
  };
  const pathOf = (depth: number): string =>
    steps
      .slice(0, depth)
      .map((step) => (typeof step === 'string' ? step : text(step)))
      .map((k) => `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`)
      .join('');
  for (let i = 0; i < bytes.length && problems.length < MAX_REQUEST_PROBLEMS; i++) {
    const c = bytes[i] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) {
        inString = false;
        stringTo = i + 1;
      }
      continue;
    }
    if (c === 34) {
      inString = true;
      stringFrom = i;
    } else if (c === 58) {
      const top = frames[frames.length - 1];
      if (top?.object) {
        top.fields++;
        top.keyFrom = stringFrom;
        top.keyTo = stringTo;
      }
    } else if (c === 44) {
      const top = frames[frames.length - 1];
      if (top && !top.object) top.index++;
    } else if (c === 123 || c === 91) {
      const parent = frames[frames.length - 1];
      if (parent)
        steps[frames.length - 1] = parent.object ? [parent.keyFrom, parent.keyTo] : String(parent.index);
      frames.push({ object: c === 123, fields: 0, keyFrom: 0, keyTo: 0, index: 0 });
    } else if (c === 125 || c === 93) {
      const closed = frames.pop();
      if (closed?.object && closed.fields > MAX_OBJECT_FIELDS)
        problems.push({
          path: pathOf(frames.length),
          message: `has ${closed.fields} fields; an object of a request has at most ${MAX_OBJECT_FIELDS}`,
        });
    }
  }
  return problems;
}

/** The raw body of a request that may hold numbers a double cannot hold, kept by {@link markInexactNumbers}. */
const RAW_BODY = Symbol('raw JSON body');
/** The size of the body as read (after any Content-Encoding is undone), kept by {@link markInexactNumbers}. */
const BODY_BYTES = Symbol('body bytes');
type WithRawBody = Request & {
  [RAW_BODY]?: { buffer: Buffer; encoding: string; scanned: boolean };
  [BODY_BYTES]?: number;
};

/**
 * The size in bytes of the request's JSON body as read, compressed bodies inflated; for a body not
 * (yet) read, what its Content-Length says (0 without one).
 */
export function bodyBytesOf(req: Request): number {
  return (req as WithRawBody)[BODY_BYTES] ?? (Number(req.headers['content-length'] ?? 0) || 0);
}

const isUtf8 = (encoding: string): boolean => /^utf-?8$/i.test(encoding);

/** Bodies from this size on are scanned in a turn of their own, not in the parser's. */
const SCAN_LATER_BYTES = 64 * 1024;

/**
 * The body's text as the JSON parser reads it: with the parser's own decoder (iconv-lite, which
 * drops a byte order mark and tells UTF-16 big-endian from little-endian as the parser does), so
 * that the exact-number check reads the same text as the parser.
 */
const bodyText = (buffer: Buffer, encoding: string): string =>
  isUtf8(encoding) ? new TextDecoder('utf-8').decode(buffer) : iconv.decode(buffer, encoding);

/** True when the raw body's text may hold a number a double cannot hold exactly. */
const mayHoldInexact = ({ buffer, encoding }: { buffer: Buffer; encoding: string }): boolean =>
  mayHoldInexactNumber(isUtf8(encoding) ? buffer : Buffer.from(bodyText(buffer, encoding)));

/**
 * The JSON parser's `verify` hook: keeps (by reference) the raw body of a request whose text may
 * hold a number a double cannot hold exactly (see {@link mayHoldInexactNumber}), so that
 * {@link readNumbersExactly} reads it again. A UTF-8 body is scanned as it came, without decoding;
 * a large body is kept unscanned and scanned after the parser's turn, which parsing alone fills.
 */
export function markInexactNumbers(req: Request, _res: Response, buffer: Buffer, encoding: string): void {
  (req as WithRawBody)[BODY_BYTES] = buffer.length;
  const utf8 = isUtf8(encoding);
  const invalid = utf8 ? invalidUtf8Byte(buffer) : null;
  if (invalid !== null) throw new InvalidUtf8Error(invalid);
  if (buffer.length >= SCAN_LATER_BYTES && utf8) {
    // A body the shape check would refuse for an over-wide object is refused before it is parsed.
    const wide = wideObjectProblems(buffer);
    if (wide.length > 0) throw Object.assign(new RequestValidationError(wide), { status: 400 });
  }
  if (buffer.length >= SCAN_LATER_BYTES)
    (req as WithRawBody)[RAW_BODY] = { buffer, encoding, scanned: false };
  else if (mayHoldInexact({ buffer, encoding }))
    (req as WithRawBody)[RAW_BODY] = { buffer, encoding, scanned: true };
}

/**
 * Express middleware after the JSON parser: reads a body marked by {@link markInexactNumbers} again
 * with {@link parseJsonExactly}, so that a JSON number is never read as another value than the one
 * written (`4739.9400000000000000001` reaches the checks as that decimal string, not as 4739.94).
 * A large body is scanned first, in a turn of the event loop of its own.
 */
export function readNumbersExactly(req: Request, _res: Response, next: NextFunction): void {
  const raw = (req as WithRawBody)[RAW_BODY];
  if (!raw) return next();
  delete (req as WithRawBody)[RAW_BODY];
  const reread = (): void => {
    const text = bodyText(raw.buffer, raw.encoding);
    // The parser has read this text already: it is JSON, and so is it with numbers made strings.
    (req as { body: unknown }).body = text.trim() === '' ? {} : parseJsonExactly(text);
  };
  if (raw.scanned) {
    reread();
    return next();
  }
  setImmediate(() => {
    try {
      if (mayHoldInexact(raw))
        setImmediate(() => {
          try {
            reread();
          } catch (error) {
            return next(error);
          }
          next();
        });
      else next();
    } catch (error) {
      next(error);
    }
  });
}

/**
 * True, and the body marked plain (see isPlainJsonBody), when {@link guardRequestShape} would pass
 * `body` on without a problem as the body of a request without a query string: a JSON object whose
 * walk finds no problem and no inherited name. False for anything the guard or the validation pipe
 * would look at more closely.
 */
export function passesShapeCheck(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const shape = bodyShape(body);
  if (shape.problems.length > 0 || shape.inheritedNames) return false;
  markPlainJsonBody(body);
  return true;
}

/** A short JSON rendering of a value, for messages. */
function shortJson(value: unknown): string {
  // Never the whole value: a body of 10,000 nested arrays overflowed JSON.stringify's stack (a 500).
  if (Array.isArray(value)) return value.length === 0 ? '[]' : '[…]';
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, 41)) : String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Express middleware: refuses URLs and bodies the handlers must never see, as problem details. */
export function guardRequestShape(req: Request, res: Response, next: NextFunction): void {
  let problems: FieldProblem[] = [];
  const body: unknown = req.body;
  if (/%00/i.test(req.originalUrl) || req.originalUrl.includes('\u0000'))
    problems = [{ path: '', message: 'the URL must not contain NUL characters' }];
  else if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
    // Every body the API reads is an object: `[]`, `null` or `"x"` gets one problem for the whole body.
    problems = [{ path: '', message: `the request body must be a JSON object (got ${shortJson(body)})` }];
  else {
    const shape = body !== undefined ? bodyShape(body) : null;
    problems = [...bodyShapeProblems(req.query), ...(shape?.problems ?? [])];
    // Walked whole without a problem: what the validation pipe would walk for again is known now.
    if (problems.length === 0 && shape && !shape.inheritedNames) markPlainJsonBody(body as object);
  }
  if (problems.length === 0) return next();
  const problem = localizeProblem(
    toProblem(new RequestValidationError(problems), req.originalUrl),
    problemLanguageOf(req.headers['accept-language']),
  );
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}
