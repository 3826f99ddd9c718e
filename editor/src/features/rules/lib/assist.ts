import { EXPRESSION_FUNCTIONS } from '@engine/expression/functions';
import { UNIT_WORDS } from '@engine/messages';
import { RULE_OPERATORS } from '@engine/model/operators';
import { getLocation } from 'jsonc-parser';
import { lookupName, pick, type Glossary, type Language, type NameEntry } from './glossary';
import type { Words } from './parts';

/** What a string of the document names, by the property that holds it. */
export type AssistField = 'fact' | 'operator' | 'expression' | 'outcome' | 'jurisdiction';

/** The string under the cursor that completion or hover can help with. */
export interface AssistTarget {
  field: AssistField;
  /** 0-based offsets of the text a completion replaces (the name being typed). */
  start: number;
  end: number;
  /** That text. */
  word: string;
  /** In a household or member rule: the scope of its names. */
  scope?: 'household' | 'member';
}

export type AssistKind = NameEntry['kind'] | 'function' | 'operator' | 'jurisdiction' | 'group';

/** One completion: what is inserted, and the label and documentation the official reads. */
export interface AssistItem {
  label: string;
  kind: AssistKind;
  insertText: string;
  /** The name's label in the official's language, and what it is. */
  detail: string;
  /** Markdown: description, unit, basis, values. */
  documentation: string;
}

const FIELDS: Record<string, AssistField> = {
  fact: 'fact',
  operator: 'operator',
  formula: 'expression',
  amount: 'expression',
  assert: 'expression',
  when: 'outcome',
  for: 'jurisdiction',
};
const NAME_CHAR = /[A-Za-z0-9_.]/;

/**
 * The field whose string value holds `offset` in the JSON `text`, when it is one that names
 * something: `fact`, `operator`, `formula` / `amount` / `assert` (expressions), `when` and
 * `event.type` (outcomes), `for` (jurisdiction codes and groups). Null elsewhere.
 */
export function assistTarget(text: string, offset: number): AssistTarget | null {
  const location = getLocation(text, offset);
  const node = location.previousNode;
  if (location.isAtPropertyKey || !node || node.type !== 'string') return null;
  if (offset <= node.offset || offset > node.offset + node.length - 1) return null;
  const path = location.path;
  const key = path[path.length - 1];
  const field: AssistField | undefined =
    key === 'type' && path[path.length - 2] === 'event'
      ? 'outcome'
      : typeof key === 'string'
        ? FIELDS[key]
        : undefined;
  if (!field) return null;
  const scope =
    path[0] === 'rules' && (path[1] === 'household' || path[1] === 'member') ? path[1] : undefined;
  const contentStart = node.offset + 1;
  const contentEnd = node.offset + node.length - 1;
  let start = contentStart;
  let end = contentEnd;
  if (field === 'expression') {
    start = offset;
    while (start > contentStart && NAME_CHAR.test(text[start - 1] as string)) start -= 1;
    end = offset;
    while (end < contentEnd && NAME_CHAR.test(text[end] as string)) end += 1;
  }
  return { field, start, end, word: text.slice(start, end), ...(scope ? { scope } : {}) };
}

/**
 * `text` from the document, made inert for Monaco's Markdown: every character Markdown gives a
 * meaning (links, images, emphasis, code, HTML, bare addresses) is escaped, so a label such as
 * `[here](http://…)` shows as typed and never becomes a link or an image.
 */
export function markdownText(text: string): string {
  // Every ASCII punctuation character may be escaped in Markdown; escaping `:` too keeps a bare
  // `http://…` from becoming an automatic link.
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function entryDocumentation(entry: NameEntry, language: Language, words: Words): string {
  const lines: string[] = [];
  if (entry.description) lines.push(markdownText(pick(entry.description, language)));
  const unit = entry.unit ? UNIT_WORDS[entry.unit]?.[language] || entry.unit : undefined;
  if (unit) lines.push(words('assist.unit', { unit: markdownText(unit) }));
  if (entry.values)
    lines.push(
      words('assist.values', {
        values: entry.values
          .map((v) => markdownText(`${v}(${pick(entry.valueLabels?.[v], language) || v})`))
          .join('、'),
      }),
    );
  if (entry.basis) lines.push(words('assist.basis', { basis: markdownText(entry.basis) }));
  return lines.join('\n\n');
}

function nameItem(entry: NameEntry, insertText: string, language: Language, words: Words): AssistItem {
  return {
    label: insertText,
    kind: entry.kind,
    insertText,
    detail: `${pick(entry.label, language)} · ${words(`assist.kind.${entry.kind}`)}`,
    documentation: entryDocumentation(entry, language, words),
  };
}

/** The names a rule of `scope` may read (member rules also read household names as `household.x`). */
function namesFor(glossary: Glossary, scope: AssistTarget['scope'], language: Language, words: Words) {
  const items: AssistItem[] = [];
  for (const entry of glossary.names.values()) {
    if (!scope || !entry.scope || entry.scope === scope)
      items.push(nameItem(entry, entry.name, language, words));
    if (scope === 'member' && entry.scope === 'household')
      items.push(nameItem(entry, `household.${entry.name}`, language, words));
  }
  return items;
}

/** The completions for `target` in a document described by `glossary`. */
export function completionItems(
  glossary: Glossary,
  target: AssistTarget,
  language: Language,
  words: Words,
): AssistItem[] {
  switch (target.field) {
    case 'fact':
      return namesFor(glossary, target.scope, language, words);
    case 'expression':
      return [
        ...namesFor(glossary, undefined, language, words),
        ...[...EXPRESSION_FUNCTIONS.values()].map((f) => ({
          label: f.name,
          kind: 'function' as const,
          insertText: f.name,
          detail: `${f.signature} · ${words('assist.kind.function')}`,
          documentation: f.doc[language],
        })),
      ];
    case 'operator':
      return [...RULE_OPERATORS.values()].map((o) => ({
        label: o.name,
        kind: 'operator' as const,
        insertText: o.name,
        detail: `${o.symbol} · ${o.doc[language]}`,
        documentation: o.doc[language],
      }));
    case 'outcome':
      return [...glossary.names.values()]
        .filter((e) => e.kind === 'outcome')
        .map((e) => nameItem(e, e.name, language, words));
    case 'jurisdiction':
      return [
        ...[...glossary.jurisdictions].map(([code, name]) => ({
          label: code,
          kind: 'jurisdiction' as const,
          insertText: code,
          detail: `${pick(name, language)} · ${words('assist.kind.jurisdiction')}`,
          documentation: '',
        })),
        ...[...glossary.groups].map(([id, name]) => ({
          label: id,
          kind: 'group' as const,
          insertText: id,
          detail: `${pick(name, language)} · ${words('assist.kind.group')}`,
          documentation: '',
        })),
      ];
  }
}

/** Hover documentation: the name under the cursor (0-based offsets) and Markdown about it. */
export interface AssistHover {
  start: number;
  end: number;
  markdown: string;
}

/** Documentation for the name at `offset`: a fact, parameter, outcome, function, operator or place. */
export function hoverAt(
  glossary: Glossary,
  text: string,
  offset: number,
  language: Language,
  words: Words,
): AssistHover | null {
  const target = assistTarget(text, offset);
  if (!target || target.word === '') return null;
  const name = target.word;
  const heading = (label: string, kind: AssistKind) =>
    `**${markdownText(label)}** · ${words(`assist.kind.${kind}`)}\n\n${markdownText(name)}`;
  let markdown: string | null = null;
  const entry = target.field === 'operator' ? undefined : lookupName(glossary, name);
  const fn = target.field === 'expression' ? EXPRESSION_FUNCTIONS.get(name) : undefined;
  const operator = target.field === 'operator' ? RULE_OPERATORS.get(name) : undefined;
  if (fn) markdown = `${heading(fn.signature, 'function')}\n\n${fn.doc[language]}`;
  else if (operator) markdown = `${heading(operator.symbol, 'operator')}\n\n${operator.doc[language]}`;
  else if (entry) {
    const doc = entryDocumentation(entry, language, words);
    markdown = `${heading(pick(entry.label, language), entry.kind)}${doc ? `\n\n${doc}` : ''}`;
  } else if (glossary.jurisdictions.has(name))
    markdown = heading(pick(glossary.jurisdictions.get(name), language), 'jurisdiction');
  else if (glossary.groups.has(name)) markdown = heading(pick(glossary.groups.get(name), language), 'group');
  return markdown === null ? null : { start: target.start, end: target.end, markdown };
}
