import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FieldProblem } from '../engine';
import {
  ConflictError,
  DatabaseUnavailableError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ServiceBusyError,
  TaskTimeoutError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnprocessableError,
} from './domain-errors';
import { InvalidUtf8Error, UnsupportedMediaTypeError } from './content-type';
import { localizeProblem, problemLanguageOf } from './problem-messages';
import { RequestValidationError } from './validation';
import {
  engineProblem,
  internalProblem,
  malformedJsonProblem,
  problemDetails,
  type ProblemDetails,
} from './problem-details';

const DOMAIN_STATUS: [new (...args: never[]) => DomainError, number, string][] = [
  [NotFoundError, 404, 'Not found'],
  [ConflictError, 409, 'Conflict'],
  [ForbiddenError, 403, 'Forbidden'],
  [UnauthenticatedError, 401, 'Unauthorized'],
  [PreconditionRequiredError, 428, 'Precondition required'],
  [PreconditionFailedError, 412, 'Precondition failed'],
  [UnprocessableError, 422, 'Unprocessable content'],
  [DatabaseUnavailableError, 503, 'Database unavailable'],
  [ServiceBusyError, 503, 'Service busy'],
  [TaskTimeoutError, 503, 'Took too long'],
  [TooManyRequestsError, 429, 'Too many requests'],
];

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

/** True for errors that mean the database cannot be reached (not that a query was wrong). */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (
    let e: unknown = error, depth = 0;
    e && depth < 4;
    e = (e as { cause?: unknown; driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause,
      depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Connection refused|the database system is (starting|shutting) down/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}

/** `NOT_FOUND` → `Not found`. */
function sentenceCase(name: string): string {
  const words = name.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Maps any error to problem details; unknown errors become a 500 without a stack trace. */
export function toProblem(error: unknown, instance?: string): ProblemDetails {
  const base = (
    status: number,
    code: string,
    title: string,
    detail: string,
    errors?: FieldProblem[],
  ): ProblemDetails => problemDetails(status, code, title, detail, errors, instance);
  if (error instanceof DomainError) {
    const [, status, title] = DOMAIN_STATUS.find(([type]) => error instanceof type) ?? [
      DomainError,
      500,
      'Error',
    ];
    return base(status, error.code, title, error.message, error.errors);
  }
  const fromEngine = engineProblem(error, instance);
  if (fromEngine) return fromEngine;
  if (error instanceof RequestValidationError)
    return base(400, 'invalid-request', 'Invalid request', error.message, error.errors);
  if (
    error instanceof URIError ||
    /Failed to decode param/.test((error as { message?: string }).message ?? '')
  ) {
    return base(400, 'invalid-url', 'Bad request', 'The URL has an invalid percent-encoding', [
      {
        path: '',
        message: 'the URL has an invalid percent-encoding (such as %E0%A4%A); encode each byte as %XX',
      },
    ]);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : ((response as { message?: unknown }).message ?? error.message);
    const detail = Array.isArray(message) ? message.join('; ') : String(message);
    const code =
      status === 413
        ? 'payload-too-large'
        : status === 429
          ? 'too-many-requests'
          : status === 404
            ? 'not-found'
            : `http-${status}`;
    return base(status, code, sentenceCase(HttpStatus[status]?.toString() ?? 'Error'), detail);
  }
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Errors from the HTTP layer below Nest (body parser: malformed JSON, too large, bad encoding).
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed')
      return { ...malformedJsonProblem(), ...(instance ? { instance } : {}) };
    if (error instanceof InvalidUtf8Error)
      return {
        ...malformedJsonProblem(error.message, 'is not UTF-8 text (send JSON encoded as UTF-8)'),
        ...(instance ? { instance } : {}),
      };
    if (type === 'entity.too.large')
      return base(
        413,
        'payload-too-large',
        'Payload too large',
        'The request body is larger than the service accepts',
      );
    if (error instanceof UnsupportedMediaTypeError) {
      const declared = error.contentType === null ? 'no Content-Type' : `Content-Type ${error.contentType}`;
      return base(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `The request body was sent with ${declared}; the service reads JSON bodies only: send Content-Type: application/json (curl: -H 'Content-Type: application/json')`,
        [{ path: '', message: 'must be sent with Content-Type: application/json' }],
      );
    }
    if (status === 415) {
      const what = (error as { message?: string }).message ?? 'unsupported encoding';
      return base(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        `The request body cannot be read: ${what}`,
        [
          {
            path: '',
            message: 'send JSON in UTF-8 (Content-Type: application/json), uncompressed or gzip/deflate',
          },
        ],
      );
    }
    return base(status, `http-${status}`, 'Bad request', 'The request body could not be read', [
      { path: '', message: 'could not be read: check Content-Encoding, Content-Length and the body itself' },
    ]);
  }
  if (isDatabaseUnreachable(error)) {
    return base(
      503,
      'database-unavailable',
      'Database unavailable',
      'The database cannot be reached; published rulesets are still evaluated. Try again shortly.',
    );
  }
  return internalProblem(instance);
}

/**
 * Answers `exception` as `application/problem+json` in the caller's language (Accept-Language), with
 * `Retry-After` for a 429; logs a 503 in one line and any other 5xx with its stack. Nothing is sent
 * when the response has started already. The one exception filter and the direct evaluation route
 * (see direct-evaluation.ts) both answer with it, so an error reads the same either way.
 */
export function answerWithProblem(
  exception: unknown,
  request: Request | undefined,
  response: Response,
  logger: Pick<Logger, 'warn' | 'error'>,
): void {
  const problem = localizeProblem(
    toProblem(exception, request?.originalUrl),
    problemLanguageOf(request?.headers?.['accept-language']),
  );
  // A database outage is expected and answered with 503: one line, not a stack trace.
  if (problem.status === 503) logger.warn(`${request?.method} ${request?.originalUrl}: ${problem.detail}`);
  else if (problem.status >= 500) {
    logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  }
  if (response.headersSent) return;
  if (exception instanceof TooManyRequestsError)
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The one exception filter: every error leaves as `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problems');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    answerWithProblem(exception, context.getRequest<Request>(), context.getResponse<Response>(), this.logger);
  }
}
