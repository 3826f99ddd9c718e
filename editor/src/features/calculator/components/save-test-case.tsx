import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { testNameProblem } from '../lib/test-case';

/**
 * Asks the new test case's name (required, unique among the version's tests) and hands it to
 * `onSave`.
 */
export function SaveTestCaseModal({
  open,
  document,
  onSave,
  onCancel,
}: {
  open: boolean;
  document: RulesetVersion;
  onSave: (name: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('calculator');
  const [form] = Form.useForm<{ name: string }>();
  const submit = async () => {
    const { name } = await form.validateFields();
    onSave(name.trim());
  };
  return (
    <Modal
      open={open}
      title={t('saveTest.title')}
      okText={t('saveTest.ok')}
      cancelText={t('common:action.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="name"
          label={t('saveTest.name')}
          required
          extra={t('saveTest.help')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = testNameProblem(document, value ?? '');
                if (problem) throw new Error(t(`saveTest.${problem}`));
              },
            },
          ]}
        >
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
