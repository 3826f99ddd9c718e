import { Empty } from 'antd';

/** Placeholder until this screen is built. */
export function ComparePage({ rulesetKey }: { rulesetKey: string }) {
  return <Empty description={rulesetKey} />;
}
