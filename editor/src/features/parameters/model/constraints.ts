import type { ConstraintT, RulesetVersion } from '@engine/schema/ruleset.schema';
import type { ValidationFinding } from '@/types/api';

/** A finding of `POST …/check` (a constraint finding names its constraint, place and the keys it reads). */
export interface CheckFinding extends ValidationFinding {
  parameters?: string[];
}

/** The answer of `POST …/check`. */
export interface CheckAnswer {
  valid: boolean;
  errors: CheckFinding[];
  warnings: CheckFinding[];
  /** Every parameter per jurisdiction code (formulas computed); null when the document cannot be read. */
  parameters: Record<string, Record<string, string>> | null;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True when an expression names `key` as a whole dotted name. */
export function expressionReads(expression: string, key: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_.])${escape(key)}(?![A-Za-z0-9_.])`).test(expression);
}

/** The constraints that read a parameter (from their assert text or a finding's `parameters`). */
export function constraintsReading(
  constraints: readonly ConstraintT[],
  key: string,
  findings: readonly CheckFinding[] = [],
): ConstraintT[] {
  const named = new Set(findings.filter((f) => f.parameters?.includes(key)).map((f) => f.constraint));
  return constraints.filter((c) => named.has(c.id) || expressionReads(c.assert, key));
}

/** The keys a constraint finding is about: the ones it names, else the ones its constraint reads. */
export function findingKeys(document: RulesetVersion, finding: CheckFinding): string[] {
  if (finding.parameters?.length) return finding.parameters;
  const constraint = document.constraints.find((c) => c.id === finding.constraint);
  return constraint
    ? document.parameters.map((p) => p.key).filter((k) => expressionReads(constraint.assert, k))
    : [];
}

/** A live finding placed on the grid, with its severity. */
export interface PlacedFinding {
  finding: CheckFinding;
  severity: 'error' | 'warning';
  constraint: ConstraintT | undefined;
}

/** The constraint findings of a check, each with its severity and constraint. */
export function constraintFindings(
  document: RulesetVersion,
  answer: CheckAnswer | undefined,
): PlacedFinding[] {
  if (!answer) return [];
  const place = (finding: CheckFinding, fallback: 'error' | 'warning'): PlacedFinding => ({
    finding,
    severity: finding.severity ?? fallback,
    constraint: document.constraints.find((c) => c.id === finding.constraint),
  });
  return [
    ...answer.errors.filter((f) => f.code === 'constraint').map((f) => place(f, 'error')),
    ...answer.warnings.filter((f) => f.code === 'constraint').map((f) => place(f, 'warning')),
  ];
}

/**
 * The findings that govern one cell: those about its parameter and, for `scope` a jurisdiction
 * code, those for that jurisdiction or for no particular place; `'placeless'` (group and 全市
 * cells of a per-jurisdiction parameter) only the latter; `'all'` (a uniform parameter) every one.
 */
export function findingsForCell(
  document: RulesetVersion,
  placed: readonly PlacedFinding[],
  key: string,
  scope: string,
): PlacedFinding[] {
  return placed.filter((p) => {
    if (!findingKeys(document, p.finding).includes(key)) return false;
    const where = p.finding.jurisdiction ?? null;
    if (scope === 'all' || where === null) return true;
    return scope !== 'placeless' && where === scope;
  });
}

/**
 * The worked comparison of a constraint finding's message ("300 × 12 ≥ 4000", the figures put in
 * for the names), for a sentence in the official's language; null when the message has none.
 */
export function workedComparison(message: string): string | null {
  return /→ (.+?) is false\./.exec(message)?.[1] ?? null;
}

/** True when the finding is a warning that still needs a recorded justification. */
export const needsJustification = (message: string): boolean =>
  message.includes('needs a recorded justification');
