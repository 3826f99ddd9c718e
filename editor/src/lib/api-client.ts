import i18n from 'i18next';
import { useSessionStore } from './session';

/** One bad field of a problem answer: a JSON pointer into the request and what is wrong with it. */
export interface ProblemField {
  path: string;
  message: string;
  [extra: string]: unknown;
}

/** RFC 9457 problem details, as the rules API answers every error. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemField[];
  [extra: string]: unknown;
}

/** An error answer of the API (or a network failure, status 0), with its problem details. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly problem: ProblemBody;
  constructor(status: number, problem: ProblemBody) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.problem = problem;
  }
  /** The bad fields the API named (empty when it named none). */
  get fields(): ProblemField[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export interface ApiRequest {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Sent as If-Match (the ETag the edit started from). */
  ifMatch?: string;
  signal?: AbortSignal;
  /** Sign in without a token (the login itself). */
  anonymous?: boolean;
}

export interface ApiAnswer<T> {
  data: T;
  etag: string | null;
  status: number;
}

/** The language the API answers in: the editor's own. */
function acceptLanguage(): string {
  return i18n.language === 'en' ? 'en' : 'zh-CN,zh;q=0.9';
}

/**
 * Calls the rules API on this origin. Answers the parsed JSON body and the ETag; throws
 * {@link ApiProblem} for every non-2xx answer (with the API's problem details, in the editor's
 * language) and for a network failure (status 0). A 401 on an authenticated call ends the session
 * as expired, which returns the official to the login (drafts stay in local storage).
 */
export async function apiCall<T>(path: string, request: ApiRequest = {}): Promise<ApiAnswer<T>> {
  const session = useSessionStore.getState().session;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': acceptLanguage() };
  if (!request.anonymous && session) headers.Authorization = `Bearer ${session.token}`;
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (request.ifMatch) headers['If-Match'] = request.ifMatch;
  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiProblem(0, {
      title: i18n.t('common:network.title'),
      detail: i18n.t('common:network.detail'),
    });
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = { title: text.slice(0, 200) };
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !request.anonymous && session) useSessionStore.getState().end('expired');
    throw new ApiProblem(response.status, (body ?? { title: `HTTP ${response.status}` }) as ProblemBody);
  }
  return { data: body as T, etag: response.headers.get('ETag'), status: response.status };
}

/** {@link apiCall}, answering only the body. */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  return (await apiCall<T>(path, request)).data;
}

/** `/api/v1/rulesets/{key}…` with each segment encoded. */
export function rulesetPath(key: string, ...rest: string[]): string {
  return ['/api/v1/rulesets', key, ...rest]
    .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
    .join('/');
}
