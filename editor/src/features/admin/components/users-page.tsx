import { Empty } from 'antd';

/** Placeholder until this screen is built. */
export function UsersPage() {
  return <Empty />;
}
