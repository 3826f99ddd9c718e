import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';

/** The media types the JSON body parser reads; every request body must be one of them. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** True when the request carries a body: a `Transfer-Encoding`, or a `Content-Length` above 0. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length.trim() !== '0';
}

/**
 * The error for a body sent as something other than JSON (curl `-d` sends
 * `application/x-www-form-urlencoded`): without it the parser would leave the body unread and the
 * request would be refused for fields it does hold. `contentType` is what the request declared,
 * or null when it declared none.
 */
export class UnsupportedMediaTypeError extends Error {
  readonly status = 415;
  readonly type = 'unsupported.media.type';
  constructor(readonly contentType: string | null) {
    super(`Content-Type ${contentType ?? '(none)'} is not JSON`);
  }
}

/**
 * Middleware: a POST, PUT or PATCH with a body whose `Content-Type` is not JSON
 * (see {@link JSON_MEDIA_TYPES}) goes no further; it is passed on as an {@link UnsupportedMediaTypeError}
 * (answered 415). Requests without a body are left alone: some routes take none.
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || !hasBody(req) || req.is(JSON_MEDIA_TYPES)) return next();
  const declared = req.headers['content-type'];
  next(new UnsupportedMediaTypeError(declared === undefined || declared === '' ? null : declared));
}

/**
 * A body declared UTF-8 (as JSON is, unless its Content-Type says another charset) whose bytes are
 * not UTF-8 text: refused with 400 rather than read with each bad byte replaced by U+FFFD, which
 * would change a name or an id without telling the caller (GBK text sent as UTF-8, say). Thrown by
 * the parser's `verify` hook; body-parser keeps `status` and `type`, and the problem filter answers
 * it as malformed JSON naming the byte.
 */
export class InvalidUtf8Error extends Error {
  readonly status = 400;
  readonly type = 'entity.utf8.invalid';

  /** @param offset the first byte (from 0) that does not begin or continue a UTF-8 character. */
  constructor(readonly offset: number) {
    super(`The request body is not UTF-8 text: byte ${offset} is not part of a UTF-8 character`);
  }
}

/**
 * The offset of the first byte of `bytes` that is not part of a well-formed UTF-8 character (as the
 * WHATWG decoder judges: no overlong forms, no surrogates, nothing above U+10FFFF), or `bytes.length`
 * when all are. Linear; see {@link invalidUtf8Byte} for the check that comes first.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The length of the sequence, and the range its second byte must fall in.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return i;
}

/**
 * Where `bytes` stop being UTF-8 text: null when they are UTF-8 (Node's `isUtf8`, native), else the
 * first bad byte ({@link firstInvalidUtf8Byte}). What every reader of declared UTF-8 input asks.
 */
export function invalidUtf8Byte(bytes: Uint8Array): number | null {
  return isUtf8(bytes) ? null : firstInvalidUtf8Byte(bytes);
}
