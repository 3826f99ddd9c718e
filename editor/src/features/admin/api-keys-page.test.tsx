import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import { ApiKeysPage } from './index';
import type { ApiKeySummary } from './types';

const SECRET = 'rk_live_0123456789abcdef0123456789abcdef';

const key = (id: string, name: string, extra: Partial<ApiKeySummary> = {}): ApiKeySummary => ({
  id,
  name,
  roles: ['caseworker'],
  kind: 'service-account',
  actsFor: `service:${name}`,
  createdBy: 'admin',
  createdAt: '2026-11-28T09:30:00.000Z',
  expiresAt: '2099-11-28T09:30:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  revokedBy: null,
  ...extra,
});

/** The dialog a title belongs to (in jsdom every Ant Design dialog is labelled by the same id). */
const dialogTitled = (title: HTMLElement) => title.closest<HTMLElement>('[role="dialog"]') as HTMLElement;

afterEach(() => vi.unstubAllGlobals());

describe('ApiKeysPage', () => {
  it('answers 403 to an official without the admin role', async () => {
    vi.stubGlobal('fetch', fakeApi({}));
    await renderScreen(<ApiKeysPage />, { roles: ['analyst'], language: 'en' });
    expect(screen.getByText('No access')).toBeInTheDocument();
  });

  it('lists keys with their status and roles in both languages', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/api-keys': () => ({
          body: [key('k1', 'fangxian'), key('k2', 'old', { revokedAt: '2026-11-29T00:00:00.000Z' })],
        }),
      }),
    );
    const { unmount } = await renderScreen(<ApiKeysPage />, { roles: ['admin'] });
    const row = (await screen.findByText('fangxian')).closest('tr') as HTMLElement;
    expect(within(row).getByText('经办')).toBeInTheDocument();
    expect(within(row).getByText('有效')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: '吊销:fangxian' })).toBeInTheDocument();
    const revoked = screen.getByText('old').closest('tr') as HTMLElement;
    expect(within(revoked).getByText('已吊销')).toBeInTheDocument();
    expect(within(revoked).queryByRole('button')).toBeNull();
    unmount();

    await renderScreen(<ApiKeysPage />, { roles: ['admin'], language: 'en' });
    expect(await screen.findByRole('heading', { name: 'API keys' })).toBeInTheDocument();
    expect(await screen.findAllByText('Caseworker')).toHaveLength(2);
    expect(screen.getByText('Revoked')).toBeInTheDocument();
  });

  it('shows a new key once, with a warning and a copy button', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/api-keys': () => ({ body: [] }),
        'POST /api/v1/api-keys': (body) => {
          posted.push(body);
          return { status: 201, body: { id: 'k9', key: SECRET } };
        },
      }),
    );
    const ui = userEvent.setup();
    await renderScreen(<ApiKeysPage />, { roles: ['admin'] });
    expect(await screen.findByText('还没有 API 密钥')).toBeInTheDocument();
    await ui.click(screen.getByRole('button', { name: '新建密钥' }));
    const form = dialogTitled(await screen.findByText('新建密钥', { selector: '.ant-modal-title' }));
    await ui.type(within(form).getByLabelText('名称'), '房县救助系统');
    await ui.click(within(form).getByRole('checkbox', { name: /经办/ }));
    await ui.click(within(form).getByRole('switch', { name: '作为服务账号' }));
    await ui.click(within(form).getByRole('button', { name: '新建密钥' }));

    const shown = dialogTitled(await screen.findByText('新 API 密钥'));
    expect(posted).toEqual([{ name: '房县救助系统', roles: ['caseworker'], serviceAccount: true }]);
    expect(within(shown).getByText(/关闭此窗口后将不再显示该密钥/)).toBeInTheDocument();
    expect(within(shown).getByLabelText('密钥')).toHaveValue(SECRET);
    await ui.click(within(shown).getByRole('button', { name: '复制' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(await screen.findByText('已复制到剪贴板')).toBeInTheDocument();

    await ui.click(within(shown).getByRole('button', { name: '我已保存' }));
    await waitFor(() => expect(screen.queryByDisplayValue(SECRET)).toBeNull());
  });

  it('selects the key for Ctrl+C when the clipboard refuses', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/api-keys': () => ({ body: [] }),
        'POST /api/v1/api-keys': () => ({ status: 201, body: { id: 'k9', key: SECRET } }),
      }),
    );
    const ui = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await renderScreen(<ApiKeysPage />, { roles: ['admin'], language: 'en' });
    await ui.click(await screen.findByRole('button', { name: 'New key' }));
    const form = dialogTitled(await screen.findByText('New key', { selector: '.ant-modal-title' }));
    await ui.type(within(form).getByLabelText('Name'), 'case system');
    await ui.click(within(form).getByRole('checkbox', { name: /Caseworker/ }));
    await ui.click(within(form).getByRole('button', { name: 'New key' }));
    const shown = dialogTitled(await screen.findByText('New API key'));
    await ui.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/press Ctrl\+C/)).toBeInTheDocument();
    const field = within(shown).getByLabelText('Key') as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    expect(field.selectionEnd! - field.selectionStart!).toBe(SECRET.length);
  });

  it('revokes a key only after confirming', async () => {
    const deleted: string[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/api-keys': () => ({ body: [key('k1', 'fangxian')] }),
        'DELETE /api/v1/api-keys/k1': () => {
          deleted.push('k1');
          return { status: 204 };
        },
      }),
    );
    const ui = userEvent.setup();
    await renderScreen(<ApiKeysPage />, { roles: ['admin'], language: 'en' });
    await ui.click(await screen.findByRole('button', { name: 'Revoke: fangxian' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/refused \(401\)/)).toBeInTheDocument();
    expect(deleted).toEqual([]);
    await ui.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(deleted).toEqual(['k1']));
    expect(await screen.findByText('Key “fangxian” revoked')).toBeInTheDocument();
  });
});
