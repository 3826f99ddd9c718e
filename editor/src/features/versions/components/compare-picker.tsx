import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { paths } from '@/lib/paths';
import type { VersionSummary } from '@/types/api';

/** 比较: pick two versions (older first by default) and open the comparison of the two. */
export function ComparePicker({ rulesetKey, versions }: { rulesetKey: string; versions: VersionSummary[] }) {
  const { t } = useTranslation('versions');
  const navigate = useNavigate();
  const [from, setFrom] = useState<string | undefined>(versions[1]?.version);
  const [to, setTo] = useState<string | undefined>(versions[0]?.version);
  const options = versions.map((v) => ({ value: v.version, label: v.version }));
  return (
    <Space wrap aria-label={t('compare.label')} role="group">
      <Select
        aria-label={t('compare.from')}
        placeholder={t('compare.from')}
        value={from}
        onChange={setFrom}
        options={options}
        style={{ minWidth: 120 }}
      />
      <Select
        aria-label={t('compare.to')}
        placeholder={t('compare.to')}
        value={to}
        onChange={setTo}
        options={options}
        style={{ minWidth: 120 }}
      />
      <Button
        disabled={!from || !to || from === to}
        onClick={() => from && to && navigate(paths.compare(rulesetKey, from, to))}
      >
        {t('compare.button')}
      </Button>
    </Space>
  );
}
