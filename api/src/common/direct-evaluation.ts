import { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasAnyRole, type Principal, type Role } from '../auth/roles';
import { languageOf, type AnswerLanguage } from '../engine';
import { sendJsonBytes } from './json-answer';
import { answerWithProblem } from './problem-details.filter';
import { passesShapeCheck, readNumbersExactly } from './request-guards';
import { dateProblem, isPlainJsonBody, VERSION_LABEL } from './validation';

/**
 * What the direct evaluation route calls: the same methods the auth guard and the evaluation
 * controller call, and the roles the controller requires.
 */
export interface DirectEvaluationCalls {
  /** The auth guard's lookup (PrincipalsService.principalOf): null for a token it refuses. */
  principalOf(token: string): Promise<Principal | null>;
  /** The roles of the controller's `@Roles`, any of which the caller needs; undefined: none needed. */
  roles: readonly Role[] | undefined;
  /** EvaluationService.evaluate, as the controller calls it: the answer's JSON body. */
  evaluate(
    principal: Principal,
    key: string,
    asOf: string,
    household: unknown,
    label: string | undefined,
    language: AnswerLanguage,
  ): Promise<Uint8Array>;
}

/**
 * `POST /api/v1/rulesets/{key}/evaluate` exactly: the key unencoded (what Express would decode is
 * the same text), no query string, no trailing slash, lower case. Any other spelling Express also
 * routes to the controller takes the full pipeline.
 */
const EVALUATE_URL = /^\/api\/v1\/rulesets\/([0-9A-Za-z._-]+)\/evaluate$/;

/** The fields of EvaluateDto; a body with any other is refused by the validation pipe. */
const EVALUATE_FIELDS = new Set(['asOf', 'household', 'version']);

/** The bearer token of an Authorization header, read as the auth guard reads it. */
const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * The body of a single evaluation that the validation pipe accepts as EvaluateDto unchanged, or null
 * for any other (which the full pipeline then refuses or reads). Needs a body the shape check found
 * plain (parsed JSON, no inherited field names: see isPlainJsonBody).
 */
function acceptedBody(body: unknown): { asOf: string; household: object; version?: string } | null {
  if (!isPlainJsonBody(body)) return null;
  const fields = body as Record<string, unknown>;
  for (const key in fields) if (!EVALUATE_FIELDS.has(key)) return null;
  const { asOf, household, version } = fields;
  if (typeof asOf !== 'string' || dateProblem(asOf) !== null) return null;
  // @IsObject: an object that is not an array (JSON has no functions).
  if (typeof household !== 'object' || household === null || Array.isArray(household)) return null;
  // @IsOptional lets null through to the service; that rare body takes the full pipeline.
  if (version !== undefined && (typeof version !== 'string' || !VERSION_LABEL.test(version))) return null;
  return { asOf, household, ...(version === undefined ? {} : { version }) };
}

/**
 * Express middleware, after the body parser and the shape check, that answers the single evaluations
 * a caseworker system sends — an accepted body, a token the guard accepts, a role the controller
 * requires — without Nest's router, guard and validation pipe. On the two-core machine of the HTTP
 * benchmark those took about 0.6 ms of CPU per request (matching some 50 routes, class-transformer's
 * copy of the household, class-validator), more than the compiled evaluation itself (0.3 ms); the
 * service's thread went from 1.8–2.0 to 1.3–1.5 ms per request. It answers exactly as the
 * controller would: the same service call with the body's fields as sent, its bytes sent with status
 * 200 (sendJsonBytes), and errors through the exception filter's own {@link answerWithProblem}.
 *
 * Every other request goes on to the controller, which stays the route's definition and its
 * OpenAPI document: another spelling of the URL, a query string, a body the DTO would refuse or
 * transform, a missing or refused token, a missing role. Those are answered by the full pipeline as
 * before, so a refusal never differs between the two paths.
 */
export function directEvaluation(calls: DirectEvaluationCalls): RequestHandler {
  const logger = new Logger('Problems');
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    const url = EVALUATE_URL.exec(req.url);
    if (!url) return next();
    const body = acceptedBody(req.body);
    const token = body ? BEARER.exec(req.headers['authorization'] ?? '') : null;
    if (!body || !token) return next();
    const key = url[1] as string;
    const failure = (req as WithFailure)[FAILURE];
    if (failure) {
      delete (req as WithFailure)[FAILURE];
      return answerWithProblem(failure.error, req, res, logger);
    }
    evaluateDirectly(calls, token[1] as string, key, body, req.headers['accept-language']).then(
      (answer) => (answer ? sendJsonBytes(res, answer) : next()),
      (error: unknown) => answerWithProblem(error, req, res, logger),
    );
  };
}

/**
 * The caller looked up as the auth guard looks it up and, when it may evaluate (a principal with a
 * role the controller requires), the service's answer: its JSON bytes. Null when the caller is
 * refused, for the full pipeline to answer.
 * @throws what the lookup or the evaluation throws.
 */
async function evaluateDirectly(
  calls: DirectEvaluationCalls,
  token: string,
  key: string,
  body: { asOf: string; household: object; version?: string },
  acceptLanguage: string | undefined,
): Promise<Uint8Array | null> {
  const principal = await calls.principalOf(token);
  if (!principal || (calls.roles && !hasAnyRole(principal, calls.roles))) return null;
  const language = languageOf(acceptLanguage);
  return calls.evaluate(principal, key, body.asOf, body.household, body.version, language);
}

/**
 * What the front door's lookup of the caller or evaluation threw, kept for the direct route, which
 * answers it as the error of its own calls: the request is not evaluated twice (under a draft, twice
 * on the workers, with two timeouts).
 */
const FAILURE = Symbol('front door failure');
type WithFailure = IncomingMessage & { [FAILURE]?: { error: unknown } };

/** A body parser's error, kept for the full pipeline to raise where its own parser would have. */
const PARSE_ERROR = Symbol('body parser error');
type WithParseError = IncomingMessage & { [PARSE_ERROR]?: unknown };

/**
 * Express middleware, right after the JSON parser: raises the parser's error that the front door
 * ({@link evaluationFrontDoor}) met before it handed the request over, so that the error is answered
 * exactly as the parser's own.
 */
export function raiseFrontDoorParseError(req: Request, _res: Response, next: NextFunction): void {
  const error = (req as WithParseError)[PARSE_ERROR];
  if (error === undefined) return next();
  delete (req as WithParseError)[PARSE_ERROR];
  next(error);
}

/** What the front door needs besides the calls: the application's own middleware and handler. */
export interface FrontDoorParts {
  calls: DirectEvaluationCalls;
  /** The application's JSON body parser (the same instance, with its `verify`). */
  parseJson: RequestHandler;
  /** The application's security headers middleware (helmet), run on every answer it gives. */
  securityHeaders: (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  /** Bodies of this many bytes or more are left to the full pipeline, which reads them in turns. */
  largeBodyBytes: number;
  /** The Express application: every request the front door does not answer goes there. */
  application: (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * The HTTP server's request listener, in front of Express: it answers the single evaluations of
 * {@link directEvaluation} (an accepted body under {@link FrontDoorParts.largeBodyBytes}, a token the
 * guard accepts, a role the controller requires) without Express's router and its nine middleware
 * layers, which cost the event loop about 0.15 ms a request, a quarter of all it spends on one. The
 * body is read by the application's own JSON parser and checked by the same functions as in the
 * application (exact numbers, shape); the answer is the service's bytes with the security headers.
 *
 * Every other request, and every one of these that is refused or fails at any step, goes to the
 * application as it came (a body already read is kept, with the parser's error if it had one, and
 * the application's parser then leaves it as it is). A refusal or an error is therefore always
 * answered by the full pipeline; an error of the evaluation itself (or of the caller's lookup) is
 * kept with the request and answered by the direct route as it answers its own, without a second
 * evaluation.
 */
export function evaluationFrontDoor(
  parts: FrontDoorParts,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { calls, parseJson, securityHeaders, largeBodyBytes, application } = parts;
  const logger = new Logger('Problems');
  return (req, res) => {
    const length = Number(req.headers['content-length']);
    const url = req.method === 'POST' ? EVALUATE_URL.exec(req.url ?? '') : null;
    const token = url ? BEARER.exec(req.headers['authorization'] ?? '') : null;
    // A compressed body may be far larger once read: the application reads it in turns.
    const encoding = req.headers['content-encoding'];
    if (
      !url ||
      !token ||
      !(length > 0 && length < largeBodyBytes) ||
      req.headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity')
    )
      return application(req, res);
    let handedOver = false;
    /** To the application, once, with the error its parser would have raised, if any. */
    const handOver = (error?: unknown): void => {
      if (handedOver) return;
      handedOver = true;
      if (error !== undefined) (req as WithParseError)[PARSE_ERROR] = error;
      application(req, res);
    };
    parseJson(req as Request, res as Response, (error?: unknown) => {
      if (error !== undefined) return handOver(error);
      try {
        // Synchronous for a body this small (see readNumbersExactly).
        readNumbersExactly(req as Request, res as Response, (reread?: unknown) => {
          if (reread !== undefined) return handOver(reread);
          const body: unknown = (req as { body?: unknown }).body;
          const accepted = passesShapeCheck(body) ? acceptedBody(body) : null;
          if (!accepted) return handOver();
          handedOver = true;
          evaluateDirectly(
            calls,
            token[1] as string,
            url[1] as string,
            accepted,
            req.headers['accept-language'],
          )
            .then(
              (bytes) =>
                bytes ? securityHeaders(req, res, () => sendJsonBytes(res, bytes)) : application(req, res),
              (error: unknown) => {
                // Answered by the application's direct route, as it answers its own errors (not
                // evaluated again).
                (req as WithFailure)[FAILURE] = { error };
                application(req, res);
              },
            )
            .catch((e: unknown) => {
              // Nothing above is known to throw here; a fault must not stop the process.
              logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
              res.destroy();
            });
        });
      } catch (e) {
        handOver(e);
      }
    });
  };
}
