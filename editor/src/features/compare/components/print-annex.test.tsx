import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { switchLanguage } from '@/lib/i18n';
import { renderScreen } from '@/test/render';
import { Address, KEY, stubCompareApi } from '../test/compare-api';
import { ComparePage } from './compare-page';
import { documentNumberKey } from './print-annex';

vi.mock('@/lib/monaco', () => ({}));
vi.mock('@monaco-editor/react', () => ({ DiffEditor: () => null }));

afterEach(() => vi.unstubAllGlobals());

const page = (search: string, language: 'zh' | 'en' = 'zh') =>
  renderScreen(
    <>
      <ComparePage rulesetKey={KEY} />
      <Address />
    </>,
    { route: `/rulesets/${KEY}/compare${search}`, language },
  );

const annexRows = () =>
  within(screen.getByTestId('annex'))
    .getAllByRole('row')
    .map((row) =>
      within(row)
        .queryAllByRole('cell')
        .map((c) => c.textContent),
    );

describe('the notice annex', () => {
  it('prints title, number, date and one numbered row per changed standard and place (zh)', async () => {
    stubCompareApi();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await page('?from=2019&to=2020');
    await userEvent.click(await screen.findByRole('tab', { name: '公告附件' }));
    expect(screen.getByTestId('address')).toHaveTextContent('view=annex');
    const annex = await screen.findByTestId('annex');
    expect(annex).toHaveTextContent('附件:十堰市社会救助兜底标准(2020年) 标准调整表');
    expect(annex).toHaveTextContent('执行日期:2020年1月1日');
    expect(
      within(annex)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual([
      expect.stringContaining('附件'),
      '序号',
      '项目',
      '地区',
      '原标准',
      '新标准',
      '调整幅度',
      '单位',
    ]);
    const rows = annexRows().filter((cells) => cells.length > 0);
    expect(rows[0]).toEqual(['1', '农村低保标准', '十堰城区', '418.00', '456.00', '+38.00(+9.1%)', '元/月']);
    expect(rows).toContainEqual([
      expect.any(String),
      '城市低保标准',
      '县市区',
      '560.00',
      '590.00',
      '+30.00(+5.4%)',
      '元/月',
    ]);
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)));

    await userEvent.type(screen.getByLabelText('文号'), '十政办发〔2021〕3号');
    expect(screen.getByTestId('annex-number')).toHaveTextContent('十政办发〔2021〕3号');
    expect(localStorage.getItem(documentNumberKey(KEY, '2019', '2020'))).toBe('十政办发〔2021〕3号');
    await userEvent.click(screen.getByRole('button', { name: /打印/ }));
    expect(print).toHaveBeenCalledOnce();
  });

  it('remembers the number per comparison and leaves out the schemes unticked (en)', async () => {
    localStorage.setItem(documentNumberKey(KEY, '2019', '2020'), 'Doc 3');
    stubCompareApi();
    await page('?from=2019&to=2020&view=annex', 'en');
    const annex = await screen.findByTestId('annex');
    expect(screen.getByLabelText('Document number')).toHaveValue('Doc 3');
    expect(annex).toHaveTextContent(
      'Annex: Shiyan social-assistance standards (2020), table of adjusted standards',
    );
    expect(annex).toHaveTextContent('Effective: 1 January 2020');
    expect(annexRows().flat()).toContain('Shiyan city area');
    expect(annexRows().flat()).toContain("Previous year's rural consumption per capita");
    await userEvent.click(screen.getByRole('checkbox', { name: 'Statistics' }));
    expect(annexRows().flat()).not.toContain("Previous year's rural consumption per capita");
    expect(annexRows().flat()).toContain('Urban dibao standard');
  });

  it('follows a change of language', async () => {
    stubCompareApi();
    await page('?from=2019&to=2020&view=annex');
    await screen.findByTestId('annex');
    expect(screen.getByRole('columnheader', { name: '原标准' })).toBeInTheDocument();
    await act(() => switchLanguage('en'));
    expect(screen.getByRole('columnheader', { name: 'Old standard' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Changes' })).toBeInTheDocument();
    expect(annexRows().flat()).toContain('Citywide');
    await act(() => switchLanguage('zh'));
  });
});
