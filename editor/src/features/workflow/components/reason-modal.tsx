import { Form, Input, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldProblem, ProblemAlert } from '@/components/problem-alert';

/** The fewest and most characters (code points) of a lifecycle reason, as the API counts them. */
export const REASON_LIMITS = { min: 2, max: 2000 } as const;

/**
 * Asks for the reason of a lifecycle step (returning, withdrawing) in a Modal; the API's problem is
 * shown above the form and its message next to the reason field when it names `/reason`.
 */
export function ReasonModal({
  open,
  title,
  intro,
  okText,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  intro?: ReactNode;
  okText: string;
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('workflow');
  const [form] = Form.useForm<{ reason: string }>();
  const reasonProblem = fieldProblem(error, '/reason');
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common:action.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {intro}
      {error && !reasonProblem ? <ProblemAlert error={error} /> : null}
      <Form form={form} layout="vertical" onFinish={({ reason }) => onSubmit(reason.trim())} preserve={false}>
        <Form.Item
          name="reason"
          label={t('reason.label')}
          validateStatus={reasonProblem ? 'error' : undefined}
          help={reasonProblem}
          rules={[
            { required: true, whitespace: true, message: t('reason.required') },
            {
              validator: (_, value: string | undefined) => {
                const length = [...(value ?? '').trim()].length;
                return length >= REASON_LIMITS.min && length <= REASON_LIMITS.max
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('reason.length', REASON_LIMITS)));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
