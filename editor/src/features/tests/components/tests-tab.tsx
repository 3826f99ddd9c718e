import { Alert, Button, Card, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { useVersionContent, useVersionDocument } from '@/hooks/use-rulesets';
import { hasRole, useSession } from '@/lib/session';
import { isDirty } from '@/stores/draft-store';
import type { VersionTabProps } from '@/types/version-tab';
import { useTestRun } from '../api/use-test-run';
import { AcceptFlow } from './accept-flow';
import { AcceptedHistory } from './accepted-history';
import { TestResultsTable } from './test-results-table';

/**
 * 测试用例: the version's own test cases run on open (and on demand) against the content the server
 * holds; failing cases show what differs, and an editor may accept a draft's new amounts. Everyone
 * else sees the results read only; approvers and admins also see the tests accepted in this version.
 */
export function TestsTab({ rulesetKey, version }: VersionTabProps) {
  const { t } = useTranslation('tests');
  const session = useSession();
  const doc = useVersionDocument(rulesetKey, version);
  const content = useVersionContent(rulesetKey, version);
  const etag = doc.draft?.etag ?? content.data?.etag;
  const run = useTestRun(rulesetKey, version, etag);
  const [onlyFailing, setOnlyFailing] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const document = doc.document;
  if (!document) return <PageState loading={doc.isLoading} error={doc.error} />;
  const tests = run.data?.tests ?? [];
  const shown = onlyFailing ? tests.filter((x) => !x.passed) : tests;
  const mayReadAudit = hasRole(session, 'admin', 'approver');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {doc.editable && isDirty(doc.draft) ? <Alert type="warning" showIcon title={t('unsaved')} /> : null}
      <Card size="small">
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap size="large">
            <Button onClick={() => void run.refetch()} loading={run.isFetching} disabled={!etag}>
              {t('run')}
            </Button>
            {run.data ? (
              <Typography.Text strong>
                {t('summary', { passed: run.data.passed, failed: run.data.failed })}
              </Typography.Text>
            ) : null}
            <Space>
              <Switch checked={onlyFailing} onChange={setOnlyFailing} aria-label={t('onlyFailing')} />
              <Typography.Text>{t('onlyFailing')}</Typography.Text>
            </Space>
          </Space>
          {doc.editable && run.data ? (
            <AcceptFlow
              rulesetKey={rulesetKey}
              version={version}
              draft={doc.draft}
              document={document}
              tests={tests}
              refreshing={run.isPlaceholderData}
              selected={selected}
              onSelect={setSelected}
            />
          ) : null}
          <PageState loading={run.isLoading} error={run.error}>
            <TestResultsTable
              tests={shown}
              document={document}
              selection={doc.editable ? { selected, onChange: setSelected } : undefined}
            />
          </PageState>
        </Space>
      </Card>
      {mayReadAudit ? <AcceptedHistory rulesetKey={rulesetKey} version={version} /> : null}
    </Space>
  );
}
