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
