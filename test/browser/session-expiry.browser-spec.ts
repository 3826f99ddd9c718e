import { describe, expect, it } from '@jest/globals';
import { ADMIN_PASSWORD, browserSuite } from './support/suite';

/**
 * Seconds an access token lasts here. ACCESS_TOKEN_TTL_SECONDS accepts a minute at least, so the
 * suite sets the lifetime after the environment is read (bootService's `settings`).
 */
const TOKEN_SECONDS = 6;

describe('an expired session', () => {
  const suite = browserSuite({ settings: { accessTokenTtlSeconds: TOKEN_SECONDS } });

  it('returns to the login with the "expired" notice, then back to the same address', async () => {
    const { recorded, ui } = suite;
    const page = recorded.page;
    // A request in flight as the token runs out is refused 401 (and Chromium logs that).
    recorded.allowConsoleError(/status of 401/);
    const address = '/rulesets/shiyan-social-assistance/versions/2020/history';
    await page.goto(address);
    await page.waitForURL((url) => url.pathname === '/login');
    await ui.signIn('admin', ADMIN_PASSWORD);
    expect(ui.address()).toBe(address);
    await ui.seesText('admin');

    await page.waitForURL((url) => url.pathname === '/login', { timeout: (TOKEN_SECONDS + 20) * 1000 });
    expect(ui.address()).toBe(`/login?next=${encodeURIComponent(address)}`);
    await ui.seesText('登录已过期,请重新登录。您未保存的修改仍保留在本浏览器中。');
    await suite.screenshot('session-expired');

    await ui.signIn('admin', ADMIN_PASSWORD);
    expect(ui.address()).toBe(address);
    expect(await page.getByText('登录已过期').count()).toBe(0);
  });
});
