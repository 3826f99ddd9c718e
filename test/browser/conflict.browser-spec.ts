import { describe, expect, it } from '@jest/globals';
import { createOfficial } from '../support/app';
import { callApi, passwordOf, RULESET_KEY } from './support/service-api';
import { browserSuite } from './support/suite';
import { UI_TIMEOUT, type EditorUi } from './support/ui';

/** Figures that apply to the whole city: only A changes the first, only B the second, both the third. */
const CARE = '重度残疾人护理补贴';
const ORPHAN = '散居孤儿基本生活费';
const LIVING = '困难残疾人生活补贴';
const DRAFT = `/rulesets/${encodeURIComponent(RULESET_KEY)}/versions/2021`;

/** Types a figure into a cell of the grid (from the keyboard) and gives the 2017 notice as its source. */
async function typeFigure(ui: EditorUi, parameter: string, value: string): Promise<void> {
  const cell = ui.cell(parameter, '全市');
  await cell.press('Enter');
  const input = ui.page.getByLabel(`修改 ${parameter} · 全市`);
  await input.fill(value);
  await input.press('Enter');
  const dialog = ui.dialog('填写修改后数值的来源');
  await ui.sees(dialog);
  const list = dialog.getByRole('combobox', { name: '文件' });
  await list.click();
  await list.fill('十政办发〔2017〕8号');
  await list.press('Enter');
  await ui.clickButton('确定来源', dialog);
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
  await ui.sees(ui.page.getByRole('button', { name: `${parameter} · 全市: ${value}.00` }));
}

/** Opens the 2021 draft's grid and waits for its figures. */
async function openDraft(ui: EditorUi): Promise<void> {
  await ui.page.goto(DRAFT);
  await ui.sees(ui.cell(LIVING, '全市'));
}

describe('two editors change one draft at the same time', () => {
  const suite = browserSuite();

  it('merges what each changed, asks which value to keep where both changed one, and loses nothing', async () => {
    const { service } = suite;
    const tokenA = await createOfficial(service, 'zhang.wei', ['editor']);
    await createOfficial(service, 'zhao.lei', ['editor']);
    const drafted = await callApi(service, tokenA, `/api/v1/rulesets/${RULESET_KEY}/versions`, {
      method: 'POST',
      body: { version: '2021', basedOn: '2020', effectiveFrom: '2021-01-01' },
    });
    expect(drafted.status).toBe(201);

    const a = { ui: suite.ui, recorded: suite.recorded };
    const b = await suite.openPage();
    await a.ui.signIn('zhang.wei', passwordOf('zhang.wei'));
    await b.ui.signIn('zhao.lei', passwordOf('zhao.lei'));
    await openDraft(a.ui);
    await openDraft(b.ui);

    await typeFigure(a.ui, CARE, '130');
    await typeFigure(a.ui, LIVING, '70');
    await typeFigure(b.ui, ORPHAN, '720');
    await typeFigure(b.ui, LIVING, '75');

    // B's edits live in B's browser: a reload keeps them, unsaved.
    await b.recorded.page.reload();
    await b.ui.sees(b.ui.page.getByRole('button', { name: `${ORPHAN} · 全市: 720.00` }));
    await b.ui.sees(b.ui.page.getByRole('button', { name: `${LIVING} · 全市: 75.00` }));
    await b.ui.sees(b.ui.page.getByRole('status').filter({ hasText: /^\d+ 处未保存的修改$/ }));

    await a.ui.clickButton('保存');
    await a.ui.sees(a.ui.page.getByRole('status').filter({ hasText: '没有未保存的修改' }));

    // B saves second: the editor sees A's save before sending B's (no refused request, so the
    // console stays clean), and the dialog names the figure both changed, with what each did, and
    // lists what only A changed, merged.
    await b.ui.clickButton('保存');
    const merge = b.ui.dialog('其他人已保存了这份草稿');
    await b.ui.sees(merge);
    const figure = merge.getByRole('listitem').filter({ hasText: LIVING });
    await b.ui.sees(figure);
    expect(await merge.getByRole('listitem').count()).toBe(1);
    await b.ui.sees(figure.getByText('60.00 → 70.00', { exact: true }));
    await b.ui.sees(figure.getByText('60.00 → 75.00', { exact: true }));
    await b.ui.sees(
      merge.getByRole('region', { name: '对方的其他修改(已合并)' }).getByText(/120\.00 → 130\.00/),
    );
    await b.recorded.screenshot('conflict-merge-dialog');
    await figure.getByRole('radio', { name: '采用对方的修改' }).check();
    await b.ui.clickButton('确认并保存', merge);
    await merge.waitFor({ state: 'detached', timeout: UI_TIMEOUT });
    await b.ui.sees(b.ui.page.getByRole('status').filter({ hasText: '没有未保存的修改' }));
    await b.ui.sees(b.ui.page.getByRole('button', { name: `${CARE} · 全市: 130.00` }));
    await b.ui.sees(b.ui.page.getByRole('button', { name: `${LIVING} · 全市: 70.00` }));
    await b.recorded.screenshot('conflict-merged');

    // The server holds A's figure, B's figure and the value B chose for the one both changed.
    const held = await callApi<{ parameters: { key: string; values: { value?: string }[] }[] }>(
      service,
      tokenA,
      `/api/v1/rulesets/${RULESET_KEY}/versions/2021`,
    );
    const value = (key: string) => held.body.parameters.find((p) => p.key === key)?.values[0]?.value;
    expect({
      care: value('disability.careSubsidy'),
      orphan: value('orphan.allowance.scattered'),
      living: value('disability.livingSubsidy'),
    }).toEqual({ care: '130.00', orphan: '720.00', living: '70.00' });
  });
});
