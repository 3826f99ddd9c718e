import { describe, expect, it } from '@jest/globals';
import { ADMIN_PASSWORD, browserSuite } from './support/suite';

describe('one origin only', () => {
  const suite = browserSuite();

  it('serves the editor under a self-only Content-Security-Policy', async () => {
    const { recorded } = suite;
    const response = await recorded.page.goto('/');
    expect(response?.status()).toBe(200);
    const csp = response?.headers()['content-security-policy'] ?? '';
    for (const directive of [
      "default-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
    ])
      expect(csp).toContain(directive);
    const scriptSources = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSources.split(' ').filter((source) => /^https?:|^\*$/.test(source))).toEqual([]);
  });

  it('sends no request anywhere but the service while an official works', async () => {
    const { recorded, ui } = suite;
    const page = recorded.page;
    const seen: string[] = [];
    recorded.context.on('request', (request) => seen.push(request.url()));
    await ui.signIn('admin', ADMIN_PASSWORD);
    for (const address of [
      '/',
      '/admin/users',
      '/admin/api-keys',
      '/rulesets/shiyan-social-assistance',
      '/rulesets/shiyan-social-assistance/versions/2020',
    ]) {
      await page.goto(address);
      await page.locator('main').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    await ui.switchLanguage('English');
    await page.waitForLoadState('networkidle');

    expect(seen.length).toBeGreaterThan(10);
    expect(seen.filter((url) => !url.startsWith(`${suite.service.origin}/`))).toEqual([]);
    expect(recorded.record.foreignRequests).toEqual([]);
    // Nothing in the page points elsewhere either (scripts, styles, images, links, frames); inline
    // `data:` addresses load nothing.
    const references = await page.evaluate<string[]>(
      `[...document.querySelectorAll('[src], [href]')].map((element) => element.href || element.src)`,
    );
    const elsewhere = references.filter(
      (url) => url && !url.startsWith('data:') && !url.startsWith(`${suite.service.origin}/`),
    );
    expect(elsewhere).toEqual([]);
  });
});
