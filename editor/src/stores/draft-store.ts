import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { ApiProblem, apiCall, rulesetPath } from '@/lib/api-client';
import {
  changedFigures,
  jsonEqual,
  mergeJson,
  valueAt,
  withValueAt,
  type FigureChange,
  type MergeConflict,
} from '@/lib/json-merge';

/**
 * One draft being edited in this browser: what the server held when the edit started (`base`, with
 * its ETag) and the official's `working` copy. Kept in localStorage, so unsaved edits survive a
 * reload, a crash and an expired session.
 */
export interface DraftEdit {
  key: string;
  version: string;
  base: RulesetVersion;
  etag: string;
  working: RulesetVersion;
  /** When another official saved first: the figures both changed, awaiting a choice. */
  conflict: {
    conflicts: MergeConflict[];
    /** What the other official changed that this one did not touch: taken as they saved it. */
    theirsOnly: FigureChange[];
    theirs: RulesetVersion;
    theirsEtag: string;
    merged: RulesetVersion;
  } | null;
  updatedAt: number;
}

/** What a save came to. */
export type SaveOutcome =
  | { kind: 'saved'; etag: string }
  | { kind: 'unchanged' }
  | { kind: 'merged'; etag: string; theirsOnly: FigureChange[] }
  | { kind: 'conflict'; conflicts: MergeConflict[] };

const draftId = (key: string, version: string): string => `${key}@${version}`;

interface DraftStoreState {
  drafts: Record<string, DraftEdit>;
  /**
   * Starts or resumes editing a draft read from the server. Unsaved edits made on top of the same
   * server content are kept; edits made on top of older content are merged into the new content,
   * and figures changed on both sides become a conflict to resolve.
   */
  open: (key: string, version: string, content: RulesetVersion, etag: string) => void;
  /** Applies `recipe` to the working copy (the recipe returns the new document; never mutate). */
  edit: (key: string, version: string, recipe: (document: RulesetVersion) => RulesetVersion) => void;
  /** Sets one figure of the working copy by JSON pointer. */
  setValue: (key: string, version: string, pointer: string, value: unknown) => void;
  /** Forgets this browser's unsaved edits of the draft. */
  discard: (key: string, version: string) => void;
  /** Saves with If-Match; a 412 merges with what the other official saved (see SaveOutcome). */
  save: (key: string, version: string) => Promise<SaveOutcome>;
  /** Settles a conflict: for each conflicting pointer, keep this official's value or the other's. */
  resolve: (key: string, version: string, choices: Record<string, 'mine' | 'theirs'>) => void;
  /** After an action that changed the server content (accepting tests): start again from it. */
  replaceBase: (key: string, version: string, content: RulesetVersion, etag: string) => void;
}

export const useDraftStore = create<DraftStoreState>()(
  persist(
    (set, get) => {
      const update = (key: string, version: string, change: (draft: DraftEdit) => DraftEdit | null): void => {
        set((state) => {
          const id = draftId(key, version);
          const current = state.drafts[id];
          if (!current) return state;
          const next = change(current);
          const drafts = { ...state.drafts };
          if (next) drafts[id] = next;
          else delete drafts[id];
          return { drafts };
        });
      };

      const mergeWithServer = (draft: DraftEdit, theirs: RulesetVersion, theirsEtag: string): DraftEdit => {
        const result = mergeJson(draft.base, draft.working, theirs);
        const theirsOnlyOf = () => {
          const conflicting = result.conflicts.map((c) => c.path);
          return changedFigures(draft.base, theirs).filter(
            (c) => !conflicting.some((p) => c.path === p || c.path.startsWith(`${p}/`)),
          );
        };
        const merged = result.merged as RulesetVersion;
        if (result.conflicts.length === 0)
          return {
            ...draft,
            base: theirs,
            etag: theirsEtag,
            working: merged,
            conflict: null,
            updatedAt: Date.now(),
          };
        return {
          ...draft,
          conflict: { conflicts: result.conflicts, theirsOnly: theirsOnlyOf(), theirs, theirsEtag, merged },
          updatedAt: Date.now(),
        };
      };

      /** Reads what the other official saved, merges this official's edits into it, saves again. */
      const mergeThenSave = async (
        key: string,
        version: string,
        draft: DraftEdit,
        path: string,
      ): Promise<SaveOutcome> => {
        const latest = await apiCall<RulesetVersion>(path);
        const theirsEtag = latest.etag ?? '';
        const current = get().drafts[draftId(key, version)] ?? draft;
        const theirsOnly = changedFigures(current.base, latest.data);
        const merged = mergeWithServer(current, latest.data, theirsEtag);
        update(key, version, () => merged);
        if (merged.conflict) return { kind: 'conflict', conflicts: merged.conflict.conflicts };
        const retried = await get().save(key, version);
        if (retried.kind === 'saved') return { kind: 'merged', etag: retried.etag, theirsOnly };
        return retried;
      };

      return {
        drafts: {},
        open: (key, version, content, etag) =>
          set((state) => {
            const id = draftId(key, version);
            const current = state.drafts[id];
            let next: DraftEdit;
            if (!current || jsonEqual(current.working, current.base))
              next = {
                key,
                version,
                base: content,
                etag,
                working: content,
                conflict: null,
                updatedAt: Date.now(),
              };
            else if (current.etag === etag) return state;
            else next = mergeWithServer(current, content, etag);
            return { drafts: { ...state.drafts, [id]: next } };
          }),
        edit: (key, version, recipe) =>
          update(key, version, (draft) => ({
            ...draft,
            working: recipe(draft.working),
            updatedAt: Date.now(),
          })),
        setValue: (key, version, pointer, value) =>
          update(key, version, (draft) => ({
            ...draft,
            working: withValueAt(draft.working, pointer, value),
            updatedAt: Date.now(),
          })),
        discard: (key, version) =>
          update(key, version, (draft) => ({
            ...draft,
            working: draft.base,
            conflict: null,
            updatedAt: Date.now(),
          })),
        replaceBase: (key, version, content, etag) =>
          update(key, version, (draft) => ({
            ...draft,
            base: content,
            etag,
            working: content,
            conflict: null,
            updatedAt: Date.now(),
          })),
        resolve: (key, version, choices) =>
          update(key, version, (draft) => {
            if (!draft.conflict) return draft;
            let working = draft.conflict.merged;
            for (const c of draft.conflict.conflicts)
              if ((choices[c.path] ?? 'mine') === 'mine') working = withValueAt(working, c.path, c.mine);
            return {
              ...draft,
              base: draft.conflict.theirs,
              etag: draft.conflict.theirsEtag,
              working,
              conflict: null,
              updatedAt: Date.now(),
            };
          }),
        save: async (key, version) => {
          const draft = get().drafts[draftId(key, version)];
          if (!draft) return { kind: 'unchanged' };
          if (draft.conflict) return { kind: 'conflict', conflicts: draft.conflict.conflicts };
          if (jsonEqual(draft.working, draft.base)) return { kind: 'unchanged' };
          const path = rulesetPath(key, 'versions', version);
          // Another official's save is noticed before ours is sent (a HEAD costs no body), so the
          // usual conflict never shows the browser a refused request; If-Match still guards the PUT.
          const head = await apiCall<null>(path, { method: 'HEAD' }).catch(() => null);
          if (head?.etag && head.etag !== draft.etag) return mergeThenSave(key, version, draft, path);
          try {
            const answer = await apiCall<{ contentHash: string }>(path, {
              method: 'PUT',
              body: draft.working,
              ifMatch: draft.etag,
            });
            const etag = answer.etag ?? `"${answer.data.contentHash}"`;
            const saved = draft.working;
            update(key, version, (current) => ({
              ...current,
              base: saved,
              etag,
              // Edits typed while the save was on its way stay in the working copy.
              working: current.working,
              updatedAt: Date.now(),
            }));
            return { kind: 'saved', etag };
          } catch (error) {
            if (!(error instanceof ApiProblem) || error.status !== 412) throw error;
            return mergeThenSave(key, version, draft, path);
          }
        },
      };
    },
    {
      name: 'rules-editor.drafts',
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ drafts: state.drafts }),
    },
  ),
);

/** The draft edit of `key`/`version` in this browser, if any. */
export const useDraftEdit = (key: string, version: string): DraftEdit | undefined =>
  useDraftStore((state) => state.drafts[draftId(key, version)]);

/** True when the working copy differs from what the server holds. */
export const isDirty = (draft: DraftEdit | undefined): boolean =>
  !!draft && !jsonEqual(draft.working, draft.base);

/** The base (server) value and the working value of one figure. */
export function figureOf(draft: DraftEdit, pointer: string): { base: unknown; working: unknown } {
  return { base: valueAt(draft.base, pointer), working: valueAt(draft.working, pointer) };
}
