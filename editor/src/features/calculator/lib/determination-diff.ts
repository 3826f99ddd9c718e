import { signedDifference } from '@/lib/money';
import Decimal from 'decimal.js';
import type { Determination } from '@engine/evaluation/determine';

type Line = Determination['benefits'][number];
export type TotalName = keyof Determination['totals'];

/** How one benefit line compares between this version and the version in force. */
export interface LineComparison {
  key: string;
  code: string;
  memberId: string | null;
  /** The line under this version, if it has one. */
  ours?: Line;
  /** The line under the version in force, if it has one. */
  theirs?: Line;
  change: 'same' | 'changed' | 'onlyOurs' | 'onlyTheirs';
  /** ours − theirs in yuan, signed (`+30.00`, `−12.50`), when both have the line and it changed. */
  delta?: string;
}

/** Each line's key: code, member and its place among lines of the same code and member. */
export function lineKeys(lines: readonly Line[]): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const base = JSON.stringify([l.code, l.memberId ?? null]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}#${n}`;
  });
}

/** Everything that differs between two determinations of the same household and date. */
export interface DeterminationComparison {
  /** Lines in this version's order, then the lines only the version in force has. */
  lines: LineComparison[];
  /** By line key, for either column. */
  byKey: Map<string, LineComparison>;
  totals: { total: TotalName; ours: string; theirs: string; delta: string | null }[];
  eligibility: { outcome: string; ours: boolean | null; theirs: boolean | null; changed: boolean }[];
}

const eligibleOf = (d: Determination, outcome: string): boolean | null => {
  const value = Object.hasOwn(d.eligibility, outcome) ? d.eligibility[outcome]?.['eligible'] : undefined;
  return typeof value === 'boolean' ? value : null;
};

/**
 * Compares this version's determination (`ours`) with the version in force's (`theirs`): lines are
 * matched by code and member (never by position), amounts compared exactly.
 */
export function compareDeterminations(ours: Determination, theirs: Determination): DeterminationComparison {
  const theirKeys = lineKeys(theirs.benefits);
  const theirsByKey = new Map(theirKeys.map((k, i) => [k, theirs.benefits[i]!]));
  const lines: LineComparison[] = [];
  lineKeys(ours.benefits).forEach((key, i) => {
    const line = ours.benefits[i]!;
    const other = theirsByKey.get(key);
    const base = { key, code: line.code, memberId: line.memberId ?? null, ours: line };
    if (!other) lines.push({ ...base, change: 'onlyOurs' });
    else if (new Decimal(line.amount).equals(other.amount) && line.period === other.period)
      lines.push({ ...base, theirs: other, change: 'same' });
    else
      lines.push({
        ...base,
        theirs: other,
        change: 'changed',
        delta: signedDifference(other.amount, line.amount),
      });
    theirsByKey.delete(key);
  });
  for (const [key, line] of theirsByKey)
    lines.push({ key, code: line.code, memberId: line.memberId ?? null, theirs: line, change: 'onlyTheirs' });
  const totals = (['monthly', 'annual', 'oneOff'] as const).map((total) => {
    const a = ours.totals[total];
    const b = theirs.totals[total];
    return { total, ours: a, theirs: b, delta: new Decimal(a).equals(b) ? null : signedDifference(b, a) };
  });
  const outcomes = [...new Set([...Object.keys(ours.eligibility), ...Object.keys(theirs.eligibility)])];
  const eligibility = outcomes.map((outcome) => {
    const a = eligibleOf(ours, outcome);
    const b = eligibleOf(theirs, outcome);
    return { outcome, ours: a, theirs: b, changed: a !== b };
  });
  return { lines, byKey: new Map(lines.map((l) => [l.key, l])), totals, eligibility };
}
