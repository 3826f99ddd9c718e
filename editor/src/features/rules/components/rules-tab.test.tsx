import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { valueAt } from '@/lib/json-merge';
import { useDraftStore } from '@/stores/draft-store';
import { renderScreen } from '@/test/render';
import { versionApi } from '../test/api';
import { fixtureDocument } from '../test/fixture';
import { RulesTab } from './rules-tab';

const doc = fixtureDocument();
const KEY = doc.metadata.key;
const VERSION = doc.metadata.version;
const itemOf = async (title: string) => (await screen.findByText(title)).closest('li') as HTMLElement;

beforeEach(() => useDraftStore.setState({ drafts: {} }));
afterEach(() => vi.unstubAllGlobals());

describe('RulesTab', () => {
  it('reads every rule and benefit as a Chinese sentence', async () => {
    vi.stubGlobal('fetch', versionApi(doc, 'published'));
    await renderScreen(<RulesTab rulesetKey={KEY} version={VERSION} />);
    expect((await itemOf('低保:家庭月人均收入低于低保标准')).textContent).toContain(
      '当 低保保障人数 ≥ 1 人 且 家庭财产符合规定 为 是 且 月人均收入 < 适用低保标准 时,认定为 最低生活保障',
    );
    const benefit = await itemOf('低保金(差额补助)');
    expect(benefit.textContent).toContain(
      '对符合 最低生活保障 的家庭每月发放 低保金(差额补助):适用低保标准 × 低保保障人数 − 家庭年纯收入 ÷ 12',
    );
    expect(benefit.textContent).toContain('保留 2 位小数,四舍五入');
    expect(benefit.textContent).toContain('十政办发〔2017〕8号 三(一)2');
    expect(screen.getByRole('heading', { name: '成员规则' })).toBeInTheDocument();
    // A published version offers no controls.
    expect(screen.queryByRole('spinbutton')).toBeNull();
  });

  it('reads the same version in English', async () => {
    vi.stubGlobal('fetch', versionApi(doc, 'published'));
    await renderScreen(<RulesTab rulesetKey={KEY} version={VERSION} />, { language: 'en' });
    expect((await itemOf('dibao: income per unit member below the standard')).textContent).toContain(
      'When Dibao unit size ≥ 1 person and Assets within the limit is yes',
    );
    expect(screen.getByRole('heading', { name: 'Benefits' })).toBeInTheDocument();
    expect((await itemOf('Dibao (difference subsidy)')).textContent).toContain('is paid monthly');
  });

  it('changes a number and a yes/no value of a draft in place', async () => {
    vi.stubGlobal('fetch', versionApi(doc, 'draft'));
    const user = userEvent.setup();
    await renderScreen(<RulesTab rulesetKey={KEY} version={VERSION} />);
    const number = await screen.findByRole('spinbutton', { name: '低保保障人数 的条件值' });
    await user.clear(number);
    await user.type(number, '2');
    const working = () => useDraftStore.getState().drafts[`${KEY}@${VERSION}`]?.working;
    await waitFor(() => expect(valueAt(working(), '/rules/household/0/conditions/all/0/value')).toBe('2'));
    await user.click(screen.getByRole('combobox', { name: '家庭财产符合规定 的条件值' }));
    await user.click(await screen.findByTitle('否'));
    await waitFor(() => expect(valueAt(working(), '/rules/household/0/conditions/all/1/value')).toBe(false));
  });

  it('links a parameter a condition compares with to the parameters tab', async () => {
    const withParameter = fixtureDocument();
    withParameter.rules.household[0]!.conditions.all![2] = {
      fact: 'perCapitaMonthlyIncome',
      operator: 'decimalLessThan',
      value: { fact: 'dibao.standard.rural' },
    };
    vi.stubGlobal('fetch', versionApi(withParameter, 'draft'));
    await renderScreen(<RulesTab rulesetKey={KEY} version={VERSION} />);
    const item = await itemOf('低保:家庭月人均收入低于低保标准');
    const link = within(item).getByRole('link', { name: '参数:农村低保标准(在“参数”页修改)' });
    expect(link).toHaveAttribute(
      'href',
      `/rulesets/${KEY}/versions/${VERSION}/parameters?parameter=dibao.standard.rural`,
    );
  });
});
