import type { ParameterT } from '@engine/schema/ruleset.schema';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderScreen } from '@/test/render';
import { CellEditor } from './cell-editor';

const parameter = {
  key: 'disability.livingSubsidy',
  unit: 'yuan/month',
  label: { zh: '困难残疾人生活补贴', en: 'Living subsidy' },
  basis: '十政办发〔2017〕8号',
  byJurisdiction: false,
  values: [{ value: '60.00', source: { type: 'illustrative', note: '示例' } }],
} as ParameterT;

describe('CellEditor', () => {
  it('keeps an invalid figure on screen with its reason when the field is left, and commits nothing', async () => {
    const onCommit = vi.fn();
    const onCancel = vi.fn();
    await renderScreen(
      <CellEditor
        parameter={parameter}
        initial="60.00"
        label="修改"
        notice={null}
        onCommit={onCommit}
        onCancel={onCancel}
      />,
    );
    const input = screen.getByRole('textbox', { name: '修改' });
    await userEvent.clear(input);
    await userEvent.type(input, '-5');
    fireEvent.blur(input);
    expect(input).toHaveValue('-5');
    expect(screen.getByRole('alert')).toHaveTextContent('金额不能为负数');
    expect(onCommit).not.toHaveBeenCalled();
    expect(onCancel).not.toHaveBeenCalled();
    await userEvent.clear(input);
    await userEvent.type(input, '70{Enter}');
    expect(onCommit).toHaveBeenCalledWith('70.00');
  });

  it('says in English why a figure is refused', async () => {
    await renderScreen(
      <CellEditor
        parameter={parameter}
        initial={'9'.repeat(20)}
        label="Edit"
        notice={null}
        onCommit={vi.fn()}
        onCancel={vi.fn()}
      />,
      { language: 'en' },
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Too large (at most 10^15)');
  });
});
