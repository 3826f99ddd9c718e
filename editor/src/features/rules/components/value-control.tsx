import { Input, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Part } from '../lib/parts';

type ValuePart = Extract<Part, { type: 'value' }>;

/**
 * A literal of a rule condition: read-only it is the value in words; in a draft an input that
 * writes the new value through `onChange` (numbers stay decimal strings when written as strings).
 */
export function ValueControl({
  part,
  editable,
  onChange,
}: {
  part: ValuePart;
  editable: boolean;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation('rules');
  const label = t('value.label', { subject: part.subject });
  const shown = part.unitWord ? `${part.text} ${part.unitWord}` : part.text;
  if (!editable || (part.control === 'list' && !part.options))
    return (
      <Typography.Text strong data-pointer={part.pointer}>
        {shown}
      </Typography.Text>
    );
  const width = { width: 'auto', minWidth: 96 };
  // Select values are strings: each option is its JSON (`true`, `"rural"`), read back on change.
  const options = part.options?.map((o) => ({ value: JSON.stringify(o.value), label: o.label }));
  switch (part.control) {
    case 'number':
      return (
        <InputNumber<string>
          size="small"
          stringMode
          aria-label={label}
          data-pointer={part.pointer}
          value={String(part.value)}
          suffix={part.unitWord}
          style={{ width: 140 }}
          onChange={(next) => {
            if (next === null || next === '') return;
            onChange(typeof part.value === 'number' ? Number(next) : String(next));
          }}
        />
      );
    case 'boolean':
    case 'enum':
      return (
        <Select<string>
          size="small"
          aria-label={label}
          data-pointer={part.pointer}
          value={JSON.stringify(part.value)}
          options={options}
          popupMatchSelectWidth={false}
          style={width}
          onChange={(next) => onChange(JSON.parse(next))}
        />
      );
    case 'list':
      return (
        <Select<string[]>
          mode="multiple"
          size="small"
          aria-label={label}
          data-pointer={part.pointer}
          value={(part.value as unknown[]).map((v) => JSON.stringify(v))}
          options={options}
          style={{ minWidth: 160 }}
          onChange={(next) => onChange(next.map((v) => JSON.parse(v) as unknown))}
        />
      );
    case 'text':
      return (
        <Input
          size="small"
          aria-label={label}
          data-pointer={part.pointer}
          value={String(part.value)}
          style={{ width: 160 }}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
