/**
 * Monaco, set up once for the whole editor: bundled from the `monaco-editor` package with its web
 * workers (built by Vite into /assets), and handed to `@monaco-editor/react`, whose default would
 * load Monaco from a public CDN that a government intranet cannot reach.
 *
 * Ruleset documents are models whose path ends in `.ruleset.json` ({@link rulesetModelPath}): the
 * JSON language checks them against the ruleset schema. Completion and hover inside their strings
 * come from whoever shows the model ({@link registerJsonAssist}); API problems are markers
 * ({@link setProblemMarkers}). This module is the only place that configures Monaco.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import rulesetSchema from '@schema/ruleset-v1.schema.json';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

const RULESET_SUFFIX = '.ruleset.json';
const MODEL_ROOT = 'inmemory://rules/';

type SchemaNode = Record<string, unknown>;

/**
 * The schema as Monaco's JSON language reads it: a sub-schema named by a bare `$id` (TypeBox's
 * recursive `Condition`) becomes `#/$defs/<id>`, since the language would fetch `Condition` as a
 * file. Every reference to it follows.
 */
function withLocalDefinitions(schema: SchemaNode): SchemaNode {
  const defs: Record<string, unknown> = {};
  const isNamed = (node: SchemaNode): node is SchemaNode & { $id: string } =>
    typeof node.$id === 'string' && !/^[a-z]+:/i.test(node.$id);
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    const object = node as SchemaNode;
    if (isNamed(object)) {
      const { $id: id, ...rest } = object;
      if (!(id in defs)) defs[id] = rewrite(rest);
      return { $ref: `#/$defs/${id}` };
    }
    const out: SchemaNode = {};
    for (const [key, value] of Object.entries(object))
      out[key] =
        key === '$ref' && typeof value === 'string' && !value.startsWith('#') && !value.includes(':')
          ? `#/$defs/${value}`
          : rewrite(value);
    return out;
  };
  const { $id, ...root } = schema;
  const rewritten = rewrite(root) as SchemaNode;
  return { $id, ...rewritten, $defs: { ...(rewritten.$defs as SchemaNode | undefined), ...defs } };
}

const rulesetSchemaForMonaco = withLocalDefinitions(rulesetSchema as SchemaNode);

monaco.json.jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  trailingCommas: 'error',
  enableSchemaRequest: false,
  schemaValidation: 'error',
  schemas: [
    { uri: rulesetSchema.$id, fileMatch: [`*${RULESET_SUFFIX}`], schema: rulesetSchemaForMonaco },
    // Shipped documents name their schema `"$schema": "../schema/ruleset-v1.schema.json"`, which
    // the JSON language resolves against the model path (`<root><key>/<version>.ruleset.json`).
    { uri: `${MODEL_ROOT}schema/ruleset-v1.schema.json`, schema: rulesetSchemaForMonaco },
  ],
});

/** The model path of a ruleset version's document (checked against the ruleset schema). */
export function rulesetModelPath(key: string, version: string): string {
  return `${MODEL_ROOT}${encodeURIComponent(key)}/${encodeURIComponent(version)}${RULESET_SUFFIX}`;
}

/** A completion for a JSON string, as the screen describes it (offsets are 0-based in the text). */
export interface JsonAssistItem {
  label: string;
  kind: 'variable' | 'constant' | 'function' | 'operator' | 'event' | 'module';
  insertText: string;
  /** Shown next to the label (the name's label in the official's language). */
  detail: string;
  /** Markdown. */
  documentation: string;
}

/** Help for the strings of one model: completions and hover documentation by text offset. */
export interface JsonAssist {
  completions(text: string, offset: number): { start: number; end: number; items: JsonAssistItem[] } | null;
  hover(text: string, offset: number): { start: number; end: number; markdown: string } | null;
}

const assists = new Map<string, JsonAssist>();

const KINDS: Record<JsonAssistItem['kind'], monaco.languages.CompletionItemKind> = {
  variable: monaco.languages.CompletionItemKind.Variable,
  constant: monaco.languages.CompletionItemKind.Constant,
  function: monaco.languages.CompletionItemKind.Function,
  operator: monaco.languages.CompletionItemKind.Operator,
  event: monaco.languages.CompletionItemKind.Event,
  module: monaco.languages.CompletionItemKind.Module,
};

const rangeOf = (model: monaco.editor.ITextModel, start: number, end: number): monaco.IRange => {
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(end);
  return new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column);
};

monaco.languages.registerCompletionItemProvider('json', {
  triggerCharacters: ['"', '.'],
  provideCompletionItems(model, position) {
    const assist = assists.get(model.uri.toString());
    if (!assist) return { suggestions: [] };
    const answer = assist.completions(model.getValue(), model.getOffsetAt(position));
    if (!answer) return { suggestions: [] };
    const range = rangeOf(model, answer.start, answer.end);
    return {
      suggestions: answer.items.map((item) => ({
        label: { label: item.label, description: item.detail },
        kind: KINDS[item.kind],
        insertText: item.insertText,
        detail: item.detail,
        documentation: item.documentation ? { value: item.documentation } : undefined,
        // The label in the official's language finds a name too (typing 低保 offers dibao.*).
        filterText: `${item.label} ${item.detail}`,
        range,
      })),
    };
  },
});

monaco.languages.registerHoverProvider('json', {
  provideHover(model, position) {
    const assist = assists.get(model.uri.toString());
    const answer = assist?.hover(model.getValue(), model.getOffsetAt(position));
    if (!answer) return null;
    return { range: rangeOf(model, answer.start, answer.end), contents: [{ value: answer.markdown }] };
  },
});

/** Gives the model at `modelPath` its completions and hover help; returns how to take them back. */
export function registerJsonAssist(modelPath: string, assist: JsonAssist): () => void {
  const uri = monaco.Uri.parse(modelPath).toString();
  assists.set(uri, assist);
  return () => {
    if (assists.get(uri) === assist) assists.delete(uri);
  };
}

/** A problem to underline: 1-based lines and columns. */
export interface ProblemMarker {
  severity: 'error' | 'warning';
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/** Underlines `markers` in the model at `modelPath` (replacing what `owner` marked before). */
export function setProblemMarkers(modelPath: string, owner: string, markers: ProblemMarker[]): void {
  const model = monaco.editor.getModel(monaco.Uri.parse(modelPath));
  if (!model) return;
  monaco.editor.setModelMarkers(
    model,
    owner,
    markers.map(({ severity, ...marker }) => ({
      ...marker,
      severity: severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    })),
  );
}

export { monaco };
