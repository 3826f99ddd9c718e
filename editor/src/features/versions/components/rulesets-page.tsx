import { Empty } from 'antd';

/** Placeholder until this screen is built. */
export function RulesetsPage() {
  return <Empty />;
}
