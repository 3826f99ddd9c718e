import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TextRange } from '../lib/json-text';

/** A problem of the check, placed in the text (line null: the whole document). */
export interface PlacedProblem {
  id: string;
  severity: 'error' | 'warning';
  path: string;
  message: string;
  lineNumber: number | null;
  column: number;
  /** Where to underline it. */
  range: TextRange | null;
}

/** The check's problems under the editor; choosing one moves the editor to its line. */
export function ProblemList({
  problems,
  onSelect,
}: {
  problems: PlacedProblem[];
  onSelect: (problem: PlacedProblem) => void;
}) {
  const { t } = useTranslation('rules');
  return (
    <Table<PlacedProblem>
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ y: 240 }}
      dataSource={problems}
      columns={[
        {
          title: t('json.columns.severity'),
          dataIndex: 'severity',
          width: 96,
          render: (severity: PlacedProblem['severity']) => (
            <Tag color={severity === 'error' ? 'red' : 'orange'}>{t(`json.${severity}`)}</Tag>
          ),
        },
        {
          title: t('json.columns.line'),
          dataIndex: 'lineNumber',
          width: 120,
          render: (_: unknown, problem) =>
            problem.lineNumber === null ? (
              t('json.noLine')
            ) : (
              <Button
                type="link"
                size="small"
                aria-label={t('json.goTo', { line: problem.lineNumber, message: problem.message })}
                onClick={() => onSelect(problem)}
              >
                {t('json.line', { line: problem.lineNumber })}
              </Button>
            ),
        },
        { title: t('json.columns.message'), dataIndex: 'message', render: (message: string) => message },
        {
          title: t('json.columns.path'),
          dataIndex: 'path',
          width: 280,
          render: (path: string) => <code style={{ wordBreak: 'break-all' }}>{path || '/'}</code>,
        },
      ]}
    />
  );
}
