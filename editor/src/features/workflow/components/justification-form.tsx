import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDraftStore } from '@/stores/draft-store';

/** The fewest characters a justification may have (the version format's rule). */
export const JUSTIFICATION_MIN = 10;

/**
 * Records why a warning is accepted: adds `{constraint, jurisdiction?, text}` to the draft's
 * `justifications` in the working copy (saved with the next save).
 */
export function JustificationForm({
  rulesetKey,
  version,
  constraint,
  jurisdiction,
  onAdded,
}: {
  rulesetKey: string;
  version: string;
  constraint: string;
  jurisdiction: string | null;
  onAdded: () => void;
}) {
  const { t } = useTranslation('workflow');
  const [form] = Form.useForm<{ text: string }>();
  const add = ({ text }: { text: string }) => {
    const entry = { constraint, ...(jurisdiction ? { jurisdiction } : {}), text: text.trim() };
    useDraftStore.getState().edit(rulesetKey, version, (doc) => ({
      ...doc,
      justifications: [...(doc.justifications ?? []), entry],
    }));
    form.resetFields();
    onAdded();
  };
  return (
    <Form form={form} layout="vertical" onFinish={add} style={{ marginTop: 8 }}>
      <Form.Item
        name="text"
        label={t('justify.label')}
        rules={[
          { required: true, whitespace: true, message: t('justify.required') },
          {
            validator: (_, value: string | undefined) =>
              (value ?? '').trim().length >= JUSTIFICATION_MIN
                ? Promise.resolve()
                : Promise.reject(new Error(t('justify.tooShort', { min: JUSTIFICATION_MIN }))),
          },
        ]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button htmlType="submit" size="small">
        {t('justify.add')}
      </Button>
    </Form>
  );
}
