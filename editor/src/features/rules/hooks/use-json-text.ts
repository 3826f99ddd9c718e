import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { jsonEqual } from '@/lib/json-merge';
import { useDraftStore } from '@/stores/draft-store';
import { documentText, parseJsonText, textFingerprint, type JsonParseProblem } from '../lib/json-text';

/** How long typing must pause before a text that parses becomes the draft's working copy. */
export const DRAFT_DELAY_MS = 500;

const storageKey = (key: string, version: string): string => `rules-editor.json-text:${key}@${version}`;

function readStored(key: string, version: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(key, version));
  } catch {
    return null;
  }
}

function writeStored(key: string, version: string, text: string | null): void {
  try {
    if (text === null) sessionStorage.removeItem(storageKey(key, version));
    else sessionStorage.setItem(storageKey(key, version), text);
  } catch {
    // A browser that refuses storage keeps the text in this page only.
  }
}

interface LocalText {
  text: string;
  /** The document the text was last compared with. */
  document: RulesetVersion;
  /** Typed text that parses and waits to become the working copy. */
  pending: boolean;
  /** Counts the times the text was replaced from outside (not typed here). */
  revision: number;
}

export interface JsonText {
  text: string;
  /** Changes when the text was replaced from outside: the editor then shows `text` anew. */
  revision: string;
  /** The parsed text, or the first reason it does not parse. */
  parsed: ReturnType<typeof parseJsonText>;
  parseProblem: JsonParseProblem | null;
  onChange: (text: string) => void;
}

/**
 * The JSON tab's text of a version's document. Read-only: the document as JSON. Editable draft: what
 * the official types. Text that parses becomes the draft's working copy after a pause of
 * {@link DRAFT_DELAY_MS}; text that does not parse stays here and in sessionStorage (a reload keeps
 * it) until it does. A change of the document made elsewhere (discard, a merge) replaces the text
 * only when nothing typed here is waiting. Typed text is never dropped.
 */
export function useJsonText(
  key: string,
  version: string,
  document: RulesetVersion,
  editable: boolean,
): JsonText {
  const [local, setLocal] = useState<LocalText>(() => {
    const stored = editable ? readStored(key, version) : null;
    const parsed = stored === null ? null : parseJsonText(stored);
    return {
      text: stored ?? documentText(document),
      document,
      pending: parsed?.ok === true && !jsonEqual(parsed.value, document),
      revision: 0,
    };
  });
  if (editable && local.document !== document) {
    const parsed = parseJsonText(local.text);
    const keep = local.pending || !parsed.ok || jsonEqual(parsed.value, document);
    setLocal({
      text: keep ? local.text : documentText(document),
      document,
      pending: local.pending,
      revision: keep ? local.revision : local.revision + 1,
    });
  }

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiting = useRef<unknown>(undefined);
  const push = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const value = waiting.current;
    if (value === undefined) return;
    waiting.current = undefined;
    const working = useDraftStore.getState().drafts[`${key}@${version}`]?.working;
    if (!jsonEqual(value, working))
      useDraftStore.getState().edit(key, version, () => value as RulesetVersion);
    writeStored(key, version, null);
    setLocal((current) => ({ ...current, pending: false }));
  }, [key, version]);
  const schedule = useCallback(
    (value: unknown) => {
      waiting.current = value;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(push, DRAFT_DELAY_MS);
    },
    [push],
  );

  // Text restored after a reload that parses goes to the draft; leaving the tab pushes what waits.
  const restored = useRef(local.pending ? local.text : null);
  useEffect(() => {
    if (restored.current !== null) {
      const parsed = parseJsonText(restored.current);
      restored.current = null;
      if (parsed.ok) schedule(parsed.value);
    }
    return push;
  }, [schedule, push]);

  const onChange = useCallback(
    (text: string) => {
      if (!editable) return;
      const parsed = parseJsonText(text);
      writeStored(key, version, text);
      setLocal((current) => ({ ...current, text, pending: parsed.ok }));
      if (parsed.ok) schedule(parsed.value);
      else {
        if (timer.current) clearTimeout(timer.current);
        timer.current = null;
        waiting.current = undefined;
      }
    },
    [editable, key, version, schedule],
  );

  const shown = useMemo(() => documentText(document), [document]);
  const text = editable ? local.text : shown;
  const parsed = useMemo(() => parseJsonText(text), [text]);
  const revision = editable ? `draft:${local.revision}` : `read:${textFingerprint(shown)}`;
  return { text, revision, parsed, parseProblem: parsed.ok ? null : parsed.problem, onChange };
}
