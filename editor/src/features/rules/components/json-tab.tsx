import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Alert, Space, Spin, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { PageState } from '@/components/page-state';
import { ProblemAlert } from '@/components/problem-alert';
import { useVersionDocument } from '@/hooks/use-rulesets';
import type { ProblemMarker } from '@/lib/monaco';
import { hasRole, useSession } from '@/lib/session';
import type { VersionTabProps } from '@/types/version-tab';
import { useCheckVersion, type CheckReport } from '../api/use-check-version';
import { useDebounced } from '@/hooks/use-debounced';
import { useJsonText } from '../hooks/use-json-text';
import { useWords } from '../hooks/use-words';
import { buildGlossary } from '../lib/glossary';
import { jsonAssistFor } from '../lib/json-assist';
import { parseJsonText, pointerRanges, textFingerprint } from '../lib/json-text';
import type { RevealRequest } from './monaco-json-editor';
import { ProblemList, type PlacedProblem } from './problem-list';

// Monaco is big: it loads with this tab, not with the editor's first screen.
const MonacoJsonEditor = lazy(() =>
  import('./monaco-json-editor').then((module) => ({ default: module.MonacoJsonEditor })),
);

/** How long typing must pause before the text is checked by the API. */
export const CHECK_DELAY_MS = 800;

/** Each finding of a check, placed at its line in `text`. */
function placeProblems(report: CheckReport | undefined, text: string): PlacedProblem[] {
  if (!report) return [];
  const findings = [
    ...report.errors.map((f) => ({ ...f, severity: f.severity ?? ('error' as const) })),
    ...report.warnings.map((f) => ({ ...f, severity: 'warning' as const })),
  ];
  const ranges = pointerRanges(
    text,
    findings.map((f) => f.path ?? ''),
  );
  return findings.map((f, i) => ({
    id: `${i}:${f.path}`,
    severity: f.severity === 'warning' ? 'warning' : 'error',
    path: f.path ?? '',
    message: f.message,
    lineNumber: ranges[i]?.startLineNumber ?? null,
    column: ranges[i]?.startColumn ?? 1,
    range: ranges[i] ?? null,
  }));
}

/** The JSON tab: the whole document in Monaco, checked by the API as the official types. */
export function JsonTab({ rulesetKey, version }: VersionTabProps) {
  const doc = useVersionDocument(rulesetKey, version);
  return (
    <PageState loading={doc.isLoading} error={doc.error} empty={!doc.document}>
      {doc.document ? (
        <JsonWorkspace
          key={`${rulesetKey}@${version}:${doc.editable}`}
          rulesetKey={rulesetKey}
          version={version}
          document={doc.document}
          editable={doc.editable}
        />
      ) : null}
    </PageState>
  );
}

function JsonWorkspace({
  rulesetKey,
  version,
  document,
  editable,
}: VersionTabProps & { document: RulesetVersion; editable: boolean }) {
  const { t, words, language } = useWords();
  const session = useSession();
  const { text, revision, parseProblem, onChange } = useJsonText(rulesetKey, version, document, editable);
  const assist = useMemo(
    () => jsonAssistFor(buildGlossary(document), language, words),
    [document, language, words],
  );
  const settledText = useDebounced(text, CHECK_DELAY_MS);
  const settled = useMemo(() => parseJsonText(settledText), [settledText]);
  const check = useCheckVersion(
    rulesetKey,
    version,
    settled.ok ? settled.value : undefined,
    textFingerprint(settledText),
    hasRole(session, 'editor'),
  );
  const problems = useMemo(() => placeProblems(check.data, text), [check.data, text]);
  const markers = useMemo<ProblemMarker[]>(
    () =>
      problems.flatMap((p) => {
        if (!p.range) return [];
        const { startLineNumber, startColumn, endLineNumber, endColumn } = p.range;
        return [
          {
            severity: p.severity,
            message: p.message,
            startLineNumber,
            startColumn,
            endLineNumber,
            endColumn,
          },
        ];
      }),
    [problems],
  );
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {parseProblem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('json.parseError', {
            line: parseProblem.lineNumber,
            column: parseProblem.column,
            reason: t([`json.parseReason.${parseProblem.code}`, 'json.parseReason.other']),
          })}
        />
      ) : null}
      <Suspense
        fallback={
          <div style={{ height: '60vh', display: 'grid', placeItems: 'center' }}>
            <Spin description={t('common:state.loading')} />
          </div>
        }
      >
        <MonacoJsonEditor
          rulesetKey={rulesetKey}
          version={version}
          value={text}
          revision={revision}
          onChange={onChange}
          readOnly={!editable}
          markers={markers}
          assist={assist}
          reveal={reveal}
          ariaLabel={editable ? t('json.editorLabel') : `${t('json.editorLabel')} ${t('json.readOnly')}`}
        />
      </Suspense>
      <div aria-live="polite">
        {check.isFetching ? (
          <Spin size="small" description={t('json.checking')} />
        ) : check.data ? (
          <Typography.Text type={problems.length ? (errors ? 'danger' : 'warning') : 'success'}>
            {problems.length
              ? t('json.problemCount', { errors, warnings: problems.length - errors })
              : t('json.noProblems')}
          </Typography.Text>
        ) : null}
      </div>
      {check.error ? <ProblemAlert error={check.error} /> : null}
      {problems.length ? (
        <ProblemList
          problems={problems}
          onSelect={(p) =>
            p.lineNumber !== null &&
            setReveal({ lineNumber: p.lineNumber, column: p.column, nonce: Date.now() })
          }
        />
      ) : null}
    </Space>
  );
}
