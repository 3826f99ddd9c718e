import type { VersionSummary } from '@/types/api';

/**
 * The defaults of the draft that follows `base`: a year label is followed by the next year (any
 * other label by nothing: the official names it), and the draft takes effect on the next
 * 1 January after the base version's effective date (YYYY-MM-DD).
 */
export function nextVersionDefaults(base: Pick<VersionSummary, 'version' | 'effectiveFrom'>): {
  version: string;
  effectiveFrom: string;
} {
  const year = Number(base.effectiveFrom.slice(0, 4));
  return {
    version: /^\d{4}$/.test(base.version) ? String(Number(base.version) + 1) : '',
    effectiveFrom: `${String(year + 1).padStart(4, '0')}-01-01`,
  };
}

/** Versions newest first: by effective date, then by label. */
export function newestFirst(versions: VersionSummary[]): VersionSummary[] {
  return [...versions].sort(
    (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version.localeCompare(a.version),
  );
}
