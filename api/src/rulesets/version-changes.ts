import { compileVersion, diffVersions, type VersionDiff } from '../engine';

/**
 * At most this many parameter changes and items of each kind are listed in one audit entry, so that
 * a summary fits the entry's 16 KB.
 */
export const SUMMARY_LIMITS = { parameters: 60, items: 50 } as const;

/** Strips quotes and a weak prefix from an If-Match value. */
export function etagValue(header: string): string {
  return header
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

type Changes = Omit<VersionDiff, 'from' | 'to'>;

/**
 * Keeps an audit entry small whatever the edit: lists longer than SUMMARY_LIMITS are cut, and
 * `omitted` says how many entries of each list were left out.
 */
export function boundChanges(changes: Changes): Record<string, unknown> {
  const omitted: Record<string, number> = {};
  const bounded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(changes) as [string, unknown][]) {
    if (Array.isArray(value)) {
      if (value.length > SUMMARY_LIMITS.parameters) omitted[name] = value.length - SUMMARY_LIMITS.parameters;
      bounded[name] = value.slice(0, SUMMARY_LIMITS.parameters);
    } else {
      const lists: Record<string, string[]> = {};
      for (const [kind, ids] of Object.entries(value as Record<string, string[]>)) {
        if (ids.length > SUMMARY_LIMITS.items) omitted[`${name}.${kind}`] = ids.length - SUMMARY_LIMITS.items;
        lists[kind] = ids.slice(0, SUMMARY_LIMITS.items);
      }
      bounded[name] = lists;
    }
  }
  return Object.keys(omitted).length > 0 ? { ...bounded, omitted } : bounded;
}

/** What an edit changed, in the policy's terms when both sides compile; bounded in size. */
export function summariseChanges(before: unknown, after: unknown): Record<string, unknown> {
  try {
    // Tests are left out: a new draft's copied tests predate it, and the diff is about policy.
    const withoutTests = (content: unknown) => ({ ...(content as object), tests: [] });
    const diff = diffVersions(compileVersion(withoutTests(before)), compileVersion(withoutTests(after)));
    const { from: _from, to: _to, ...changes } = diff;
    return boundChanges(changes);
  } catch {
    return { note: 'one side does not compile yet, so only the content hashes are recorded' };
  }
}
