import type { VersionSummary } from '@/types/api';

const byDate = (a: VersionSummary, b: VersionSummary) => a.effectiveFrom.localeCompare(b.effectiveFrom);

/**
 * The versions to compare when the address names fewer than two: `to` defaults to the latest
 * version (by effective date), `from` to the version `to` is based on, else the one before it.
 */
export function defaultPair(
  versions: VersionSummary[],
  from: string | undefined,
  to: string | undefined,
): { from: string | undefined; to: string | undefined } {
  const sorted = [...versions].sort(byDate);
  const target = to ?? sorted.at(-1)?.version;
  const summary = sorted.find((v) => v.version === target);
  const index = summary ? sorted.indexOf(summary) : -1;
  const base =
    from ??
    (summary?.basedOn && versions.some((v) => v.version === summary.basedOn)
      ? summary.basedOn
      : index > 0
        ? sorted[index - 1]?.version
        : undefined);
  return { from: base, to: target };
}
