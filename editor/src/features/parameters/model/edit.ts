import type { ParameterT, ParameterValueT, RulesetVersion } from '@engine/schema/ruleset.schema';
import { entryAt, forOf, type CellTarget } from './resolve';
import { sameFigure } from './figures';

/** Where a figure comes from, as written in a value entry. */
export type Source = ParameterValueT['source'];

/** A published notice to add to `metadata.sources`. */
export interface NewNotice {
  number: string;
  date?: string;
  title: string;
}

/** What the official gave as the source of an edit. */
export type SourceChoice =
  | { type: 'published'; document: string; note?: string }
  | { type: 'published'; notice: NewNotice; note?: string }
  | { type: 'illustrative'; note: string };

/** The placeholder source of a figure typed before its source is given (shown as 缺少来源). */
export const PENDING_SOURCE: Source = { type: 'illustrative' };

/** The note a figure awaiting its source carries in the live check only (never shown or saved). */
export const STAND_IN_NOTE = 'pending';

const awaitingSource = (source: Source): boolean =>
  source.type === 'illustrative' && !source.document && !source.note?.trim();

/**
 * The document as the live check should see it: figures typed before their source was given carry
 * {@link PENDING_SOURCE}, which does not compile (an illustrative figure needs a note), and a
 * document that does not compile gets neither constraint findings nor computed values. Here they
 * carry a stand-in note instead; the grid itself marks them 缺少来源. Answers `document` itself
 * when no figure awaits its source.
 */
export function withStandInSources(document: RulesetVersion): RulesetVersion {
  if (!document.parameters.some((p) => p.values.some((v) => awaitingSource(v.source)))) return document;
  return {
    ...document,
    parameters: document.parameters.map((p) =>
      p.values.some((v) => awaitingSource(v.source))
        ? {
            ...p,
            values: p.values.map((v) =>
              awaitingSource(v.source) ? { ...v, source: { type: 'illustrative', note: STAND_IN_NOTE } } : v,
            ),
          }
        : p,
    ),
  };
}

/** A source id for a new notice that no source of the document uses yet. */
export function newSourceId(document: RulesetVersion, notice: NewNotice): string {
  const stem = `notice-${notice.date ?? 'undated'}`;
  const taken = new Set(document.metadata.sources.map((s) => s.id));
  let n = 1;
  while (taken.has(`${stem}-${n}`)) n += 1;
  return `${stem}-${n}`;
}

/**
 * Applies a source choice: a new notice is appended to `metadata.sources` (with a new id). Answers
 * the document (new when a notice was added) and the source to write into value entries.
 */
export function withSource(
  document: RulesetVersion,
  choice: SourceChoice,
): { document: RulesetVersion; source: Source } {
  const note = choice.note?.trim() ? choice.note.trim() : undefined;
  if (choice.type === 'illustrative') return { document, source: { type: 'illustrative', note } };
  if ('document' in choice)
    return { document, source: { type: 'published', document: choice.document, note } };
  const id = newSourceId(document, choice.notice);
  const added = {
    id,
    number: choice.notice.number.trim(),
    title: choice.notice.title.trim(),
    ...(choice.notice.date ? { date: choice.notice.date } : {}),
  };
  return {
    document: {
      ...document,
      metadata: { ...document.metadata, sources: [...document.metadata.sources, added] },
    },
    source: { type: 'published', document: id, note },
  };
}

const replaceParameter = (
  document: RulesetVersion,
  key: string,
  change: (parameter: ParameterT) => ParameterT,
): RulesetVersion => ({
  ...document,
  parameters: document.parameters.map((p) => (p.key === key ? change(p) : p)),
});

/** One figure to write: a parameter key, where, the new value. */
export interface CellWrite {
  key: string;
  target: CellTarget;
  value: string;
}

/**
 * Writes figures as literal values at their targets: the entry written there is replaced (a
 * formula becomes a literal value), or a new entry is added (an override of the inherited value).
 * Each written entry takes `source`. A figure set back to what the base version wrote there takes
 * the base entry again, with its source.
 */
export function writeCells(
  document: RulesetVersion,
  writes: readonly CellWrite[],
  source: Source,
  base?: RulesetVersion,
): RulesetVersion {
  let next = document;
  for (const write of writes) {
    const baseParameter = base?.parameters.find((p) => p.key === write.key);
    const baseEntry = baseParameter ? entryAt(baseParameter, write.target)?.entry : undefined;
    const restored = baseEntry?.value !== undefined && sameFigure(baseEntry.value, write.value);
    const entry: ParameterValueT = restored
      ? baseEntry
      : {
          ...(forOf(write.target) !== undefined ? { for: forOf(write.target) } : {}),
          value: write.value,
          source,
        };
    next = replaceParameter(next, write.key, (parameter) => {
      const at = entryAt(parameter, write.target);
      const values = [...parameter.values];
      if (at) values[at.index] = entry;
      else values.push(entry);
      return { ...parameter, values };
    });
  }
  return next;
}

/** Gives existing entries a source (for figures typed earlier whose source was missing). */
export function setSources(
  document: RulesetVersion,
  cells: readonly { key: string; target: CellTarget }[],
  source: Source,
): RulesetVersion {
  let next = document;
  for (const cell of cells)
    next = replaceParameter(next, cell.key, (parameter) => {
      const at = entryAt(parameter, cell.target);
      if (!at) return parameter;
      const values = [...parameter.values];
      values[at.index] = { ...at.entry, source };
      return { ...parameter, values };
    });
  return next;
}

/** Removes the entry written at `target` (the cell inherits again). */
export function removeOverride(document: RulesetVersion, key: string, target: CellTarget): RulesetVersion {
  return replaceParameter(document, key, (parameter) => {
    const at = entryAt(parameter, target);
    if (!at || parameter.values.length <= 1) return parameter;
    return { ...parameter, values: parameter.values.filter((_, i) => i !== at.index) };
  });
}

/** True when a source says where the figure comes from: a known notice, or 示例值 with a note. */
export function sourceComplete(document: RulesetVersion, source: Source | undefined): boolean {
  if (!source) return false;
  if (source.type === 'published')
    return !!source.document && document.metadata.sources.some((s) => s.id === source.document);
  return !!source.note?.trim();
}

/** True when two sources say the same (same kind, notice and note). */
export const sameSource = (a: Source, b: Source): boolean =>
  a.type === b.type && (a.document ?? '') === (b.document ?? '') && (a.note ?? '') === (b.note ?? '');

/**
 * True when a changed figure lacks its source: an entry new or different from the base version's
 * entry at the same place whose source is incomplete or still the base entry's source. Unchanged
 * entries never lack one here (they keep the base version's source).
 */
export function sourceMissing(
  document: RulesetVersion,
  entry: ParameterValueT,
  baseEntry: ParameterValueT | undefined,
): boolean {
  const changed =
    !baseEntry ||
    !sameFigure(entry.value, baseEntry.value) ||
    (entry.formula ?? '') !== (baseEntry.formula ?? '');
  if (!changed) return false;
  return (
    !sourceComplete(document, entry.source) || (!!baseEntry && sameSource(entry.source, baseEntry.source))
  );
}
