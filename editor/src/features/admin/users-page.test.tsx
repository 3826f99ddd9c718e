import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import { UsersPage } from './index';
import type { UserAccount } from './types';

const user = (username: string, roles: UserAccount['roles'], disabled = false): UserAccount => ({
  id: `id-${username}`,
  username,
  roles,
  disabled,
  createdAt: '2026-11-28T09:30:00.000Z',
  passwordChangedAt: null,
});

/** The dialog a title belongs to (in jsdom every Ant Design dialog is labelled by the same id). */
const dialogTitled = (title: HTMLElement) => title.closest<HTMLElement>('[role="dialog"]') as HTMLElement;

afterEach(() => vi.unstubAllGlobals());

describe('UsersPage', () => {
  it('answers 403 to an official without the admin role, in both languages', async () => {
    const fetch = vi.fn(fakeApi({}));
    vi.stubGlobal('fetch', fetch);
    const { unmount } = await renderScreen(<UsersPage />, { roles: ['editor'] });
    expect(screen.getByText('无权访问')).toBeInTheDocument();
    unmount();
    await renderScreen(<UsersPage />, { roles: ['editor'], language: 'en' });
    expect(screen.getByText('No access')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lists users with role names beside their codes, in Chinese and in English', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/users': () => ({
          body: [user('admin', ['admin', 'editor']), user('wang.fang', ['approver'], true)],
        }),
      }),
    );
    const { unmount } = await renderScreen(<UsersPage />, { roles: ['admin'] });
    const table = await screen.findByRole('table');
    const row = within(table).getByText('wang.fang').closest('tr') as HTMLElement;
    expect(within(row).getByText('审核发布')).toBeInTheDocument();
    expect(within(row).getByText('approver')).toBeInTheDocument();
    expect(within(row).getByText('已停用')).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: '启用:wang.fang' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '用户管理' })).toBeInTheDocument();
    unmount();

    await renderScreen(<UsersPage />, { roles: ['admin'], language: 'en' });
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument();
    expect(await screen.findByText('Reviewer and publisher')).toBeInTheDocument();
    expect(screen.getByText('Disabled')).toBeInTheDocument();
  });

  it('creates a user and shows the problem the API names next to its field', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/users': () => ({ body: [user('admin', ['admin'])] }),
        'POST /api/v1/users': (body) => {
          posted.push(body);
          return posted.length === 1
            ? {
                status: 400,
                body: {
                  title: '请求无效',
                  status: 400,
                  errors: [{ path: '/username', message: '只能包含字母、数字、点、横线或下划线' }],
                },
              }
            : { status: 201, body: user('li.na', ['editor']) };
        },
      }),
    );
    const ui = userEvent.setup();
    await renderScreen(<UsersPage />, { roles: ['admin'] });
    await ui.click(await screen.findByRole('button', { name: '新建用户' }));
    const dialog = await screen.findByRole('dialog');
    await ui.type(within(dialog).getByLabelText('用户名'), 'li na');
    await ui.type(within(dialog).getByLabelText('初始密码'), 'a long passphrase');
    await ui.click(within(dialog).getByRole('checkbox', { name: /编辑/ }));
    await ui.click(within(dialog).getByRole('button', { name: '新建用户' }));
    expect(await within(dialog).findByText('只能包含字母、数字、点、横线或下划线')).toBeInTheDocument();
    expect(posted[0]).toEqual({ username: 'li na', password: 'a long passphrase', roles: ['editor'] });

    const field = within(dialog).getByLabelText('用户名');
    await ui.clear(field);
    await ui.type(field, 'li.na');
    await ui.click(within(dialog).getByRole('button', { name: '新建用户' }));
    expect(await screen.findByText('已创建用户 li.na')).toBeInTheDocument();
    expect(posted[1]).toEqual({ username: 'li.na', password: 'a long passphrase', roles: ['editor'] });
  });

  it('asks before disabling, saying issued tokens stop working at once', async () => {
    const patched: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/users': () => ({ body: [user('admin', ['admin']), user('wang.fang', ['editor'])] }),
        'PATCH /api/v1/users/wang.fang': (body) => {
          patched.push(body);
          return { body: user('wang.fang', ['editor'], true) };
        },
      }),
    );
    const ui = userEvent.setup();
    await renderScreen(<UsersPage />, { roles: ['admin'] });
    await ui.click(await screen.findByRole('button', { name: '停用:wang.fang' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/已签发的令牌立即失效/)).toBeInTheDocument();
    expect(patched).toEqual([]);
    await ui.click(within(dialog).getByRole('button', { name: '停用' }));
    await waitFor(() => expect(patched).toEqual([{ disabled: true }]));
    expect(await screen.findByText('已停用 wang.fang')).toBeInTheDocument();
  });

  it('changes roles and resets a password with the bodies the API expects', async () => {
    const calls: [string, unknown][] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/users': () => ({ body: [user('wang.fang', ['editor'])] }),
        'PATCH /api/v1/users/wang.fang': (body) => {
          calls.push(['PATCH', body]);
          return { body: user('wang.fang', ['editor', 'analyst']) };
        },
        'POST /api/v1/users/wang.fang/password': (body) => {
          calls.push(['POST', body]);
          return { status: 204 };
        },
      }),
    );
    const ui = userEvent.setup();
    await renderScreen(<UsersPage />, { roles: ['admin'], language: 'en' });
    await ui.click(await screen.findByRole('button', { name: 'Change roles: wang.fang' }));
    let dialog = dialogTitled(await screen.findByText('Change the roles of wang.fang'));
    expect(within(dialog).getByRole('checkbox', { name: /Editor/ })).toBeChecked();
    await ui.click(within(dialog).getByRole('checkbox', { name: /Analyst/ }));
    await ui.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls).toEqual([['PATCH', { roles: ['editor', 'analyst'] }]]));
    expect(await screen.findByText('Roles of wang.fang changed')).toBeInTheDocument();

    await ui.click(screen.getByRole('button', { name: 'Reset password: wang.fang' }));
    dialog = dialogTitled(await screen.findByText('Reset the password of wang.fang'));
    await ui.type(within(dialog).getByLabelText('New password'), 'another long passphrase');
    await ui.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    await waitFor(() => expect(calls[1]).toEqual(['POST', { password: 'another long passphrase' }]));
    expect(await screen.findByText('Password of wang.fang reset')).toBeInTheDocument();
  });
});
