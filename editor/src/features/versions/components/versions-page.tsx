import { Empty } from 'antd';

/** Placeholder until this screen is built. */
export function VersionsPage({ rulesetKey }: { rulesetKey: string }) {
  return <Empty description={rulesetKey} />;
}
