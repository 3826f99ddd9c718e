import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { createContext, useContext } from 'react';
import type { PlacedFinding } from '../model/constraints';
import type { CellTarget, ParameterValues } from '../model/resolve';

/** One cell of the grid by parameter key and place. */
export interface CellRef {
  key: string;
  target: CellTarget;
}

/** What every cell of the grid reads and the actions it may take. */
export interface GridContextValue {
  document: RulesetVersion;
  base: RulesetVersion | undefined;
  values: ParameterValues | null | undefined;
  baseValues: ParameterValues | null | undefined;
  findings: PlacedFinding[];
  editable: boolean;
  /** Ids (see cellId) of the selected cells. */
  selected: ReadonlySet<string>;
  /** Selects (`on` true), deselects or toggles (`on` undefined) cells. */
  select: (cells: readonly CellRef[], on?: boolean) => void;
  /** Ctrl/⌘-click toggles one cell; shift-click selects the cells of `row` from the last one picked. */
  pick: (cell: CellRef, row: readonly CellRef[], mode: 'toggle' | 'range') => void;
  /** The cell being typed into, by id. */
  editing: string | null;
  setEditing: (id: string | null) => void;
  /** Writes a typed figure (already checked) into the working copy, then asks for its source. */
  commit: (cell: CellRef, value: string) => void;
  /** Asks for the source of figures typed earlier. */
  askSource: (cells: readonly CellRef[]) => void;
}

export const GridContext = createContext<GridContextValue | null>(null);

/** The grid's context (only inside the parameters grid). */
export function useGrid(): GridContextValue {
  const value = useContext(GridContext);
  if (!value) throw new Error('useGrid outside the parameters grid');
  return value;
}
