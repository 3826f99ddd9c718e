import type { ParameterT, RulesetVersion } from '@engine/schema/ruleset.schema';
import { sourceMissing, type Source } from './edit';
import type { Delta } from './figures';
import { cellView, type CellView } from './cell';
import { entryAt, parametersByScheme, type CellTarget, type ParameterValues } from './resolve';

/** One changed figure of a version against its base version, where it applies. */
export interface ChangeRow {
  id: string;
  scheme: string;
  parameter: ParameterT;
  /** Where: everywhere (全市), a whole group whose places all changed alike, or one jurisdiction. */
  target: CellTarget;
  before: string | undefined;
  after: string | undefined;
  delta: Delta | null;
  added: boolean;
  source: Source | undefined;
  missingSource: boolean;
}

const rowOf = (
  document: RulesetVersion,
  base: RulesetVersion | undefined,
  scheme: string,
  parameter: ParameterT,
  target: CellTarget,
  cell: CellView,
): ChangeRow => {
  const baseParameter = base?.parameters.find((p) => p.key === parameter.key);
  const writtenFor =
    cell.level === 'group' && cell.groupId
      ? ({ kind: 'group', id: cell.groupId } as const)
      : cell.level === 'city'
        ? ({ kind: 'city' } as const)
        : cell.target;
  const baseEntry = baseParameter ? entryAt(baseParameter, writtenFor)?.entry : undefined;
  return {
    id: `${parameter.key}|${target.kind === 'city' ? '*' : target.kind === 'group' ? target.id : target.code}`,
    scheme,
    parameter,
    target,
    before: cell.baseValue,
    after: cell.value,
    delta: cell.delta,
    added: cell.added,
    source: cell.entry?.source,
    missingSource: !!cell.entry && sourceMissing(document, cell.entry, base ? baseEntry : undefined),
  };
};

/**
 * Every figure of `document` that differs from the base version, resolved per jurisdiction with
 * the two parameter answers (`values`, `baseValues`). Places of a group (or of the whole city)
 * whose figure came from the same entry and changed alike are one row naming the group (or 全市).
 */
export function changesOf(
  document: RulesetVersion,
  values: ParameterValues | null | undefined,
  base: RulesetVersion | undefined,
  baseValues: ParameterValues | null | undefined,
): ChangeRow[] {
  if (!base) return [];
  const rows: ChangeRow[] = [];
  for (const section of parametersByScheme(document)) {
    for (const parameter of section.parameters) {
      if (!parameter.byJurisdiction) {
        const target = { kind: 'city' } as const;
        const cell = cellView(document, parameter, target, values, base, baseValues);
        if (cell.changed) rows.push(rowOf(document, base, section.id, parameter, target, cell));
        continue;
      }
      const cells = document.jurisdictions.map((j) =>
        cellView(document, parameter, { kind: 'jurisdiction', code: j.code }, values, base, baseValues),
      );
      const changed = cells.filter((c) => c.changed);
      if (changed.length === 0) continue;
      const alike = (list: CellView[]) =>
        list.every((c) => c.changed && c.baseValue === list[0]?.baseValue && c.value === list[0]?.value);
      const first = cells[0];
      if (first && alike(cells) && cells.every((c) => c.level === 'city')) {
        rows.push(rowOf(document, base, section.id, parameter, { kind: 'city' }, first));
        continue;
      }
      const done = new Set<CellView>();
      for (const group of document.jurisdictionGroups) {
        const members = cells.filter((c) => c.level === 'group' && c.groupId === group.id);
        const lead = members[0];
        if (lead && members.length > 1 && alike(members)) {
          rows.push(rowOf(document, base, section.id, parameter, { kind: 'group', id: group.id }, lead));
          members.forEach((m) => done.add(m));
        }
      }
      for (const cell of changed)
        if (!done.has(cell)) rows.push(rowOf(document, base, section.id, parameter, cell.target, cell));
    }
  }
  return rows;
}
