import { fieldProblem } from '@/components/problem-alert';
import { ApiProblem } from '@/lib/api-client';

/**
 * Form.Item props that show the API's message for the request field at `path` (a JSON pointer such
 * as `/username`) under that field; none when the API named no problem there.
 */
export function problemProps(error: unknown, path: string): { validateStatus?: 'error'; help?: string } {
  const message = fieldProblem(error, path);
  return message ? { validateStatus: 'error', help: message } : {};
}

/** The error to show above a form: one that names no field of the form (such as a taken username). */
export function formLevelError(error: unknown, paths: readonly string[]): unknown {
  if (!error) return null;
  if (!(error instanceof ApiProblem)) return error;
  const named = error.fields.filter((f) => paths.some((p) => f.path === p || f.path.startsWith(`${p}/`)));
  return named.length && named.length === error.fields.length ? null : error;
}
