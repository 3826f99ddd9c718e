import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { canAccept, type TestRunCase } from '../lib/test-run';
import { TestDifferences } from './test-differences';

/**
 * The version's test cases: name, date, pass or fail; a failing one expands to what differs. With
 * `selection` (an editable draft), failing cases can be chosen for accepting their new amounts.
 */
export function TestResultsTable({
  tests,
  document,
  selection,
}: {
  tests: TestRunCase[];
  document: RulesetVersion;
  selection?: { selected: string[]; onChange: (names: string[]) => void };
}) {
  const { t } = useTranslation('tests');
  return (
    <Table<TestRunCase>
      size="small"
      rowKey="name"
      dataSource={tests}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: t('table.empty') }}
      rowSelection={
        selection
          ? {
              selectedRowKeys: selection.selected,
              onChange: (keys) => selection.onChange(keys.map(String)),
              getCheckboxProps: (test) => ({
                disabled: !canAccept(test),
                'aria-label': t('table.select', { name: test.name }),
              }),
            }
          : undefined
      }
      expandable={{
        rowExpandable: (test) => !test.passed,
        expandedRowRender: (test) => <TestDifferences test={test} document={document} />,
      }}
      columns={[
        { title: t('table.name'), dataIndex: 'name' },
        { title: t('table.asOf'), dataIndex: 'asOf', width: 110 },
        {
          title: t('table.result'),
          key: 'result',
          width: 110,
          render: (_, test) =>
            test.passed ? (
              <Tag color="green">{t('table.passed')}</Tag>
            ) : !test.evaluated ? (
              <Tag color="volcano">{t('table.notEvaluated')}</Tag>
            ) : (
              <Tag color="red">{t('table.failed')}</Tag>
            ),
        },
      ]}
    />
  );
}
