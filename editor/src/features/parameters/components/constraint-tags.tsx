import type { ConstraintT } from '@engine/schema/ruleset.schema';
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';

/** The constraints that govern a parameter, as small tags: label, severity and legal basis on hover. */
export function ConstraintTags({ constraints }: { constraints: readonly ConstraintT[] }) {
  const { t, i18n } = useTranslation('parameters');
  if (constraints.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
      {constraints.map((c) => (
        <Tooltip
          key={c.id}
          title={
            <>
              <div>{localized(c.label, i18n.language)}</div>
              <div>{t(`constraint.kind.${c.severity}`)}</div>
              <div>{t('constraint.basis', { basis: c.basis })}</div>
            </>
          }
        >
          <Tag
            tabIndex={0}
            // The rule itself, not a finding: neutral until a figure breaks it (then the cell is red).
            color={c.severity === 'error' ? 'geekblue' : 'default'}
            variant="outlined"
            style={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', fontSize: 11 }}
          >
            {localized(c.label, i18n.language)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}
