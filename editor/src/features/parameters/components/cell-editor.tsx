import type { ParameterT } from '@engine/schema/ruleset.schema';
import { Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseFigure } from '../model/figures';

/**
 * The input of a cell being edited: Enter or leaving the field keeps a valid figure, Escape
 * cancels; an invalid figure stays in the field with what is wrong. `notice` says what the edit does (a new override, a formula replaced by a figure).
 */
export function CellEditor({
  parameter,
  initial,
  label,
  notice,
  onCommit,
  onCancel,
}: {
  parameter: ParameterT;
  initial: string;
  label: string;
  notice: string | null;
  onCommit: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('parameters');
  const [text, setText] = useState(initial);
  const parsed = parseFigure(text, parameter.unit);
  const finish = () => {
    if (parsed.ok) onCommit(parsed.value);
  };
  return (
    <div>
      <Input
        size="small"
        autoFocus
        aria-label={label}
        value={text}
        status={parsed.ok ? undefined : 'error'}
        inputMode="decimal"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            // The keystroke ends here: the browser would otherwise deliver its keypress to whatever
            // the commit focuses (the close button of the source dialog), closing it at once.
            e.preventDefault();
            finish();
          }
          if (e.key === 'Escape') onCancel();
        }}
        // Leaving a figure that cannot be kept leaves it on screen with its message: nothing typed
        // disappears unasked (Escape cancels).
        onBlur={() => (parsed.ok ? finish() : undefined)}
      />
      {!parsed.ok ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
          {t(`edit.${parsed.problem}`)}
        </Typography.Text>
      ) : notice ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {notice}
        </Typography.Text>
      ) : null}
    </div>
  );
}
