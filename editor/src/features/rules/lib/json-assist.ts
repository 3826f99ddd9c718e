import type { JsonAssist, JsonAssistItem } from '@/lib/monaco';
import { assistTarget, completionItems, hoverAt, type AssistKind } from './assist';
import type { Glossary, Language } from './glossary';
import type { Words } from './parts';

const KINDS: Record<AssistKind, JsonAssistItem['kind']> = {
  fact: 'variable',
  derived: 'variable',
  parameter: 'constant',
  outcome: 'event',
  function: 'function',
  operator: 'operator',
  jurisdiction: 'module',
  group: 'module',
};

/** The completion and hover help of a ruleset document for the JSON editor, in `language`. */
export function jsonAssistFor(glossary: Glossary, language: Language, words: Words): JsonAssist {
  return {
    completions(text, offset) {
      const target = assistTarget(text, offset);
      if (!target) return null;
      const items = completionItems(glossary, target, language, words).map((item) => ({
        ...item,
        kind: KINDS[item.kind],
      }));
      return { start: target.start, end: target.end, items };
    },
    hover: (text, offset) => hoverAt(glossary, text, offset, language, words),
  };
}
