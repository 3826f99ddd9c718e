import { EXPRESSION_DATE_RANGE } from '../engine/expression/dates';
/**
 * The one set of limits on what the API accepts and the database stores. DTOs validate against
 * these, entity columns are declared with them, and a test compares both with the columns the
 * migrations create, so nothing the API accepts can be refused by the database (a 500).
 */
export const FIELD_LIMITS = {
  /** Ruleset keys (`rulesets.key`, `ruleset_versions.ruleset_key`, `audit_log.ruleset_key`). */
  rulesetKey: 100,
  /** Version labels (`ruleset_versions.version`, `based_on`, `audit_log.version`). */
  versionLabel: 40,
  /** Usernames (`users.username`, and every `*_by` column and `audit_log.actor`, which hold one). */
  username: 100,
  /** API key names (`api_keys.name`). */
  apiKeyName: 100,
  /** Passwords, in characters (only their scrypt hash is stored). */
  passwordMin: 12,
  passwordMax: 200,
  /** Audit `action` codes (`audit_log.action`). */
  auditAction: 40,
} as const;

/** At most this many problems are reported for one request; a last one counts the rest. */
export const MAX_REQUEST_PROBLEMS = 100;

/**
 * The dates the API accepts for `effectiveFrom`, `asOf` and other calendar dates: wide enough for
 * any standard, narrow enough for every database (PostgreSQL has no year 0).
 */
export const DATE_RANGE = EXPRESSION_DATE_RANGE;

/** Length of a text in characters (code points), not UTF-16 units or bytes. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
