import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '@/test/render';
import { useDraftStore } from '@/stores/draft-store';
import { STAND_IN_NOTE } from '../model/edit';
import { draftDocument, fixtureApi } from '../test/fixture';
import { ParametersTab } from './parameters-tab';

const working = () => useDraftStore.getState().drafts['k@2021']?.working;
const cell = (id: string) => document.querySelector<HTMLElement>(`[data-cell="${id}"]`)!;

beforeEach(() => useDraftStore.setState({ drafts: {} }));
afterEach(() => vi.unstubAllGlobals());

async function show(
  language: 'zh' | 'en' = 'zh',
  status = 'draft',
  roles: ('editor' | 'analyst')[] = ['editor'],
  route = '/',
) {
  const api = fixtureApi(draftDocument(), status);
  vi.stubGlobal('fetch', api.fetch);
  await renderScreen(<ParametersTab rulesetKey="k" version="2021" />, { language, roles, route });
  await screen.findAllByText(language === 'zh' ? '农村低保标准' : 'Rural dibao standard');
  return api;
}

describe('ParametersTab', { timeout: 60_000 }, () => {
  it('shows schemes, overrides, inherited values and computed formulas (zh)', async () => {
    await show('zh');
    expect(screen.getByRole('heading', { name: '低保' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '其他' })).toBeInTheDocument();
    const fang = cell('dibao.standard.urban|420325');
    expect(fang).toHaveTextContent('600.00');
    expect(within(fang).getByText('单设')).toBeInTheDocument();
    const yunxi = cell('dibao.standard.urban|420322');
    expect(yunxi).toHaveTextContent('590.00');
    expect(within(yunxi).queryByText('单设')).toBeNull();
    await waitFor(() => expect(cell('dibao.standard.rural|420302')).toHaveTextContent('500.00'), {
      timeout: 3000,
    });
    expect(within(cell('dibao.standard.rural|*')).getByText('公式')).toBeInTheDocument();
    expect(screen.getByText('全市统一标准')).toBeInTheDocument();
  });

  it('marks and scrolls to the parameter a link names (?parameter=)', async () => {
    const scrolled: string[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.getAttribute('data-row-key') ?? '');
    };
    await show('zh', 'draft', ['editor'], '/?parameter=dibao.standard.urban');
    const row = document.querySelector('tr[data-row-key="dibao.standard.urban"]');
    expect(row).toHaveClass('parameter-row-linked');
    expect(document.querySelectorAll('tr.parameter-row-linked')).toHaveLength(1);
    await waitFor(() => expect(scrolled).toContain('dibao.standard.urban'));
  });

  it('labels everything in English', async () => {
    await show('en');
    expect(screen.getByRole('heading', { name: 'Dibao' })).toBeInTheDocument();
    expect(within(cell('dibao.standard.urban|420325')).getByText('Own')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Adjust in bulk' })).toBeDisabled();
    expect(screen.getAllByText('Whole city').length).toBeGreaterThan(0);
  });

  it('editing an inherited cell creates the override, shows the change and asks for its source', async () => {
    const user = userEvent.setup({ delay: null });
    await show('zh');
    await user.click(cell('dibao.standard.urban|420322'));
    expect(screen.getByText('将为郧西县单设标准')).toBeInTheDocument();
    const input = screen.getByRole('textbox', { name: /修改 城市低保标准 · 郧西县/ });
    await user.clear(input);
    await user.type(input, '620.555');
    expect(screen.getByRole('alert')).toHaveTextContent('金额最多两位小数');
    await user.clear(input);
    await user.type(input, '620{Enter}');
    const values = working()?.parameters.find((p) => p.key === 'dibao.standard.urban')?.values;
    expect(values?.at(-1)).toMatchObject({ for: '420322', value: '620.00' });
    const dialog = await screen.findByRole('dialog', { name: '填写修改后数值的来源' });
    await user.click(within(dialog).getByRole('button', { name: '稍后填写' }));
    const edited = cell('dibao.standard.urban|420322');
    expect(edited).toHaveTextContent('+30.00');
    expect(edited).toHaveTextContent('+5.1%');
    expect(within(edited).getByText('缺少来源')).toBeInTheDocument();
  });

  it('typing a figure again keeps the source this draft already gave it', async () => {
    // The closing dialog's mask is still fading out when the cell is clicked again.
    const user = userEvent.setup({ delay: null, pointerEventsCheck: 0 });
    await show('zh');
    const edit = async (value: string) => {
      await user.click(cell('dibao.standard.urban|420322'));
      const input = screen.getByRole('textbox', { name: /修改 城市低保标准 · 郧西县/ });
      await user.clear(input);
      await user.type(input, `${value}{Enter}`);
    };
    await edit('620');
    const dialog = await screen.findByRole('dialog', { name: '填写修改后数值的来源' });
    await user.click(await within(dialog).findByRole('radio', { name: '示例值' }));
    // The note field appears once 示例值 is chosen: wait for it (a busy machine renders it later).
    await user.type(
      await within(dialog).findByRole('textbox', { name: '说明' }, { timeout: 5000 }),
      '按上年增幅测算',
    );
    await user.click(within(dialog).getByRole('button', { name: '确定来源' }));
    const entry = () =>
      working()
        ?.parameters.find((p) => p.key === 'dibao.standard.urban')
        ?.values.find((v) => v.for === '420322');
    await waitFor(() => expect(entry()?.source).toEqual({ type: 'illustrative', note: '按上年增幅测算' }), {
      timeout: 5000,
    });
    await edit('625');
    expect(entry()).toMatchObject({
      value: '625.00',
      source: { type: 'illustrative', note: '按上年增幅测算' },
    });
    expect(within(cell('dibao.standard.urban|420322')).queryByText('缺少来源')).toBeNull();
  });

  it('bulk +30 over every county: preview, one source, then the store holds values and the notice', async () => {
    const user = userEvent.setup({ delay: null });
    await show('zh');
    await waitFor(() => expect(cell('dibao.standard.rural|420322')).toHaveTextContent('500.00'), {
      timeout: 3000,
    });
    await user.keyboard('{Control>}');
    await user.click(cell('dibao.standard.rural|420322'));
    await user.keyboard('{/Control}');
    await user.keyboard('{Shift>}');
    await user.click(cell('dibao.standard.rural|420325'));
    await user.keyboard('{/Shift}');
    expect(screen.getByText('已选 2 个数值')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '批量调整' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: '增加数额(可为负数)' }), '30');
    const preview = within(dialog).getAllByRole('row');
    expect(preview.filter((r) => /500\.00.*530\.00/.test(r.textContent ?? ''))).toHaveLength(2);
    // The rural line is a formula in the fixture, as in the shipped 2020 version: the dialog says so.
    expect(within(dialog).getByText(/其中 2 个数值目前按公式计算/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('combobox', { name: '文件' }));
    await user.click(await screen.findByText('新增文件…'));
    await user.type(await within(dialog).findByRole('textbox', { name: '文号' }), '十政办发〔2021〕3号');
    await user.type(within(dialog).getByRole('textbox', { name: '文件标题' }), '关于提高低保标准的通知');
    await user.click(within(dialog).getByRole('button', { name: '应用到 2 个数值' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const doc = working()!;
    const rural = doc.parameters.find((p) => p.key === 'dibao.standard.rural')!.values;
    const added = doc.metadata.sources.at(-1)!;
    expect(added).toMatchObject({ number: '十政办发〔2021〕3号', title: '关于提高低保标准的通知' });
    expect(rural.slice(1)).toEqual([
      { for: '420322', value: '530.00', source: { type: 'published', document: added.id } },
      { for: '420325', value: '530.00', source: { type: 'published', document: added.id } },
    ]);
    expect(rural[0]?.formula).toBeDefined();
    expect(cell('dibao.standard.rural|420325')).toHaveTextContent('+30.00');
    expect(within(cell('dibao.standard.rural|420325')).queryByText('缺少来源')).toBeNull();
  });

  it('turns a figure under its floor red with the constraint and its basis, before saving', async () => {
    const user = userEvent.setup({ delay: null });
    const api = await show('zh');
    await user.click(cell('disability.livingSubsidy|*'));
    const input = screen.getByRole('textbox', { name: /修改 困难残疾人生活补贴/ });
    await user.clear(input);
    await user.type(input, '45{Enter}');
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '稍后填写' }));
    expect(await screen.findByText('1 处低于或违反政策底线', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.getAllByText(/依据:十政办发〔2017〕8号 三\(一\)3/).length).toBeGreaterThan(0);
    await waitFor(() => expect(cell('disability.livingSubsidy|*')).toHaveAttribute('data-finding', 'error'));
    // The check gets a document that compiles although the figure still awaits its source.
    expect(
      api.checks.at(-1)?.parameters.find((p) => p.key === 'disability.livingSubsidy')?.values[0],
    ).toEqual({ value: '45.00', source: { type: 'illustrative', note: STAND_IN_NOTE } });
    expect(within(cell('disability.livingSubsidy|*')).getByText('缺少来源')).toBeInTheDocument();
  });

  it('consumes the Enter that keeps a figure, so it cannot close the source dialog it opens', async () => {
    const user = userEvent.setup({ delay: null });
    await show('zh');
    await user.click(cell('disability.livingSubsidy|*'));
    const input = screen.getByRole('textbox', { name: /修改 困难残疾人生活补贴/ });
    await user.clear(input);
    await user.type(input, '70');
    // A browser turns an Enter keydown left unhandled into a keypress (and a click) on whatever is
    // focused next: the dialog's close button. fireEvent answers false when it was consumed.
    expect(fireEvent.keyDown(input, { key: 'Enter' })).toBe(false);
    expect(await screen.findByRole('dialog', { name: '填写修改后数值的来源' })).toBeInTheDocument();
  });

  it('does not edit a published version and reads its saved parameters', async () => {
    const user = userEvent.setup({ delay: null });
    await show('zh', 'published', ['analyst']);
    await waitFor(() => expect(cell('dibao.standard.rural|420302')).toHaveTextContent('500.00'), {
      timeout: 3000,
    });
    await user.click(cell('dibao.standard.urban|420322'));
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: '批量调整' })).toBeNull();
  });
});
