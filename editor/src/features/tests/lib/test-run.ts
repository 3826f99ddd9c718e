import Decimal from 'decimal.js';
import type { AuditEntry } from '@/types/api';

/** One benefit line that differs (matched by code and member): `expected` null when not expected, `got` null when missing. */
export interface RunLineDifference {
  code: string;
  memberId: string | null;
  expected: string | null;
  got: string | null;
  message?: string;
}

/** One total (yuan) that differs from the test's expectation. */
export interface RunTotalDifference {
  total: 'monthly' | 'annual' | 'oneOff';
  expected: string;
  got: string;
  message?: string;
}

/** One outcome whose eligibility differs: `got` null when the version does not report it. */
export interface RunEligibilityDifference {
  outcome: string;
  expected: boolean;
  got: boolean | null;
  message?: string;
}

/** One test case's outcome (POST …/tests/run). */
export interface TestRunCase {
  name: string;
  asOf: string;
  passed: boolean;
  /** False when the household could not be evaluated; the reasons are then in `differences`. */
  evaluated?: boolean;
  differences?: string[];
  lines: RunLineDifference[];
  totals: RunTotalDifference[];
  eligibility: RunEligibilityDifference[];
}

/** The answer of POST …/versions/{version}/tests/run. */
export interface TestRunReport {
  passed: number;
  failed: number;
  tests: TestRunCase[];
}

/**
 * `got − expected` in yuan, exactly, signed (`+30.00`, `−12.50`), or null when one side has no line;
 * two decimals at least.
 */
export function amountDifference(expected: string | null, got: string | null): string | null {
  if (expected === null || got === null) return null;
  const d = new Decimal(got).minus(new Decimal(expected));
  const text = d.abs().toFixed(Math.max(2, d.decimalPlaces()));
  return d.isZero() ? text : d.isNegative() ? `−${text}` : `+${text}`;
}

/** The names of the failing tests, in the report's order. */
export const failingNames = (report: TestRunReport | undefined): string[] =>
  (report?.tests ?? []).filter((t) => !t.passed).map((t) => t.name);

/** A test can take new amounts when it failed and its household could be evaluated. */
export const canAccept = (test: TestRunCase): boolean => !test.passed && test.evaluated !== false;

/** One acceptance of test results, as the audit log records it. */
export interface AcceptanceRecord {
  id: string;
  at: string;
  actor: string;
  /** 'all', or the names chosen. */
  tests: 'all' | string[];
  /** The tests whose expectations changed, by name. */
  changed: string[];
  /** How many more changed tests the entry left out (it is bounded). */
  omitted: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The test acceptances among audit entries (edits whose details hold `accepted`), newest first as given. */
export function acceptancesOf(entries: readonly AuditEntry[]): AcceptanceRecord[] {
  const records: AcceptanceRecord[] = [];
  entries.forEach((entry, i) => {
    const accepted = isRecord(entry.details) ? entry.details['accepted'] : undefined;
    if (!isRecord(accepted)) return;
    const tests = accepted['tests'];
    const changes = Array.isArray(accepted['changes']) ? accepted['changes'] : [];
    records.push({
      id: entry.id ?? String(i),
      at: entry.at,
      actor: entry.actor,
      tests: tests === 'all' ? 'all' : Array.isArray(tests) ? tests.map(String) : [],
      changed: changes.filter(isRecord).map((c) => String(c['test'])),
      omitted: typeof accepted['omitted'] === 'number' ? accepted['omitted'] : 0,
    });
  });
  return records;
}
