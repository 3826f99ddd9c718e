import { useTranslation } from 'react-i18next';
import { needsJustification, workedComparison } from '../model/constraints';

/**
 * What a constraint finding says, in the official's language: the comparison with the figures put
 * in ("300 × 12 ≥ 4000 不成立"), and whether a justification is needed; the service's own message
 * when it has no comparison (a constraint that cannot be computed).
 */
export function FindingDetail({ message }: { message: string }) {
  const { t } = useTranslation('parameters');
  const comparison = workedComparison(message);
  if (!comparison) return <>{message}</>;
  return (
    <>
      {t('findings.notHeld', { comparison })}
      {needsJustification(message) ? ` ${t('findings.needsJustification')}` : ''}
    </>
  );
}
