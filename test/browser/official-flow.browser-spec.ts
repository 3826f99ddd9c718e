import { describe, expect, it } from '@jest/globals';
import Decimal from 'decimal.js';
import type { Locator, Page } from 'playwright-core';
import { createOfficial } from '../support/app';
import { callApi, jurisdictionsOfGroup, passwordOf, RULESET_KEY } from './support/service-api';
import { ADMIN_PASSWORD, browserSuite } from './support/suite';
import { UI_TIMEOUT, type EditorUi } from './support/ui';

/** The published notice the 2021 standards come from (illustrative, as every figure here). */
const NOTICE = {
  number: '十政办发〔2021〕1号',
  date: '2021-01-05',
  title: '关于提高2021年城乡低保标准的通知',
};
const RURAL = '农村低保标准';
const LIVING = '困难残疾人生活补贴';

/** A rural household of one working-age member without income, in `jurisdiction`. */
const household = (jurisdiction: string) => ({
  jurisdiction,
  residence: 'rural',
  annualNetIncome: '0',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1980-05-01' }],
});

interface Determination {
  ruleset: { version: string };
  benefits: { code: string; memberId: string | null; amount: string }[];
}

/** Picks a notice in a source form's 文件 list by typing part of its name (as a keyboard user). */
async function chooseNotice(dialog: Locator, text: string): Promise<void> {
  const list = dialog.getByRole('combobox', { name: '文件' });
  await list.click();
  await list.fill(text);
  await list.press('Enter');
}

/** The source form (of the bulk dialog or of the dialog after typing): a new published notice. */
async function giveNewNotice(ui: EditorUi, dialog: Locator): Promise<void> {
  await chooseNotice(dialog, '新增文件');
  await ui.sees(dialog.getByLabel('文号'));
  await dialog.getByLabel('文号').fill(NOTICE.number);
  await dialog.getByLabel('发文日期').fill(NOTICE.date);
  await dialog.getByLabel('发文日期').press('Enter');
  await dialog.getByLabel('文件标题').fill(NOTICE.title);
  await dialog.getByLabel('条款(可选)').fill('一');
}

/** The figure a grid cell shows (its accessible name ends with it). */
async function figureOf(cell: Locator): Promise<string> {
  const name = (await cell.getAttribute('aria-label')) ?? '';
  return name.slice(name.lastIndexOf(': ') + 2);
}

/** Waits until the live check has answered for what is on screen. */
async function checked(page: Page): Promise<void> {
  await page.getByText('已按当前输入检查政策约束').waitFor({ timeout: UI_TIMEOUT });
}

/** The dibao line of a determination (household line). */
const dibaoOf = (answer: Determination) =>
  answer.benefits.find((b) => b.code === 'dibao' && b.memberId === null)?.amount;

describe('an official drafts next year, an approver publishes it, caseworkers get the new amounts', () => {
  const suite = browserSuite();

  it('drafts 2021 from 2020, raises the counties’ rural standard, is stopped under a floor, submits; another official publishes', async () => {
    const { ui, recorded, service } = suite;
    const page = recorded.page;
    await createOfficial(service, 'zhang.wei', ['editor']);
    await createOfficial(service, 'li.na', ['approver']);
    const caseworker = await createOfficial(service, 'wang.fang', ['caseworker']);
    const counties = await jurisdictionsOfGroup(service, '县市区');
    expect(counties.length).toBeGreaterThan(1);
    const county = counties.find((c) => c.code === '420325') ?? counties[0];

    // 1. The editor official signs in, opens the ruleset and drafts 2021 from 2020.
    await ui.signIn('zhang.wei', passwordOf('zhang.wei'));
    await page.getByRole('link', { name: '十堰市社会救助兜底标准' }).first().click();
    await ui.sees(page.getByRole('link', { name: '打开版本 2020' }));
    await suite.screenshot('flow-01-versions');
    await ui.clickButton('以版本 2020 为基础起草下一年度');
    const drafting = ui.dialog('起草下一年度');
    await ui.sees(drafting);
    expect(await drafting.getByLabel('新版本名称').inputValue()).toBe('2021');
    expect(await drafting.getByLabel('生效日期').inputValue()).toBe('2021-01-01');
    await ui.clickButton('创建草稿', drafting);
    await page.waitForURL((url) => url.pathname.endsWith('/versions/2021'), { timeout: UI_TIMEOUT });
    await ui.sees(page.getByRole('heading', { level: 1, name: '十堰市社会救助兜底标准(2021年)' }));
    await ui.sees(page.getByRole('tab', { name: '参数标准', selected: true }));
    await checked(page);

    // 2. One bulk action raises every county's rural standard (a formula in 2020) by 30 yuan.
    const first = ui.cell(RURAL, counties[0].name);
    const last = ui.cell(RURAL, (counties[counties.length - 1] ?? counties[0]).name);
    await ui.sees(first);
    const before = new Map<string, string>();
    for (const c of counties) before.set(c.name, await figureOf(ui.cell(RURAL, c.name)));
    const raised = (name: string) => new Decimal(before.get(name) ?? '').plus(30).toFixed(2);
    await first.click({ modifiers: ['Control'] });
    await last.click({ modifiers: ['Shift'] });
    await ui.seesText(`已选 ${counties.length} 个数值`);
    await ui.clickButton('批量调整');
    const bulk = ui.dialog(`批量调整 ${counties.length} 个数值`);
    await ui.sees(bulk);
    await bulk.getByLabel('增加数额(可为负数)').fill('30');
    for (const c of counties)
      await ui.sees(bulk.getByRole('row').filter({ hasText: c.name }).getByText(raised(c.name)));
    await giveNewNotice(ui, bulk);
    await ui.clickButton(`应用到 ${counties.length} 个数值`, bulk);
    await bulk.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await checked(page);
    for (const c of counties) {
      const cell = page.getByRole('button', { name: `${RURAL} · ${c.name}: ${raised(c.name)}` });
      await ui.sees(cell);
      await ui.sees(cell.getByText(/^\+30\.00/));
    }
    await ui.sees(page.getByRole('status').filter({ hasText: '处未保存的修改' }));
    await suite.screenshot('flow-02-grid-raised');

    // 3. A figure under its floor is stopped with the constraint and its legal basis, before saving.
    const living = ui.cell(LIVING, '全市');
    const sourceDialog = ui.dialog('填写修改后数值的来源');
    const type = async (value: string) => {
      // From the keyboard: a click in the middle of the cell could land on its 缺少来源 tag.
      await living.press('Enter');
      const input = page.getByLabel(`修改 ${LIVING} · 全市`);
      await input.fill(value);
      await input.press('Enter');
      await ui.sees(sourceDialog);
    };
    await type('40');
    await ui.clickButton('稍后填写', sourceDialog);
    await checked(page);
    await ui.sees(page.getByRole('button', { name: `${LIVING} · 全市: 40.00` }));
    const findings = page.getByRole('alert').filter({ hasText: '低于或违反政策底线' });
    await ui.sees(findings.getByText('残疾人生活补贴不低于每人每月50元'));
    await ui.sees(findings.getByText('依据:十政办发〔2017〕8号 三(一)3'));
    await expect(living.getAttribute('aria-invalid')).resolves.toBe('true');
    await suite.screenshot('flow-03-under-floor');
    const held = await callApi<{ parameters: { key: string; values: { value?: string }[] }[] }>(
      service,
      service.adminToken,
      `/api/v1/rulesets/${RULESET_KEY}/versions/2021`,
    );
    const stored = held.body.parameters.find((p) => p.key === 'disability.livingSubsidy');
    expect(stored?.values.map((v) => v.value)).toEqual(['60.00']);

    await type('70');
    await chooseNotice(sourceDialog, NOTICE.number);
    await ui.clickButton('确定来源', sourceDialog);
    await sourceDialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await checked(page);
    await ui.sees(page.getByRole('button', { name: `${LIVING} · 全市: 70.00` }));
    await findings.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await expect(living.getAttribute('aria-invalid')).resolves.toBeNull();

    // 4. 变更清单 lists every change with its source.
    const changes = await ui.openTab('变更清单');
    for (const c of counties) {
      const row = changes.getByRole('row').filter({ hasText: RURAL }).filter({ hasText: c.name });
      await ui.sees(row.getByRole('cell', { name: before.get(c.name), exact: true }));
      await ui.sees(row.getByRole('cell', { name: raised(c.name), exact: true }));
      await ui.sees(row.getByRole('cell', { name: /^\+30\.00/ }));
      await ui.sees(row.getByRole('cell', { name: new RegExp(`^${NOTICE.number}`) }));
    }
    const livingRow = changes.getByRole('row').filter({ hasText: LIVING });
    await ui.sees(livingRow.getByRole('cell', { name: /^\+10\.00/ }));
    await suite.screenshot('flow-04-changes');

    // 5. Saves; the draft's own tests whose amounts changed fail, and their new amounts are accepted.
    await ui.clickButton('保存');
    await ui.sees(page.getByRole('status').filter({ hasText: '没有未保存的修改' }));
    const tests = await ui.openTab('测试用例');
    await ui.sees(tests.getByText(/^通过 \d+ 个,未通过 \d+ 个$/));
    await suite.screenshot('flow-05-tests');
    const failing = Number(
      /未通过 (\d+) 个/.exec((await tests.getByText(/^通过 \d+ 个/).textContent()) ?? '')?.[1],
    );
    expect(failing).toBeGreaterThan(0);
    await ui.clickButton(`选中全部未通过(${failing})`, tests);
    await ui.clickButton(`接受新金额(${failing})`, tests);
    const accepting = ui.dialog(`接受 ${failing} 个测试的新金额`);
    await ui.sees(accepting);
    await ui.clickButton('接受', accepting);
    await ui.sees(tests.getByText(`已接受 ${failing} 个测试的新金额`));
    await ui.sees(tests.getByText(/^通过 \d+ 个,未通过 0 个$/));

    await ui.clickButton('提交审核');
    await ui.clickUntil(ui.button('提交审核', page.getByRole('tooltip')), page.getByText('已提交审核'));
    await ui.sees(page.getByText('待审核', { exact: true }));
    // Four eyes: the official who drafted it may not publish it, and is told why.
    const blocked = page.getByLabel('发布需要审批人角色');
    await ui.sees(blocked);
    await expect(blocked.getByRole('button', { name: '发布' }).isDisabled()).resolves.toBe(true);
    await blocked.hover();
    await ui.sees(page.getByRole('tooltip').filter({ hasText: '发布需要审批人角色' }));
    await suite.screenshot('flow-05-submitted');

    // 6. The approver, in her own browser, publishes it, acknowledging the retroactive date.
    const approver = await suite.openPage();
    const review = approver.recorded.page;
    await approver.ui.signIn('li.na', passwordOf('li.na'));
    await review.getByRole('link', { name: '十堰市社会救助兜底标准' }).first().click();
    await review.getByRole('link', { name: '打开版本 2021' }).click();
    await approver.ui.sees(review.getByText('待审核', { exact: true }));
    await approver.ui.clickButton('发布');
    const retro = approver.ui.dialog('追溯生效确认');
    await approver.ui.sees(retro.getByText(/本版本的生效日期 2021-01-01 早于今天/));
    await approver.ui.tick(retro.getByRole('checkbox', { name: '我已了解并确认追溯生效' }));
    await approver.ui.clickButton('发布', retro);
    await approver.ui.seesText('已发布');
    await approver.ui.sees(review.getByText('已发布', { exact: true }));

    // 7. A caseworker system asks for the amount of a one-person rural household in a county.
    const evaluate = (asOf: string) =>
      callApi<Determination>(service, caseworker, `/api/v1/rulesets/${RULESET_KEY}/evaluate`, {
        method: 'POST',
        body: { asOf, household: household(county.code) },
      });
    const old = await evaluate('2020-06-30');
    const now = await evaluate('2021-06-30');
    expect([old.status, now.status]).toEqual([200, 200]);
    expect(now.body.ruleset.version).toBe('2021');
    const expected = new Decimal(dibaoOf(old.body) ?? 'NaN').plus(30).toFixed(2);
    expect(dibaoOf(now.body)).toBe(expected);

    // 8. The 试算 tab gives the same amount for the same household on a 2021 date.
    const calculator = await approver.ui.openTab('试算');
    const pick = (label: string, option: string) =>
      approver.ui.choose(calculator.getByRole('combobox', { name: label }), option);
    const date = async (field: Locator, value: string) => {
      await field.fill(value);
      await field.press('Enter');
    };
    await pick('所属县(市、区)', county.name);
    await pick('城乡类别', '农村');
    await calculator.getByRole('spinbutton', { name: '家庭年纯收入' }).fill('0');
    await pick('家庭财产符合规定', '是');
    await date(calculator.getByRole('textbox', { name: '出生日期' }), '1980-05-01');
    await date(calculator.getByRole('textbox', { name: '试算日期' }), '2021-06-30');
    await approver.ui.clickButton('试算', calculator);
    const mine = calculator.getByRole('table').first();
    const line = mine.getByRole('row').filter({ hasText: '全户' }).filter({ hasText: '低保' });
    await approver.ui.sees(line.getByRole('cell', { name: `${expected} /月`, exact: true }));
    await approver.ui.sees(calculator.getByText('2021-06-30 生效的版本(2021)'));
    await approver.recorded.screenshot('flow-08-calculator');

    // Every other main screen, as the approver sees the published version.
    const screens: [string, string][] = [
      ['参数标准', 'flow-09-grid-published'],
      ['规则与待遇', 'flow-10-rules'],
      ['JSON', 'flow-11-json'],
      ['测试用例', 'flow-12-tests-published'],
      ['审核历史', 'flow-13-history'],
    ];
    for (const [tab, name] of screens) {
      const panel = await approver.ui.openTab(tab);
      if (tab === '审核历史') await approver.ui.sees(panel.getByText('发布', { exact: true }));
      if (tab === '测试用例') await approver.ui.sees(panel.getByText(/^通过 \d+ 个,未通过 0 个$/));
      // Rules and JSON load Monaco first: wait until the panel has stopped loading.
      await panel.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT });
      if (tab === 'JSON') await approver.ui.sees(panel.getByRole('code'));
      if (tab === '规则与待遇') await approver.ui.sees(panel.getByRole('heading', { level: 2 }));
      await approver.recorded.screenshot(name);
    }
    await review.getByRole('link', { name: '比较版本' }).click();
    await review.waitForURL((url) => url.pathname.endsWith('/compare'), { timeout: UI_TIMEOUT });
    await approver.ui.sees(review.getByText(RURAL).first());
    await approver.recorded.screenshot('flow-14-compare');

    const admin = await suite.openPage();
    await admin.ui.signIn('admin', ADMIN_PASSWORD);
    await admin.recorded.page.getByRole('navigation').getByRole('link', { name: '用户' }).click();
    await admin.ui.sees(admin.recorded.page.getByRole('row').filter({ hasText: 'li.na' }));
    await admin.recorded.screenshot('flow-15-users');
  });
});
