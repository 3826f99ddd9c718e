import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '@/lib/api-client';

/** Shows an API problem (title, detail and every bad field it names) or any other error. */
export function ProblemAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : null;
  const title = problem?.title ?? (error instanceof Error ? error.message : t('error.unknown'));
  const fields = error instanceof ApiProblem ? error.fields : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      closable={onClose ? { onClose } : undefined}
      title={title}
      description={
        problem?.detail || fields.length ? (
          <>
            {problem?.detail && problem.detail !== title ? <div>{problem.detail}</div> : null}
            {fields.length ? (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {fields.slice(0, 50).map((f, i) => (
                  <li key={`${f.path}-${i}`}>
                    <code>{f.path || '/'}</code> {f.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : undefined
      }
    />
  );
}

/** The message the API gave for the field at `path` (or under it), for a form item's help text. */
export function fieldProblem(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.fields.find((f) => f.path === path || f.path.startsWith(`${path}/`))?.message;
}
