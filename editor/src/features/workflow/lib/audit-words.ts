/** The audit actions the history names in words; any other action is shown as recorded. */
export const KNOWN_ACTIONS = [
  'imported',
  'drafted',
  'edited',
  'tests-accepted',
  'submitted',
  'returned',
  'published',
  'withdrawn',
  'upgraded',
] as const;

/**
 * The action an audit entry stands for: an `edited` entry that accepted test results reads as
 * `tests-accepted`.
 */
export function auditAction(action: string, details: unknown): string {
  if (
    action === 'edited' &&
    typeof details === 'object' &&
    details !== null &&
    'accepted' in (details as Record<string, unknown>)
  )
    return 'tests-accepted';
  return action;
}
