import { Empty } from 'antd';

/** Placeholder until this screen is built. */
export function ApiKeysPage() {
  return <Empty />;
}
