import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  registerJsonAssist,
  rulesetModelPath,
  setProblemMarkers,
  type JsonAssist,
  type ProblemMarker,
} from '@/lib/monaco';

type CodeEditor = Parameters<OnMount>[0];

/** Where to move the cursor: a line and column; `nonce` makes the same place a new request. */
export interface RevealRequest {
  lineNumber: number;
  column: number;
  nonce: number;
}

export interface MonacoJsonEditorProps {
  /** The version whose document this is (its model is checked against the ruleset schema). */
  rulesetKey: string;
  version: string;
  /** The text to show when mounted, and again each time `revision` changes. */
  value: string;
  /** Changes only when the text was replaced from outside; typing here never changes it. */
  revision: string;
  onChange: (value: string) => void;
  readOnly: boolean;
  markers: ProblemMarker[];
  assist: JsonAssist;
  reveal: RevealRequest | null;
  ariaLabel: string;
}

/** The Monaco editor for one JSON document, with completion, hover, problem markers and reveal. */
export function MonacoJsonEditor({
  rulesetKey,
  version,
  value,
  revision,
  onChange,
  readOnly,
  markers,
  assist,
  reveal,
  ariaLabel,
}: MonacoJsonEditorProps) {
  const { t } = useTranslation();
  const editor = useRef<CodeEditor | null>(null);
  const path = rulesetModelPath(rulesetKey, version);
  useEffect(() => registerJsonAssist(path, assist), [path, assist]);
  useEffect(() => setProblemMarkers(path, 'rules-check', markers), [path, markers, value]);
  // The editor owns what is typed (a controlled value would undo keystrokes typed faster than the
  // page renders); a text replaced from outside is written in as one edit, which undo reverts.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);
  useEffect(() => {
    const current = editor.current;
    const model = current?.getModel();
    if (!current || !model || model.getValue() === latest.current) return;
    current.executeEdits('rules-sync', [{ range: model.getFullModelRange(), text: latest.current }]);
    current.pushUndoStop();
  }, [revision]);
  useEffect(() => {
    const current = editor.current;
    if (!reveal || !current) return;
    current.revealLineInCenter(reveal.lineNumber);
    current.setPosition({ lineNumber: reveal.lineNumber, column: reveal.column });
    current.focus();
  }, [reveal]);
  return (
    <Editor
      path={path}
      defaultLanguage="json"
      defaultValue={value}
      height="60vh"
      loading={t('state.loading')}
      onMount={(mounted) => {
        editor.current = mounted;
        // A model kept from an earlier visit may hold older text.
        if (mounted.getValue() !== latest.current) mounted.setValue(latest.current);
        setProblemMarkers(path, 'rules-check', markers);
      }}
      onChange={(next) => onChange(next ?? '')}
      options={{
        readOnly,
        ariaLabel,
        minimap: { enabled: false },
        automaticLayout: true,
        tabSize: 2,
        insertSpaces: true,
        scrollBeyondLastLine: false,
        fixedOverflowWidgets: true,
        // Chinese punctuation (,〔〕) is ordinary text here, not a look-alike to warn about.
        unicodeHighlight: { ambiguousCharacters: false },
        quickSuggestions: { strings: true, other: true, comments: false },
      }}
    />
  );
}
