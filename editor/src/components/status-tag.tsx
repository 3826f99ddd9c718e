import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VersionStatus } from '@/types/api';

const COLOURS: Record<VersionStatus, string> = {
  draft: 'blue',
  in_review: 'orange',
  published: 'green',
  withdrawn: 'default',
};

/** A version's status as a coloured tag (草稿, 待审核, 已发布, 已撤回). */
export function StatusTag({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}
