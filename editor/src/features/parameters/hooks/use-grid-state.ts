import { useCallback, useMemo, useRef, useState } from 'react';
import { useDraftStore } from '@/stores/draft-store';
import { cellView } from '../model/cell';
import { entryAt, cellId } from '../model/resolve';
import { PENDING_SOURCE, sameSource, sourceComplete, sourceMissing, writeCells } from '../model/edit';
import { sameFigure } from '../model/figures';
import type { CellRef, GridContextValue } from './grid-context';
import type { GridData } from './use-grid-data';

/**
 * The grid's own state and actions: the selected cells, the cell being typed into, and the cells
 * waiting for a source. Typed figures go straight into the draft's working copy.
 */
export function useGridState(
  rulesetKey: string,
  version: string,
  data: GridData,
): {
  context: GridContextValue | null;
  selectedCells: CellRef[];
  clearSelection: () => void;
  sourceCells: CellRef[];
  closeSource: () => void;
} {
  const [selected, setSelected] = useState<Map<string, CellRef>>(new Map());
  const [editing, setEditing] = useState<string | null>(null);
  const [sourceCells, setSourceCells] = useState<CellRef[]>([]);
  const anchor = useRef<string | null>(null);
  const { document, base, values, baseValues, findings, editable } = data;

  const select = useCallback((cells: readonly CellRef[], on?: boolean) => {
    setSelected((current) => {
      const next = new Map(current);
      for (const cell of cells) {
        const id = cellId(cell.key, cell.target);
        const wanted = on ?? !next.has(id);
        if (wanted) next.set(id, cell);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  const pick = useCallback(
    (cell: CellRef, row: readonly CellRef[], mode: 'toggle' | 'range') => {
      const id = cellId(cell.key, cell.target);
      const ids = row.map((c) => cellId(c.key, c.target));
      const from = anchor.current ? ids.indexOf(anchor.current) : -1;
      if (mode === 'range' && from >= 0) {
        const to = ids.indexOf(id);
        select(row.slice(Math.min(from, to), Math.max(from, to) + 1), true);
      } else select([cell]);
      anchor.current = id;
    },
    [select],
  );

  const commit = useCallback(
    (cell: CellRef, value: string) => {
      setEditing(null);
      if (!document) return;
      const parameter = document.parameters.find((p) => p.key === cell.key);
      if (!parameter) return;
      const current = cellView(document, parameter, cell.target, values, base, baseValues).value;
      if (sameFigure(current, value)) return;
      const baseParameter = base?.parameters.find((p) => p.key === cell.key);
      const baseEntry = baseParameter ? entryAt(baseParameter, cell.target)?.entry : undefined;
      // A figure typed again keeps the source this draft already gave it (a notice cited a minute
      // ago stays cited); only a figure without one of its own waits for a source.
      const before = entryAt(parameter, cell.target)?.entry;
      const keptSource =
        before &&
        sourceComplete(document, before.source) &&
        !(baseEntry && sameSource(before.source, baseEntry.source))
          ? before.source
          : PENDING_SOURCE;
      const next = writeCells(document, [{ ...cell, value }], keptSource, base);
      useDraftStore.getState().edit(rulesetKey, version, () => next);
      const written = next.parameters.find((p) => p.key === cell.key);
      const entry = written ? entryAt(written, cell.target)?.entry : undefined;
      if (entry && sourceMissing(next, entry, baseEntry)) setSourceCells([cell]);
    },
    [document, values, base, baseValues, rulesetKey, version],
  );

  const context = useMemo<GridContextValue | null>(
    () =>
      document
        ? {
            document,
            base,
            values,
            baseValues,
            findings,
            editable,
            selected: new Set(selected.keys()),
            select,
            pick,
            editing,
            setEditing,
            commit,
            askSource: (cells) => setSourceCells([...cells]),
          }
        : null,
    [document, base, values, baseValues, findings, editable, selected, select, pick, editing, commit],
  );

  return {
    context,
    selectedCells: [...selected.values()],
    clearSelection: () => setSelected(new Map()),
    sourceCells,
    closeSource: () => setSourceCells([]),
  };
}
