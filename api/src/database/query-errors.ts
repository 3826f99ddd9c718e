import { QueryFailedError } from 'typeorm';

/** True when a query failed on a unique constraint or index (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error as { code?: string }).code === '23505';
}
