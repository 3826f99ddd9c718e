import type { VersionDiff } from '@engine/diff';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '@/lib/i18n';
import { useStoredText } from '../hooks/use-stored-text';
import { changeRows, schemesOf, signed } from '../model/change-rows';
import { AnnexTable } from './annex-table';
import './annex.css';

/** Where the annex's document number of one comparison is kept in this browser. */
export const documentNumberKey = (rulesetKey: string, from: string, to: string) =>
  `rules-editor.compare.document-number.${rulesetKey}.${from}.${to}`;

/**
 * 打印公告附件: the changed standards as an annex to the notice that announces version `to`, with
 * its document number (typed here, remembered per comparison) and effective date, printed on A4.
 * The settings above the annex (`.no-print`) are left out of the print.
 */
export function PrintAnnex({
  rulesetKey,
  diff,
  from,
  to,
}: {
  rulesetKey: string;
  diff: VersionDiff;
  from: RulesetVersion | undefined;
  to: RulesetVersion | undefined;
}) {
  const { t, i18n } = useTranslation('compare');
  const [number, setNumber] = useStoredText(
    documentNumberKey(rulesetKey, diff.from.version, diff.to.version),
  );
  const [merged, setMerged] = useState(true);
  const allRows = useMemo(() => changeRows(diff.parameters, from, to, merged), [diff, from, to, merged]);
  const schemes = useMemo(() => schemesOf(allRows), [allRows]);
  const [left, setLeft] = useState<string[]>([]);
  const rows = allRows.filter((r) => !left.includes(r.scheme.id ?? ''));
  const title = to ? localized(to.metadata.title, i18n.language) : diff.to.version;
  const date = dayjs(diff.to.effectiveFrom).format(t('annex.dateFormat'));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="vertical" className="no-print" aria-label={t('annex.toolbar')} component="div">
        <Flex wrap gap={24} align="flex-start">
          <Form.Item label={t('annex.number')} htmlFor="annex-number" extra={t('annex.numberHelp')}>
            <Input
              id="annex-number"
              style={{ width: 280 }}
              value={number}
              placeholder={t('annex.numberPlaceholder')}
              onChange={(e) => setNumber(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('standards.merge')} htmlFor="annex-merge">
            <Switch id="annex-merge" checked={merged} onChange={setMerged} />
          </Form.Item>
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            style={{ marginInlineStart: 'auto', marginTop: 30 }}
            onClick={() => window.print()}
          >
            {t('annex.print')}
          </Button>
        </Flex>
        <Form.Item label={t('annex.schemes')} style={{ marginBottom: 0 }}>
          <Checkbox.Group
            value={schemes.map((s) => s.id ?? '').filter((id) => !left.includes(id))}
            onChange={(chosen) =>
              setLeft(schemes.map((s) => s.id ?? '').filter((id) => !chosen.includes(id)))
            }
            options={schemes.map((s) => ({
              value: s.id ?? '',
              label: s.label ? localized(s.label, i18n.language) : t('standards.other'),
            }))}
          />
        </Form.Item>
      </Form>
      <AnnexTable
        rows={rows}
        title={t('annex.title', { title })}
        number={number}
        effective={t('annex.effective', { date })}
        changeText={(row) =>
          row.change === null
            ? '—'
            : row.percent === null
              ? signed(row.change)
              : t('annex.changeValue', { change: signed(row.change), percent: `${signed(row.percent)}%` })
        }
      />
    </Space>
  );
}
