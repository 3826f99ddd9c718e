import { Typography } from 'antd';
import { signed, signOf } from '../model/change-rows';

/**
 * A change written with its sign (+30.00, -10.00, +8.0%), green when it rises and red when it
 * falls; the sign carries the meaning for those who cannot tell the colours apart.
 */
export function ChangeFigure({ value, suffix = '' }: { value: string | null; suffix?: string }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const sign = signOf(value);
  return (
    <Typography.Text
      type={sign > 0 ? 'success' : sign < 0 ? 'danger' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
    >
      {signed(value)}
      {suffix}
    </Typography.Text>
  );
}
