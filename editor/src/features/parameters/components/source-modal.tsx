import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useDraftStore } from '@/stores/draft-store';
import type { CellRef } from '../hooks/grid-context';
import { setSources, withSource } from '../model/edit';
import { placeName } from './place-name';
import { choiceOf, SourceForm, type SourceFormValues } from './source-form';

/**
 * Asks where the figures just typed come from and writes that source into their entries (a new
 * notice is added to the document's sources). "Later" leaves them marked 缺少来源.
 */
export function SourceModal({
  rulesetKey,
  version,
  document,
  cells,
  onClose,
}: {
  rulesetKey: string;
  version: string;
  document: RulesetVersion;
  cells: readonly CellRef[];
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('parameters');
  const [form] = Form.useForm<SourceFormValues>();
  const apply = async () => {
    const values = await form.validateFields();
    useDraftStore.getState().edit(rulesetKey, version, (working) => {
      const { document: next, source } = withSource(working, choiceOf(values));
      return setSources(next, cells, source);
    });
    onClose();
  };
  return (
    <Modal
      open={cells.length > 0}
      title={t('source.modalTitle')}
      okText={t('source.apply')}
      cancelText={t('source.later')}
      onOk={() => void apply().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {cells
          .slice(0, 6)
          .map((cell) => {
            const parameter = document.parameters.find((p) => p.key === cell.key);
            return `${parameter ? localized(parameter.label, i18n.language) : cell.key} · ${placeName(document, cell.target, t, i18n.language)}`;
          })
          .join(';')}
        {cells.length > 6 ? t('source.andMore', { count: cells.length - 6 }) : ''}
      </Typography.Paragraph>
      <SourceForm form={form} document={document} />
    </Modal>
  );
}
