import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { AppProviders, createQueryClient } from '@/app/providers';
import { editorResources } from '@/app/i18n-resources';
import { initI18n, type EditorLanguage } from '@/lib/i18n';
import i18n from 'i18next';
import { useSessionStore, type Role } from '@/lib/session';

/**
 * Renders a screen with every provider, in `language`, signed in as `roles` (none: signed out), at
 * `route`. API calls go to `fetch`, which tests replace with `vi.stubGlobal('fetch', …)`.
 */
export async function renderScreen(
  ui: ReactElement,
  {
    language = 'zh',
    roles = ['editor'],
    route = '/',
  }: { language?: EditorLanguage; roles?: Role[] | null; route?: string } = {},
): Promise<RenderResult> {
  initI18n(editorResources(), language);
  await i18n.changeLanguage(language);
  if (roles)
    useSessionStore
      .getState()
      .signIn({ token: 't', username: 'tester', roles, expiresAt: Date.now() + 3_600_000 });
  else useSessionStore.setState({ session: null, ended: null });
  return render(
    <AppProviders client={createQueryClient()}>
      <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
    </AppProviders>,
  );
}

/** A fetch stand-in answering JSON by method and path; unknown requests answer 404 problems. */
export function fakeApi(
  routes: Record<
    string,
    (
      body: unknown,
      init: RequestInit,
    ) => { status?: number; body?: unknown; headers?: Record<string, string> }
  >,
) {
  return async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const method = (init.method ?? 'GET').toUpperCase();
    const find = (m: string) => routes[`${m} ${path}`] ?? routes[`${m} ${path.split('?')[0]}`];
    // A HEAD is the GET without its body, as the service answers it.
    const handler = find(method) ?? (method === 'HEAD' ? find('GET') : undefined);
    if (!handler)
      return new Response(JSON.stringify({ title: 'Not Found', status: 404 }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    const answer = handler(init.body ? JSON.parse(String(init.body)) : undefined, init);
    return new Response(answer.body === undefined || method === 'HEAD' ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...(answer.headers ?? {}) },
    });
  };
}
