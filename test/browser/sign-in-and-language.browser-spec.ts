import { describe, expect, it } from '@jest/globals';
import { ADMIN_PASSWORD, browserSuite } from './support/suite';

interface RulesetSummary {
  key: string;
  title: { zh: string; en: string };
}

describe('signing in and the two languages', () => {
  const suite = browserSuite();

  it('sends a signed-out visitor to the login, then shows the admin the rulesets', async () => {
    const { ui, recorded, service } = suite;
    const page = recorded.page;
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(ui.address()).toBe('/login?next=%2F');
    await ui.seesText('社会救助标准规则平台');

    await ui.signIn('admin', ADMIN_PASSWORD);
    expect(ui.address()).toBe('/');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await ui.sees(nav.getByRole('link', { name: '规则集' }));
    await ui.sees(nav.getByRole('link', { name: '用户' }));
    await ui.sees(page.getByTestId('signed-in-user').filter({ hasText: 'admin' }));

    // Every ruleset the service holds is listed by its Chinese title, linking to its screen.
    const answer = await fetch(`${service.origin}/api/v1/rulesets`, {
      headers: { Authorization: `Bearer ${service.adminToken}` },
    });
    const rulesets = (await answer.json()) as RulesetSummary[];
    expect(rulesets.length).toBeGreaterThan(0);
    for (const ruleset of rulesets)
      await ui.sees(
        page.locator(`main a[href="/rulesets/${ruleset.key}"]`).filter({ hasText: ruleset.title.zh }),
      );
    await suite.screenshot('rulesets-zh');
  });

  it('switches navigation and headings to English and back to Chinese', async () => {
    const { ui, recorded } = suite;
    const page = recorded.page;
    await ui.signIn('admin', ADMIN_PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '用户' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    await ui.sees(page.getByRole('heading', { level: 1, name: '用户管理' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await ui.switchLanguage('English');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await ui.sees(nav.getByRole('link', { name: 'Rulesets' }));
    await ui.sees(nav.getByRole('link', { name: 'Users' }));
    await ui.sees(nav.getByRole('link', { name: 'API keys' }));
    await ui.sees(page.getByRole('heading', { level: 1, name: 'Users' }));
    await ui.sees(ui.button('Sign out'));
    await ui.sees(page.getByRole('columnheader', { name: 'Roles' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByText('用户管理').count()).toBe(0);
    await suite.screenshot('users-en');

    // The choice survives a reload, and switching back restores every Chinese label.
    await page.reload();
    await ui.sees(page.getByRole('heading', { level: 1, name: 'Users' }));
    await ui.switchLanguage('中文');
    await ui.sees(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '规则集' }));
    await ui.sees(page.getByRole('heading', { level: 1, name: '用户管理' }));
    await ui.sees(ui.button('退出登录'));
    expect(await page.getByRole('heading', { name: 'Users' }).count()).toBe(0);
  });
});
