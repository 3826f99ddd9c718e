import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { Environment } from '../../../api/src/config/environment';
import { ADMIN_PASSWORD } from '../../support/app';
import { launchChromium, RecordedPage } from './browser';
import { startService, type ListeningService } from './service';
import { EditorUi } from './ui';

export { ADMIN_PASSWORD };

/** What a browser test works with; valid inside a test (each test gets a fresh page). */
export interface BrowserSuite {
  service: ListeningService;
  browser: Browser;
  /** The test's page, recording console errors, page errors, failed and foreign requests. */
  recorded: RecordedPage;
  ui: EditorUi;
  /** Writes test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  /**
   * Another official's browser (a new context with its own storage, recording like the test's
   * page) for the rest of the test; closed and checked for faults with the test's page.
   */
  openPage(locale?: string): Promise<{ recorded: RecordedPage; ui: EditorUi }>;
}

/**
 * Registers the hooks of a browser suite: one service and one Chromium for the file, a new
 * browser context and page for each test, and after each test the assertion that the page logged
 * no console error, threw nothing, had no request fail and sent nothing to another origin.
 */
export function browserSuite(
  options: { env?: Record<string, string>; settings?: Partial<Environment> } = {},
): BrowserSuite {
  let service: ListeningService | undefined;
  let browser: Browser | undefined;
  let recorded: RecordedPage | undefined;
  let ui: EditorUi | undefined;
  let others: RecordedPage[] = [];
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready (use it inside a test)`);
    return value;
  };

  beforeAll(async () => {
    service = await startService(options.env, options.settings);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });
  beforeEach(async () => {
    recorded = await RecordedPage.open(
      required(browser, 'the browser'),
      required(service, 'the service').origin,
    );
    ui = new EditorUi(recorded.page);
  });
  afterEach(async () => {
    const pages = [recorded, ...others].filter((p): p is RecordedPage => p !== undefined);
    recorded = undefined;
    others = [];
    for (const page of pages) await page.close();
    const clean = { consoleErrors: [], pageErrors: [], failedRequests: [], foreignRequests: [] };
    for (const page of pages) expect(page.record).toEqual(clean);
  });

  return {
    get service() {
      return required(service, 'the service');
    },
    get browser() {
      return required(browser, 'the browser');
    },
    get recorded() {
      return required(recorded, 'the page');
    },
    get ui() {
      return required(ui, 'the page');
    },
    screenshot: (name) => required(recorded, 'the page').screenshot(name),
    openPage: async (locale) => {
      const page = await RecordedPage.open(
        required(browser, 'the browser'),
        required(service, 'the service').origin,
        locale,
      );
      others.push(page);
      return { recorded: page, ui: new EditorUi(page.page) };
    },
  };
}
