import type { NameKind } from './glossary';

/** How the words of a sentence are looked up (an i18next `t` of the `rules` namespace). */
export type Words = (key: string, options?: Record<string, unknown>) => string;

/** A literal of a rule condition the official may change in a draft, and how. */
export type ValueControl = 'boolean' | 'number' | 'enum' | 'text' | 'list';

/** One piece of a readable sentence. */
export type Part =
  | { type: 'text'; text: string }
  /** A name of the document, shown by its label. */
  | { type: 'name'; name: string; kind: NameKind | 'unknown'; text: string }
  /** A literal value of a rule condition, at `pointer` in the document. */
  | {
      type: 'value';
      pointer: string;
      value: unknown;
      control: ValueControl;
      text: string;
      /** For enum and boolean values: what may be chosen. */
      options?: { value: string | boolean; label: string }[];
      /** The unit word shown after a number (`人`, `元`), when the fact declares one. */
      unitWord?: string;
      /** The label of the fact the value is compared with (for the control's accessible name). */
      subject: string;
    };

/** Plain text of a sentence (what a reader sees, without controls). */
export function partsText(parts: readonly Part[]): string {
  return parts.map((p) => (p.type === 'value' && p.unitWord ? `${p.text} ${p.unitWord}` : p.text)).join('');
}

export const text = (value: string): Part => ({ type: 'text', text: value });

const SLOT = '\u0000';

/**
 * Fills a translated sentence whose `{{slot}}` placeholders stand for pieces (names, values,
 * sub-sentences): the template comes from the locales, the pieces from the document.
 */
export function fillTemplate(words: Words, key: string, slots: Record<string, Part[]>): Part[] {
  const markers = Object.fromEntries(Object.keys(slots).map((name) => [name, `${SLOT}${name}${SLOT}`]));
  const filled = words(key, markers);
  const out: Part[] = [];
  filled.split(SLOT).forEach((piece, i) => {
    if (i % 2 === 1) out.push(...(slots[piece] ?? []));
    else if (piece) out.push(text(piece));
  });
  return mergeText(out);
}

/** Joins neighbouring text parts. */
export function mergeText(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (part.type === 'text' && last?.type === 'text') out[out.length - 1] = text(last.text + part.text);
    else if (part.type !== 'text' || part.text !== '') out.push(part);
  }
  return out;
}
