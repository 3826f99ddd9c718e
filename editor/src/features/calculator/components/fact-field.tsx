import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import type { AnyFact } from '../lib/household-form';

const DATE = 'YYYY-MM-DD';

/** What Form.Item hands its control (typed never: each control takes them with its own types). */
interface ControlProps {
  id?: string;
  value?: never;
  onChange?: never;
}

/** The control a fact of this type is entered with (numbers stay exact strings). */
function FactControl({
  fact,
  jurisdictions,
  required,
  ...control
}: {
  fact: AnyFact;
  jurisdictions: RulesetVersion['jurisdictions'];
  required: boolean;
} & ControlProps) {
  const { t, i18n } = useTranslation('calculator');
  switch (fact.type) {
    case 'boolean':
      return (
        <Select
          {...control}
          allowClear={!required}
          placeholder={t('form.choose')}
          options={[
            { value: true, label: t('form.yes') },
            { value: false, label: t('form.no') },
          ]}
        />
      );
    case 'enum':
      return (
        <Select
          {...control}
          allowClear={!required}
          placeholder={t('form.choose')}
          options={(fact.values ?? []).map((value) => ({
            value,
            label: fact.valueLabels?.[value] ? localized(fact.valueLabels[value], i18n.language) : value,
          }))}
        />
      );
    case 'jurisdiction':
      return (
        <Select
          {...control}
          allowClear={!required}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('form.choose')}
          options={jurisdictions.map((j) => ({ value: j.code, label: localized(j.name, i18n.language) }))}
        />
      );
    case 'money':
    case 'decimal':
    case 'integer':
      return (
        <InputNumber<string>
          {...control}
          stringMode
          style={{ width: '100%' }}
          min={fact.minimum}
          max={fact.maximum}
          precision={fact.type === 'integer' ? 0 : undefined}
          suffix={fact.type === 'money' ? t('form.yuan') : undefined}
        />
      );
    case 'date':
      return <DatePicker {...control} format={DATE} style={{ width: '100%' }} />;
    default:
      return <Input {...control} />;
  }
}

/**
 * One fact's form item: its label in the editor's language, its description as help, a required mark
 * and the control for its type; `problem` (from the API) is shown under it.
 */
export function FactField({
  fact,
  name,
  jurisdictions,
  problem,
}: {
  fact: AnyFact;
  /** The field's name in the form (relative inside a Form.List). */
  name: (string | number)[];
  jurisdictions: RulesetVersion['jurisdictions'];
  problem?: string;
}) {
  const { t, i18n } = useTranslation('calculator');
  const label = localized(fact.label, i18n.language);
  const required = !!fact.required && fact.default === undefined;
  const isDate = fact.type === 'date';
  return (
    <Form.Item
      name={name}
      label={label}
      required={required}
      rules={required ? [{ required: true, message: t('form.required', { label }) }] : undefined}
      extra={fact.description ? localized(fact.description, i18n.language) : undefined}
      {...(problem ? { validateStatus: 'error' as const, help: problem } : {})}
      {...(isDate
        ? {
            getValueProps: (value: unknown) => ({
              value: typeof value === 'string' ? dayjs(value, DATE) : null,
            }),
            normalize: (value: Dayjs | null) => (value ? value.format(DATE) : undefined),
          }
        : {})}
    >
      <FactControl fact={fact} jurisdictions={jurisdictions} required={required} />
    </Form.Item>
  );
}
