import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '@/test/render';
import { useDraftStore } from '@/stores/draft-store';
import { PENDING_SOURCE, withSource, writeCells } from '../model/edit';
import { baseDocument, draftDocument, fixtureApi } from '../test/fixture';
import { ChangesTab } from './changes-tab';

beforeEach(() => useDraftStore.setState({ drafts: {} }));
afterEach(() => vi.unstubAllGlobals());

/** The draft with the counties' urban standard raised (no source yet) and a new subsidy notice. */
function changedDraft() {
  const base = baseDocument();
  let doc = writeCells(
    draftDocument(),
    [{ key: 'dibao.standard.urban', target: { kind: 'group', id: 'counties' }, value: '620.00' }],
    PENDING_SOURCE,
    base,
  );
  const { document, source } = withSource(doc, {
    type: 'published',
    notice: { number: '十政办发〔2021〕3号', date: '2021-01-05', title: '通知' },
  });
  doc = writeCells(
    document,
    [{ key: 'disability.livingSubsidy', target: { kind: 'city' }, value: '70.00' }],
    source,
    base,
  );
  return doc;
}

const rowWith = (text: string) => screen.getAllByRole('row').find((r) => r.textContent?.includes(text))!;

describe('ChangesTab', { timeout: 60_000 }, () => {
  it('lists each change with old → new, delta and source, and prints (zh)', async () => {
    vi.stubGlobal('fetch', fixtureApi(changedDraft()).fetch);
    const print = vi.fn();
    vi.stubGlobal('print', print);
    await renderScreen(<ChangesTab rulesetKey="k" version="2021" />, { language: 'zh' });
    await screen.findByText('共 2 处变更', { exact: false }, { timeout: 3000 });
    const urban = rowWith('城市低保标准');
    expect(within(urban).getByText('郧西县')).toBeInTheDocument();
    expect(urban).toHaveTextContent('590.00');
    expect(urban).toHaveTextContent('620.00');
    expect(urban).toHaveTextContent('+30.00 / +5.1%');
    expect(within(urban).getByText('缺少来源')).toBeInTheDocument();
    const subsidy = rowWith('困难残疾人生活补贴');
    expect(within(subsidy).getByText('全市')).toBeInTheDocument();
    expect(subsidy).toHaveTextContent('+10.00 / +16.7%');
    expect(subsidy).toHaveTextContent('十政办发〔2021〕3号 2021-01-05');
    expect(within(subsidy).queryByText('缺少来源')).toBeNull();
    expect(screen.getByText(/其中 1 处缺少来源/)).toBeInTheDocument();
    screen.getByRole('button', { name: '打印' }).click();
    expect(print).toHaveBeenCalled();
  });

  it('speaks English', async () => {
    vi.stubGlobal('fetch', fixtureApi(changedDraft()).fetch);
    await renderScreen(<ChangesTab rulesetKey="k" version="2021" />, { language: 'en' });
    await screen.findByText('2 change(s)', { exact: false }, { timeout: 3000 });
    const urban = rowWith('Urban dibao standard');
    expect(within(urban).getByText('Yunxi')).toBeInTheDocument();
    expect(within(urban).getByText('Source missing')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Before' })).toBeInTheDocument();
  });

  it('says so when nothing changed', async () => {
    vi.stubGlobal('fetch', fixtureApi().fetch);
    await renderScreen(<ChangesTab rulesetKey="k" version="2021" />, { language: 'zh' });
    await waitFor(() => expect(screen.getByText('与基础版本 2020 相比没有变化')).toBeInTheDocument(), {
      timeout: 3000,
    });
  });
});
