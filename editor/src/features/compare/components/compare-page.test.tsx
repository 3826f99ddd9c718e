import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '@/test/render';
import { doc2019 } from '../test/fixtures';
import { Address, KEY, stubCompareApi } from '../test/compare-api';
import { ComparePage } from './compare-page';

vi.mock('@/lib/monaco', () => ({}));
vi.mock('@monaco-editor/react', () => ({
  DiffEditor: (props: { original: string; modified: string; options: { readOnly: boolean } }) => (
    <div data-testid="diff-editor" data-read-only={String(props.options.readOnly)}>
      <pre data-testid="original">{props.original}</pre>
      <pre data-testid="modified">{props.modified}</pre>
    </div>
  ),
}));

afterEach(() => vi.unstubAllGlobals());

const page = (search: string, language: 'zh' | 'en' = 'zh') =>
  renderScreen(
    <>
      <ComparePage rulesetKey={KEY} />
      <Address />
    </>,
    { route: `/rulesets/${KEY}/compare${search}`, language },
  );

/** The cells' texts of the standards table's row whose parameter and place are given. */
async function rowTexts(parameter: string, place: string): Promise<string[]> {
  const row = (await screen.findAllByRole('row')).find(
    (r) => r.textContent?.includes(parameter) && r.textContent.includes(place),
  );
  if (!row) throw new Error(`no row ${parameter} ${place}`);
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent ?? '');
}

describe('ComparePage', () => {
  it('shows each changed standard per place with signed change and percentage (zh)', async () => {
    stubCompareApi();
    await page('?from=2019&to=2020');
    expect(await rowTexts('城市低保标准', '十堰城区')).toEqual(
      expect.arrayContaining(['城市低保标准', '十堰城区', '元/月', '660.00', '690.00', '+30.00', '+4.5%']),
    );
    expect(await rowTexts('城市低保标准', '县市区')).toEqual(expect.arrayContaining(['+30.00', '+5.4%']));
    expect(await rowTexts('分散供养特困人员供养标准', '全市')).toEqual(
      expect.arrayContaining(['元/年', '7200.00', '7800.00', '+600.00', '+8.3%']),
    );
    // Grouped by scheme: the scheme's cell spans its rows.
    expect(screen.getByRole('cell', { name: '低保' })).toHaveAttribute('rowspan');
    expect(screen.getAllByText('+30.00', { selector: '.ant-typography-success' }).length).toBeGreaterThan(0);
    // Settings in words.
    expect(screen.getByText('复核日期')).toBeInTheDocument();
    expect(screen.getByText('2021-12-31')).toBeInTheDocument();
  });

  it('labels everything in English', async () => {
    stubCompareApi();
    await page('?from=2019&to=2020', 'en');
    expect(await rowTexts('Urban dibao standard', 'Shiyan city area')).toEqual(
      expect.arrayContaining(['yuan/month', '660.00', '690.00', '+30.00', '+4.5%']),
    );
    expect(await rowTexts('Extreme-poverty standard, scattered', 'Citywide')).toEqual(
      expect.arrayContaining(['+8.3%']),
    );
    expect(screen.getByRole('columnheader', { name: 'Old standard' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Notice annex' })).toBeInTheDocument();
    expect(screen.getByText('Review by')).toBeInTheDocument();
  });

  it('fills the address with the latest version and its base, and swaps them', async () => {
    const { asked } = stubCompareApi();
    await page('');
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent('?from=2019&to=2020'));
    await rowTexts('城市低保标准', '十堰城区');
    await userEvent.click(screen.getByRole('button', { name: '交换原版本和新版本' }));
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent('?from=2020&to=2019'));
    await waitFor(async () =>
      expect(await rowTexts('城市低保标准', '十堰城区')).toEqual(expect.arrayContaining(['−30.00', '−4.3%'])),
    );
    expect(screen.getAllByText('−30.00', { selector: '.ant-typography-danger' }).length).toBeGreaterThan(0);
    expect(asked).toEqual(['from=2019&to=2020', 'from=2020&to=2019']);
  });

  it('puts the version picked in a select into the address', async () => {
    const { asked } = stubCompareApi();
    await page('?from=2019&to=2020');
    await rowTexts('城市低保标准', '十堰城区');
    await userEvent.click(screen.getByRole('combobox', { name: '原版本' }));
    // Each option: its name, status and effective date.
    const option = await screen.findByText('2020-01-01 起', { selector: '.ant-select-item-option *' });
    expect(option.closest('.ant-select-item-option')).toHaveTextContent('2020已发布2020-01-01 起');
    await userEvent.click(option);
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent('?from=2020&to=2020'));
    expect(await screen.findByText('两个版本相同')).toBeInTheDocument();
    expect(asked).toEqual(['from=2019&to=2020']);
  });

  it('says the versions are the same without asking for a diff', async () => {
    const { asked } = stubCompareApi();
    await page('?from=2020&to=2020');
    expect(await screen.findByText('两个版本相同')).toBeInTheDocument();
    expect(asked).toEqual([]);
  });

  it('says the versions are the same when the diff finds nothing', async () => {
    stubCompareApi([doc2019, { ...doc2019, metadata: { ...doc2019.metadata, version: '2019b' } }]);
    await page('?from=2019&to=2019b', 'en');
    expect(await screen.findByText('The two versions are the same')).toBeInTheDocument();
  });

  it('shows both documents pretty-printed, read-only, in the diff editor', async () => {
    stubCompareApi();
    await page('?from=2019&to=2020&view=json');
    expect(await screen.findByTestId('diff-editor')).toHaveAttribute('data-read-only', 'true');
    expect(screen.getByTestId('original').textContent).toBe(`${JSON.stringify(doc2019, null, 2)}\n`);
    expect(screen.getByTestId('modified').textContent).toContain('\n  "formatVersion": 1,');
    expect(screen.getByText('原版本 2019')).toBeInTheDocument();
  });
});
