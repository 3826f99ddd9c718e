import { Anchor, Button, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageState } from '@/components/page-state';
import { ProblemAlert } from '@/components/problem-alert';
import { localized } from '@/lib/i18n';
import type { VersionTabProps } from '@/types/version-tab';
import { GridContext } from '../hooks/grid-context';
import { useGridData } from '../hooks/use-grid-data';
import { useGridState } from '../hooks/use-grid-state';
import { OTHER_SCHEME, parametersByScheme } from '../model/resolve';
import { BulkDialog } from './bulk-dialog';
import { FindingsSummary } from './findings-summary';
import { SchemeTable } from './scheme-table';
import { SourceModal } from './source-modal';

/**
 * 参数标准: every parameter of the version, one table per scheme (with a scheme nav), per
 * jurisdiction group and jurisdiction. In an editable draft figures are typed in place, adjusted
 * in bulk and given their sources, and the policy constraints are checked as the official types.
 */
export function ParametersTab({ rulesetKey, version }: VersionTabProps) {
  const { t, i18n } = useTranslation('parameters');
  const data = useGridData(rulesetKey, version);
  const state = useGridState(rulesetKey, version, data);
  const [bulkOpen, setBulkOpen] = useState(false);
  // `?parameter=<key>` (the rules screen links parameters so): that row, scrolled to and marked.
  const [params] = useSearchParams();
  const highlighted = params.get('parameter');
  const document = data.document;
  const shown = !!document && !!state.context;
  useEffect(() => {
    if (!highlighted || !shown) return;
    // The tables render their rows after the grid's data: look again until the row is there.
    let tries = 0;
    const timer = window.setInterval(() => {
      const row = Array.from(window.document.querySelectorAll('tr[data-row-key]')).find(
        (r) => r.getAttribute('data-row-key') === highlighted,
      );
      if (row) row.scrollIntoView?.({ block: 'center' });
      if (row || ++tries > 30) window.clearInterval(timer);
    }, 100);
    return () => window.clearInterval(timer);
  }, [highlighted, shown]);
  const sections = document ? parametersByScheme(document) : [];
  const title = (id: string, label?: { zh: string; en: string }) =>
    id === OTHER_SCHEME ? t('grid.otherScheme') : localized(label, i18n.language);
  return (
    <PageState loading={data.loading} error={data.error} empty={!sections.length} emptyText={t('grid.empty')}>
      {document && state.context ? (
        <GridContext.Provider value={state.context}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <FindingsSummary document={document} findings={data.findings} otherErrors={data.otherErrors} />
            {data.checkError ? <ProblemAlert error={data.checkError} /> : null}
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
              {/* However long the scheme names, the nav scrolls on its own and never widens the page. */}
              <div style={{ flex: '1 1 0', minWidth: 0, overflowX: 'auto' }}>
                <Anchor
                  direction="horizontal"
                  affix={false}
                  aria-label={t('grid.nav')}
                  items={sections.map((s) => ({
                    key: s.id,
                    href: `#scheme-${s.id}`,
                    title: (
                      <span
                        title={title(s.id, s.group?.label)}
                        style={{
                          display: 'inline-block',
                          maxWidth: 200,
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                          whiteSpace: 'nowrap',
                          verticalAlign: 'bottom',
                        }}
                      >
                        {title(s.id, s.group?.label)}
                      </span>
                    ),
                  }))}
                />
              </div>
              <Typography.Text type="secondary" aria-live="polite">
                {data.editable
                  ? data.checking
                    ? t('grid.checking')
                    : t('grid.checked')
                  : t('grid.readOnly')}
              </Typography.Text>
            </div>
            {data.editable ? (
              <Space wrap className="no-print">
                <Typography.Text>{t('select.count', { count: state.selectedCells.length })}</Typography.Text>
                <Button
                  type="primary"
                  disabled={state.selectedCells.length === 0}
                  onClick={() => setBulkOpen(true)}
                >
                  {t('bulk.open')}
                </Button>
                <Button disabled={state.selectedCells.length === 0} onClick={state.clearSelection}>
                  {t('select.clear')}
                </Button>
                <Typography.Text type="secondary">{t('select.help')}</Typography.Text>
              </Space>
            ) : null}
            {sections.map((s) => (
              <section key={s.id} id={`scheme-${s.id}`} aria-labelledby={`scheme-title-${s.id}`}>
                <Typography.Title level={2} id={`scheme-title-${s.id}`} style={{ fontSize: 17 }}>
                  {title(s.id, s.group?.label)}
                </Typography.Title>
                <SchemeTable
                  parameters={s.parameters}
                  caption={title(s.id, s.group?.label)}
                  highlighted={highlighted}
                />
              </section>
            ))}
          </Space>
          <SourceModal
            rulesetKey={rulesetKey}
            version={version}
            document={document}
            cells={state.sourceCells}
            onClose={state.closeSource}
          />
          {bulkOpen ? (
            <BulkDialog
              rulesetKey={rulesetKey}
              version={version}
              grid={state.context}
              cells={state.selectedCells}
              onClose={() => setBulkOpen(false)}
              onApplied={() => {
                setBulkOpen(false);
                state.clearSelection();
              }}
            />
          ) : null}
        </GridContext.Provider>
      ) : null}
    </PageState>
  );
}
