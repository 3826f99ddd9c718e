import type { Locator, Page } from 'playwright-core';

/** How long the editor may take to show something after an action (the machine is shared). */
export const UI_TIMEOUT = 20_000;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A button's accessible name as a pattern: a string must match the whole name. */
export function buttonName(name: string | RegExp): RegExp {
  return name instanceof RegExp ? name : new RegExp(`^${escape(name)}$`);
}

/** The few things a test does in the editor, by what an official sees (roles and names). */
export class EditorUi {
  constructor(readonly page: Page) {}

  /** The path of the page's address (`/admin/users`), with its query. */
  address(): string {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  /**
   * Signs in on the login screen (opening it first unless the page is already there) and waits
   * until the editor has left it. Works in either language.
   */
  async signIn(username: string, password: string): Promise<void> {
    if (new URL(this.page.url(), 'http://x').pathname !== '/login') await this.page.goto('/login');
    await this.page.locator('input[autocomplete="username"]').fill(username);
    await this.page.locator('input[autocomplete="current-password"]').fill(password);
    await this.page.locator('button[type="submit"]').click();
    await this.page.waitForURL((url) => url.pathname !== '/login', { timeout: UI_TIMEOUT });
  }

  /** Opens a ruleset's screen (its versions) by its key, from its address. */
  async openRuleset(key: string): Promise<void> {
    await this.page.goto(`/rulesets/${encodeURIComponent(key)}`);
    await this.page.locator('main').first().waitFor({ timeout: UI_TIMEOUT });
  }

  /** The button with this accessible name (exactly; see {@link buttonName}), within `scope`. */
  button(name: string | RegExp, scope: Page | Locator = this.page): Locator {
    return scope.getByRole('button', { name: buttonName(name) });
  }

  /** Clicks the button with this accessible name, within `scope` (a dialog, say). */
  async clickButton(name: string | RegExp, scope: Page | Locator = this.page): Promise<void> {
    await this.button(name, scope).click({ timeout: UI_TIMEOUT });
  }

  /**
   * Clicks `target` (in a popover or dialog that may still be opening) until `done` shows: a click
   * during the opening animation can miss, as in {@link choose}. Once the target is gone, the click
   * was taken, and `done` gets the usual time.
   */
  async clickUntil(target: Locator, done: Locator): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      await target.click({ timeout: UI_TIMEOUT });
      try {
        await done.first().waitFor({ state: 'visible', timeout: 3_000 });
        return;
      } catch (error) {
        if (!(await target.isVisible())) {
          await this.sees(done);
          return;
        }
        if (attempt === 3) throw error;
      }
    }
  }

  /** Ticks a checkbox of a dialog that may still be opening (see {@link clickUntil}). */
  async tick(checkbox: Locator): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await checkbox.check({ timeout: UI_TIMEOUT });
        return;
      } catch (error) {
        if (await checkbox.isChecked()) return;
        if (attempt === 3) throw error;
      }
    }
  }

  /** The open dialog whose title is `title`. */
  dialog(title: string): Locator {
    return this.page
      .locator('.ant-modal')
      .filter({ has: this.page.locator('.ant-modal-title', { hasText: title }) });
  }

  /** Waits until `locator` is visible (and answers it). */
  async sees(locator: Locator): Promise<Locator> {
    await locator.first().waitFor({ state: 'visible', timeout: UI_TIMEOUT });
    return locator;
  }

  /** Waits until the text is visible somewhere on the page. */
  seesText(text: string | RegExp): Promise<Locator> {
    return this.sees(this.page.getByText(text));
  }

  /** A figure of the parameter grid, by its parameter's label and its place (全市, a group, a county). */
  cell(parameter: string, place: string, scope: Page | Locator = this.page): Locator {
    return scope.getByRole('button', { name: new RegExp(`^${escape(parameter)} · ${escape(place)}: `) });
  }

  /** Opens a tab of a version's screen (参数标准, 变更清单, …) and waits for its panel. */
  async openTab(name: string): Promise<Locator> {
    await this.page.getByRole('tab', { name, exact: true }).click({ timeout: UI_TIMEOUT });
    return this.sees(this.page.getByRole('tabpanel', { name, exact: true }));
  }

  /**
   * Chooses `option` (its visible label) in an Ant Design select, as a mouse user: opens the list,
   * clicks the option, and checks the select now shows it (a click during the list's opening
   * animation can miss; then it tries again).
   */
  async choose(select: Locator, option: string): Promise<void> {
    const shown = select.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');
    for (let attempt = 1; ; attempt += 1) {
      await select.click({ timeout: UI_TIMEOUT });
      const item = this.page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true });
      await item.first().click({ timeout: UI_TIMEOUT });
      try {
        await shown.filter({ hasText: option }).waitFor({ timeout: 2_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Switches the editor's language with the 中文 / English switch. */
  async switchLanguage(language: '中文' | 'English'): Promise<void> {
    await this.page.getByText(language, { exact: true }).first().click();
  }
}
