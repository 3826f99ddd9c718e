import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { DatePicker, Form, Input, Radio, Select, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SourceChoice } from '../model/edit';

/** The value of the "new notice" choice of the notice list. */
export const NEW_NOTICE = '__new__';

/** The fields of the source form. */
export interface SourceFormValues {
  kind: 'published' | 'illustrative';
  document?: string;
  number?: string;
  date?: Dayjs | null;
  title?: string;
  note?: string;
}

/** The source the official gave in the form (values already validated by the form). */
export function choiceOf(values: SourceFormValues): SourceChoice {
  if (values.kind === 'illustrative') return { type: 'illustrative', note: values.note ?? '' };
  if (values.document && values.document !== NEW_NOTICE)
    return { type: 'published', document: values.document, note: values.note };
  return {
    type: 'published',
    notice: {
      number: values.number ?? '',
      title: values.title ?? '',
      date: values.date ? values.date.format('YYYY-MM-DD') : undefined,
    },
    note: values.note,
  };
}

/**
 * Where a changed figure comes from: a published notice (one of the document's sources, or a new
 * one by number, date and title) or 示例值 with a required note. Used inside a Modal.
 */
export function SourceForm({
  form,
  document,
}: {
  form: FormInstance<SourceFormValues>;
  document: RulesetVersion;
}) {
  const { t } = useTranslation('parameters');
  const kind = Form.useWatch('kind', form);
  const picked = Form.useWatch('document', form);
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'published' }} preserve={false}>
      <Form.Item name="kind" label={t('source.kind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'published', label: t('source.published') },
            { value: 'illustrative', label: t('source.illustrative') },
          ]}
        />
      </Form.Item>
      {kind !== 'illustrative' ? (
        <Form.Item
          name="document"
          label={t('source.notice')}
          rules={[{ required: true, message: t('source.noticeRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('source.noticePlaceholder')}
            options={[
              ...document.metadata.sources.map((s) => ({
                value: s.id,
                label: [s.number, s.date, s.title].filter(Boolean).join(' · '),
              })),
              { value: NEW_NOTICE, label: t('source.newNotice') },
            ]}
          />
        </Form.Item>
      ) : null}
      {kind !== 'illustrative' && picked === NEW_NOTICE ? (
        <>
          <Form.Item name="number" label={t('source.number')} rules={required(t('source.numberRequired'))}>
            <Input placeholder={t('source.numberExample')} maxLength={500} />
          </Form.Item>
          <Form.Item name="date" label={t('source.date')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="title" label={t('source.title')} rules={required(t('source.titleRequired'))}>
            <Input maxLength={500} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item
        name="note"
        label={kind === 'illustrative' ? t('source.illustrativeNote') : t('source.clause')}
        rules={kind === 'illustrative' ? required(t('source.noteRequired')) : []}
      >
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </Form>
  );
}
