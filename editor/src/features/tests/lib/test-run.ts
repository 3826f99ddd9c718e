import { signedDifference } from '@/lib/money';
import type { TestRun, TestRunCase } from '@engine/validation/test-run';
import type { AuditEntry } from '@/types/api';

/**
 * The answer of POST …/versions/{version}/tests/run (`TestRun`): each test with every benefit line
 * expected and computed (`TestLine`, with `passed`), the totals and eligibility that differ, and
 * `messages`.
 */
export type { TestLine, TestRun, TestRunCase } from '@engine/validation/test-run';

/**
 * `got − expected` in yuan, exactly, signed (`+30.00`, `−12.50`), or null when one side has no line;
 * two decimals at least.
 */
export function amountDifference(expected: string | null, got: string | null): string | null {
  if (expected === null || got === null) return null;
  return signedDifference(expected, got);
}

/** The names of the failing tests, in the report's order. */
export const failingNames = (report: TestRun | undefined): string[] =>
  (report?.tests ?? []).filter((t) => !t.passed).map((t) => t.name);

/** A test can take new amounts when it failed and its household could be evaluated. */
export const canAccept = (test: TestRunCase): boolean => !test.passed && test.evaluated;

/** The lines of a test whose amount differs (the ones accepting would change). */
export const changedLines = (test: TestRunCase) => test.lines.filter((l) => !l.passed);

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
