import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import type { CellWrite } from './edit';
import { applicableAt, cellId, entryAt } from './resolve';

/**
 * Plans the entries a bulk adjustment writes. When every jurisdiction that inherits one literal
 * group entry (or the literal value for everywhere) gets the same new figure, that entry is
 * changed once instead of adding an override per jurisdiction; everything else is written as is.
 */
export function planWrites(document: RulesetVersion, writes: readonly CellWrite[]): CellWrite[] {
  const byId = new Map(writes.map((w) => [cellId(w.key, w.target), w]));
  const planned: CellWrite[] = [];
  const covered = new Set<string>();
  for (const parameter of document.parameters) {
    const sources = [
      ...document.jurisdictionGroups.map((g) => ({ kind: 'group', id: g.id }) as const),
      { kind: 'city' } as const,
    ];
    for (const target of sources) {
      const entry = entryAt(parameter, target)?.entry;
      if (entry?.value === undefined || byId.has(cellId(parameter.key, target))) continue;
      const heirs = document.jurisdictions.filter((j) => {
        const applicable = applicableAt(document, parameter, { kind: 'jurisdiction', code: j.code });
        return applicable?.entry === entry;
      });
      const heirWrites = heirs.map((j) =>
        byId.get(cellId(parameter.key, { kind: 'jurisdiction', code: j.code })),
      );
      const first = heirWrites[0];
      if (!first || heirWrites.some((w) => !w || w.value !== first.value)) continue;
      planned.push({ key: parameter.key, target, value: first.value });
      heirWrites.forEach((w) => w && covered.add(cellId(w.key, w.target)));
    }
  }
  return [...planned, ...writes.filter((w) => !covered.has(cellId(w.key, w.target)))];
}
