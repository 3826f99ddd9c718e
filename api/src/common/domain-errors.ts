import type { FieldProblem } from '../engine';

/**
 * Errors of the service's use cases, each with a stable `code`. Services throw these; the one
 * exception filter turns them into problem details, so no service knows about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly errors?: FieldProblem[];
}

/** The thing asked for does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'not-found';
}

/**
 * The request conflicts with the current state (a published version never changes, a label is taken);
 * `errors`, when given, names the fields that would resolve it (an acknowledgement the step needs).
 */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
  constructor(
    message: string,
    override readonly errors?: FieldProblem[],
  ) {
    super(message);
  }
}

/** The caller is known but may not do this (four-eyes, a draft without the editor role). */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** No valid credentials. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

/** `If-Match` is missing on an edit that needs it. */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'precondition-required';
}

/** `If-Match` names a content hash that is no longer current: someone else edited first. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'precondition-failed';
}

/** The request is well-formed but its content is not acceptable; `errors` names each bad field. */
export class UnprocessableError extends DomainError {
  readonly code = 'unprocessable';
  constructor(
    message: string,
    override readonly errors: FieldProblem[] = [],
  ) {
    super(message);
  }
}

/** Too many attempts (logins): refused until `retryAfterSeconds` have passed (the Retry-After header). */
export class TooManyRequestsError extends DomainError {
  readonly code = 'too-many-requests';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** Every worker is busy and WORKER_QUEUE_SIZE tasks already wait: try again shortly. */
export class ServiceBusyError extends DomainError {
  readonly code = 'service-busy';
}

/** A worker task ran longer than WORKER_TASK_TIMEOUT_MS and was stopped; the message names the task. */
export class TaskTimeoutError extends DomainError {
  readonly code = 'task-timeout';
}

/** The database is unreachable for an operation that needs it. */
export class DatabaseUnavailableError extends DomainError {
  readonly code = 'database-unavailable';
}
