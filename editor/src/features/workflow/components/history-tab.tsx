import { Empty } from 'antd';
import type { VersionTabProps } from '@/types/version-tab';

/** Placeholder until this screen is built. */
export function HistoryTab({ rulesetKey, version }: VersionTabProps) {
  return <Empty description={`${rulesetKey} ${version}`} />;
}
