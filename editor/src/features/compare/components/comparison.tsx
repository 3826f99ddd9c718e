import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageState } from '@/components/page-state';
import { useVersionContent } from '@/hooks/use-rulesets';
import { useVersionDiff } from '../api/use-version-diff';
import { ChangesView } from './changes-view';
import { JsonDiff } from './json-diff';
import { PrintAnnex } from './print-annex';

/** The ways of looking at a comparison, as tabs (and `view=` in the address). */
export const VIEWS = ['changes', 'json', 'annex'] as const;
export type View = (typeof VIEWS)[number];

/**
 * Two chosen, different versions compared: the diff from the API and both documents (for labels
 * and the JSON view), shown as the tab `view`.
 */
export function Comparison({
  rulesetKey,
  from,
  to,
  view,
  onViewChange,
}: {
  rulesetKey: string;
  from: string;
  to: string;
  view: View;
  onViewChange: (view: View) => void;
}) {
  const { t } = useTranslation('compare');
  const diff = useVersionDiff(rulesetKey, from, to);
  const fromDoc = useVersionContent(rulesetKey, from);
  const toDoc = useVersionContent(rulesetKey, to);
  const fromContent = fromDoc.data?.content;
  const toContent = toDoc.data?.content;
  const error = diff.error ?? fromDoc.error ?? toDoc.error;
  const panes: Record<View, React.ReactNode> = {
    changes: diff.data ? <ChangesView diff={diff.data} from={fromContent} to={toContent} /> : null,
    json:
      fromContent && toContent ? (
        <JsonDiff from={fromContent} to={toContent} fromVersion={from} toVersion={to} />
      ) : null,
    annex: diff.data ? (
      <PrintAnnex rulesetKey={rulesetKey} diff={diff.data} from={fromContent} to={toContent} />
    ) : null,
  };
  return (
    <PageState loading={!error && (!diff.data || !fromContent || !toContent)} error={error}>
      <Tabs
        activeKey={view}
        onChange={(next) => onViewChange(next as View)}
        destroyOnHidden
        items={VIEWS.map((name) => ({ key: name, label: t(`tabs.${name}`), children: panes[name] }))}
      />
    </PageState>
  );
}
