import {
  findNodeAtLocation,
  parse,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';

/** A range of text, 1-based as Monaco counts (lines and columns). */
export interface TextRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** The 1-based line and column of a 0-based offset. */
export function positionAt(text: string, offset: number): { lineNumber: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let lineNumber = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < clamped; i = text.indexOf('\n', i + 1)) {
    lineNumber += 1;
    lineStart = i + 1;
  }
  return { lineNumber, column: clamped - lineStart + 1 };
}

/** The 0-based offset of a 1-based line and column. */
export function offsetAt(text: string, lineNumber: number, column: number): number {
  let offset = 0;
  for (let line = 1; line < lineNumber; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

function rangeOf(text: string, offset: number, length: number): TextRange {
  const start = positionAt(text, offset);
  const end = positionAt(text, offset + length);
  return {
    startLineNumber: start.lineNumber,
    startColumn: start.column,
    endLineNumber: end.lineNumber,
    endColumn: end.column,
  };
}

/** The tokens of a JSON pointer (`/a~1b/0` → `['a/b', 0]`); array indices as numbers. */
export function pointerTokens(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((token) => (/^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : token));
}

/** Where a node reads best: a literal itself; an object or list by its property name. */
function nodeRange(text: string, node: Node): TextRange {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  if ((node.type === 'object' || node.type === 'array') && key) return rangeOf(text, key.offset, key.length);
  if (node.type === 'object' || node.type === 'array') return rangeOf(text, node.offset, 1);
  return rangeOf(text, node.offset, node.length);
}

/**
 * Maps JSON pointers of API problems (`/rules/household/0/conditions/all/2/value`) to the text that
 * holds them: the value, or the property name of an object or list. A pointer to something missing
 * (a required property) maps to the nearest part that exists (`exact: false`). Null only when the
 * text has no JSON value at all. The text is parsed once for all pointers.
 */
export function pointerRanges(
  text: string,
  pointers: readonly string[],
): ((TextRange & { exact: boolean }) | null)[] {
  const root = parseTree(text, [], { allowTrailingComma: true });
  return pointers.map((pointer) => {
    if (!root) return null;
    const tokens = pointerTokens(pointer);
    for (let n = tokens.length; n >= 0; n -= 1) {
      const here = tokens.slice(0, n);
      // An index written as a property name ("0") of an object is found either way.
      const node = findNodeAtLocation(root, here) ?? findNodeAtLocation(root, here.map(String));
      if (node) return { ...nodeRange(text, node), exact: n === tokens.length };
    }
    return null;
  });
}

/** {@link pointerRanges} for one pointer. */
export function pointerToRange(text: string, pointer: string): (TextRange & { exact: boolean }) | null {
  return pointerRanges(text, [pointer])[0] ?? null;
}

/** A short fingerprint of a text (FNV-1a and the length), to tell revisions apart in query keys. */
export function textFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length.toString(36)}-${hash.toString(36)}`;
}

/** The first reason a text is not strict JSON, with its place; null when it is. */
export interface JsonParseProblem {
  /** jsonc-parser's name of the error, e.g. `CommaExpected`. */
  code: string;
  lineNumber: number;
  column: number;
}

/** Parses strict JSON (no comments, no trailing commas): the value, or the first problem. */
export function parseJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: JsonParseProblem } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, problem: { code: 'other', ...positionAt(text, 0) } };
    }
  }
  return {
    ok: false,
    problem: { code: printParseErrorCode(first.error), ...positionAt(text, first.offset) },
  };
}

/** The document as the JSON tab writes it: two spaces, one trailing newline. */
export const documentText = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;
