import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fieldProblem, ProblemAlert } from '@/components/problem-alert';
import { paths } from '@/lib/paths';
import type { VersionSummary } from '@/types/api';
import { useCreateDraft } from '../api/use-create-draft';
import { nextVersionDefaults } from '../lib/next-version';

interface Values {
  version: string;
  basedOn: string;
  effectiveFrom: Dayjs | null;
}

/**
 * 起草下一年度: the new draft's label (next year by default), effective date (next 1 January) and
 * the version it copies; creates it and opens it. The API's problems are shown next to the field
 * they name, and above the form otherwise.
 */
export function DraftNextModal({
  rulesetKey,
  base,
  versions,
  onClose,
}: {
  rulesetKey: string;
  base: VersionSummary;
  versions: VersionSummary[];
  onClose: () => void;
}) {
  const { t } = useTranslation('versions');
  const navigate = useNavigate();
  const create = useCreateDraft(rulesetKey);
  const [form] = Form.useForm<Values>();
  const defaults = nextVersionDefaults(base);
  const problem = (path: string) => {
    const message = fieldProblem(create.error, path);
    return message ? { validateStatus: 'error' as const, help: message } : {};
  };
  const named = ['/version', '/basedOn', '/effectiveFrom'].some((p) => fieldProblem(create.error, p));
  const submit = (values: Values) =>
    create.mutate(
      {
        version: values.version.trim(),
        basedOn: values.basedOn,
        effectiveFrom: values.effectiveFrom?.format('YYYY-MM-DD') ?? '',
      },
      { onSuccess: (_, sent) => navigate(paths.version(rulesetKey, sent.version)) },
    );
  return (
    <Modal
      open
      title={t('draft.title')}
      okText={t('draft.create')}
      cancelText={t('common:action.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {create.error && !named ? <ProblemAlert error={create.error} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => create.error && create.reset()}
        initialValues={{
          version: defaults.version,
          basedOn: base.version,
          effectiveFrom: dayjs(defaults.effectiveFrom),
        }}
      >
        <Form.Item
          name="version"
          label={t('draft.version')}
          rules={[{ required: true, whitespace: true, message: t('draft.versionRequired') }]}
          {...problem('/version')}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('draft.effectiveFrom')}
          rules={[{ required: true, message: t('draft.effectiveFromRequired') }]}
          {...problem('/effectiveFrom')}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="basedOn" label={t('draft.basedOn')} {...problem('/basedOn')}>
          <Select options={versions.map((v) => ({ value: v.version, label: v.version }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
