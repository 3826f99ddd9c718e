import { describe, expect, it } from '@jest/globals';
import { ADMIN_PASSWORD, browserSuite } from './support/suite';

describe('administration in the browser', () => {
  const suite = browserSuite();

  it('creates an editor user who can then sign in', async () => {
    const { ui, recorded, service } = suite;
    const page = recorded.page;
    await ui.signIn('admin', ADMIN_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '用户' }).click();
    await ui.sees(page.getByRole('heading', { level: 1, name: '用户管理' }));

    await ui.clickButton('新建用户');
    const dialog = ui.dialog('新建用户');
    await ui.sees(dialog);
    await dialog.getByLabel('用户名').fill('li.na');
    await dialog.getByLabel('初始密码').fill('li-na-password-123');
    await dialog.getByRole('checkbox', { name: /编辑/ }).check();
    await ui.clickButton('新建用户', dialog);
    await ui.seesText('已创建用户 li.na');
    const row = page.getByRole('row').filter({ hasText: 'li.na' });
    await ui.sees(row.getByText('编辑', { exact: true }));
    await ui.sees(row.getByText('editor', { exact: true }));
    await suite.screenshot('users-created');

    const login = await fetch(`${service.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'li.na', password: 'li-na-password-123' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${service.origin}/api/v1/auth/me`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(await me.json()).toMatchObject({ username: 'li.na', roles: ['editor'] });
  });

  it('creates an API key that works until it is revoked', async () => {
    const { ui, recorded, service } = suite;
    const page = recorded.page;
    await recorded.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: service.origin,
    });
    await ui.signIn('admin', ADMIN_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: 'API 密钥' }).click();
    await ui.sees(page.getByRole('heading', { level: 1, name: 'API 密钥' }));

    await ui.clickButton('新建密钥');
    const form = ui.dialog('新建密钥');
    await ui.sees(form);
    await form.getByLabel('名称').fill('房县救助系统');
    await form.getByRole('checkbox', { name: /经办/ }).check();
    await ui.clickButton('新建密钥', form);

    const shown = ui.dialog('新 API 密钥');
    await ui.sees(shown.getByText(/关闭此窗口后将不再显示该密钥/));
    const key = await shown.getByLabel('密钥').inputValue();
    expect(key.length).toBeGreaterThan(20);
    await ui.clickButton('复制', shown);
    await ui.seesText('已复制到剪贴板');
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(key);
    await suite.screenshot('api-key-shown-once');
    await ui.clickButton('我已保存', shown);
    await shown.waitFor({ state: 'detached' });
    // The list never shows the key.
    const row = page.getByRole('row').filter({ hasText: '房县救助系统' });
    await ui.sees(row.getByText('有效'));
    expect(await page.getByText(key).count()).toBe(0);

    const rulesets = () =>
      fetch(`${service.origin}/api/v1/rulesets`, { headers: { Authorization: `Bearer ${key}` } });
    const before = await rulesets();
    expect(before.status).toBe(200);
    expect(Array.isArray(await before.json())).toBe(true);

    await ui.clickButton('吊销:房县救助系统');
    const confirm = page.getByRole('dialog').filter({ hasText: '吊销密钥“房县救助系统”?' });
    await ui.sees(confirm.getByText(/下一次请求将被拒绝/));
    // The confirmation may still be opening: a click in its animation can miss (see clickUntil).
    await ui.clickUntil(ui.button('吊销', confirm), row.getByText('已吊销'));
    expect((await rulesets()).status).toBe(401);
  });
});
