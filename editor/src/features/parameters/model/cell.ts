import type { ParameterT, ParameterValueT, RulesetVersion } from '@engine/schema/ruleset.schema';
import { deltaOf, sameFigure, type Delta } from './figures';
import { sourceMissing } from './edit';
import { applicableAt, entryAt, valueAt, type CellTarget, type Level, type ParameterValues } from './resolve';

/** Everything the grid shows in one cell, worked out from the working copy and the base version. */
export interface CellView {
  target: CellTarget;
  /** The figure (decimal string) in force here; undefined when none applies or it is not computed yet. */
  value: string | undefined;
  /** The entry in force here, if any. */
  entry: ParameterValueT | undefined;
  /** Written for this place itself ('own'), inherited from a group, or from the value for everywhere. */
  level: Level | undefined;
  groupId: string | undefined;
  formula: string | undefined;
  /** The figure in the base version here (undefined: none, or no base version). */
  baseValue: string | undefined;
  delta: Delta | null;
  /** True when the figure differs from the base version's. */
  changed: boolean;
  /** True when the base version has no figure here (新增). */
  added: boolean;
  /** True when the entry written here is a changed figure without its source. */
  missingSource: boolean;
}

/** Works out one cell (see {@link CellView}); `base`/`baseValues` are the base version's. */
export function cellView(
  document: RulesetVersion,
  parameter: ParameterT,
  target: CellTarget,
  values: ParameterValues | null | undefined,
  base: RulesetVersion | undefined,
  baseValues: ParameterValues | null | undefined,
): CellView {
  const applicable = applicableAt(document, parameter, target);
  const value = valueAt(document, parameter, target, values);
  const baseParameter = base?.parameters.find((p) => p.key === parameter.key);
  const baseValue = base && baseParameter ? valueAt(base, baseParameter, target, baseValues) : undefined;
  const hasBaseFigure = !!base && !!baseParameter && !!applicableAt(base, baseParameter, target);
  const added = !!base && !hasBaseFigure && !!applicable;
  const changed = added || (baseValue !== undefined && value !== undefined && !sameFigure(baseValue, value));
  const own = applicable?.level === 'own' || target.kind === 'city';
  const written = entryAt(parameter, target)?.entry;
  const baseWritten = baseParameter ? entryAt(baseParameter, target)?.entry : undefined;
  return {
    target,
    value,
    entry: applicable?.entry,
    level: applicable?.level,
    groupId: applicable?.groupId,
    formula: applicable?.entry.formula,
    baseValue,
    delta: changed && !added ? deltaOf(baseValue, value, parameter.unit) : null,
    changed,
    added,
    missingSource: own && !!written && sourceMissing(document, written, base ? baseWritten : undefined),
  };
}
