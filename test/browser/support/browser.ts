import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

/** Debian's Chromium unless CHROMIUM_PATH names another (test/browser/run.cjs sets it). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where screenshots go (ignored by git): test-results/screenshots/<name>.png. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'test-results', 'screenshots');

/** The screen size the editor is made for. */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Launches headless Chromium without the sandbox, GPU or any background traffic of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What went wrong in a page: each test ends by asserting every list is empty. */
export interface PageRecord {
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests that failed on the network, and answers of 500 or more. */
  failedRequests: string[];
  /** Every request whose origin is not the service's. */
  foreignRequests: string[];
}

/** The origin a request goes to (`blob:` URLs belong to the origin that made them). */
function originOf(url: string): string | null {
  if (url.startsWith('data:')) return null;
  try {
    return new URL(url.startsWith('blob:') ? url.slice(5) : url).origin;
  } catch {
    return url;
  }
}

/** A browser page on the service's origin that records everything that would be a fault. */
export class RecordedPage {
  readonly record: PageRecord = {
    consoleErrors: [],
    pageErrors: [],
    failedRequests: [],
    foreignRequests: [],
  };
  private readonly allowed: RegExp[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly origin: string,
  ) {}

  /** A new context (fresh storage) and page at 1280×800, recording from the first request on. */
  static async open(browser: Browser, origin: string, locale = 'zh-CN'): Promise<RecordedPage> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale, baseURL: origin });
    const page = await context.newPage();
    const recorded = new RecordedPage(context, page, origin);
    recorded.listen();
    return recorded;
  }

  private listen(): void {
    const { record } = this;
    const describe = (request: Request) => `${request.method()} ${request.url()}`;
    this.context.on('request', (request) => {
      const origin = originOf(request.url());
      if (origin !== null && origin !== this.origin) record.foreignRequests.push(describe(request));
    });
    this.context.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'failed';
      // A request the page itself cancelled (a query left behind on navigating) is not a fault.
      if (reason === 'net::ERR_ABORTED') return;
      record.failedRequests.push(`${describe(request)}: ${reason}`);
    });
    this.context.on('response', (response) => {
      if (response.status() >= 500)
        record.failedRequests.push(`${describe(response.request())}: HTTP ${response.status()}`);
    });
    this.page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (!this.allowed.some((pattern) => pattern.test(text))) record.consoleErrors.push(text);
    });
    this.page.on('pageerror', (error) => record.pageErrors.push(`${error.name}: ${error.message}`));
  }

  /**
   * Accepts console errors matching `pattern` for the rest of the test: the browser's own "Failed
   * to load resource: … 401" when a test makes the service refuse a request on purpose.
   */
  allowConsoleError(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  /** Writes a screenshot of the page to test-results/screenshots/<name>.png; answers the path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
