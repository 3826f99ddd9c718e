import '@/lib/monaco';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { DiffEditor } from '@monaco-editor/react';
import { Flex, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The two documents pretty-printed (2-space JSON), read-only, side by side in Monaco's diff editor. */
export function JsonDiff({
  from,
  to,
  fromVersion,
  toVersion,
}: {
  from: RulesetVersion;
  to: RulesetVersion;
  fromVersion: string;
  toVersion: string;
}) {
  const { t } = useTranslation('compare');
  const original = useMemo(() => `${JSON.stringify(from, null, 2)}\n`, [from]);
  const modified = useMemo(() => `${JSON.stringify(to, null, 2)}\n`, [to]);
  return (
    <section aria-label={t('json.label')}>
      <Flex justify="space-between" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('json.original', { version: fromVersion })}</Typography.Text>
        <Typography.Text strong>{t('json.modified', { version: toVersion })}</Typography.Text>
      </Flex>
      <DiffEditor
        height="calc(100vh - 300px)"
        language="json"
        original={original}
        modified={modified}
        // Monaco throws (in the console) when a diff editor's models are disposed before the editor
        // lets go of them, as happens on leaving this tab: the models are kept, one per version,
        // and reused when the tab is opened again.
        originalModelPath={`compare/original/${encodeURIComponent(fromVersion)}.json`}
        modifiedModelPath={`compare/modified/${encodeURIComponent(toVersion)}.json`}
        keepCurrentOriginalModel
        keepCurrentModifiedModel
        loading={<Spin description={t('json.loading')} />}
        options={{
          readOnly: true,
          originalEditable: false,
          renderSideBySide: true,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          wordWrap: 'on',
          hideUnchangedRegions: { enabled: true },
        }}
      />
    </section>
  );
}
