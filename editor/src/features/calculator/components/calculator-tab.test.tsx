import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import { useDraftStore } from '@/stores/draft-store';
import { determination, doc2020, KEY, summary } from '../test/fixtures';
import { CalculatorTab } from './calculator-tab';

const BASE = `/api/v1/rulesets/${KEY}`;
const HOUSEHOLD = {
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: '0',
  assetsWithinLimit: true,
  members: [{ id: 'p1', birthDate: '1948-03-15' }],
};
const OURS = determination(
  '2020',
  [
    ['dibao', null, '433.00'],
    ['dibao_special_increment', 'p1', '108.25'],
  ],
  { monthly: '541.25', annual: '6495.00', oneOff: '0.00' },
  true,
);
const THEIRS = determination(
  '2019',
  [
    ['dibao', null, '395.00'],
    ['inpatient_assistance', 'p1', '20.00'],
  ],
  { monthly: '415.00', annual: '4980.00', oneOff: '0.00' },
  true,
);

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> };

function serve(evaluate: (body: { version?: string }) => Answer) {
  const calls: { version?: string; asOf: string; household: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      fakeApi({
        [`GET ${BASE}/versions`]: () => ({
          body: [summary('2020', 'draft', '2020-01-01'), summary('2019', 'published', '2019-01-01')],
        }),
        [`GET ${BASE}/versions/2020`]: () => ({ body: doc2020, headers: { ETag: '"sha256:2020"' } }),
        [`POST ${BASE}/evaluate`]: (body) => {
          calls.push(body as (typeof calls)[number]);
          return evaluate(body as { version?: string });
        },
      }),
    ),
  );
  return calls;
}

const both = (body: { version?: string }): Answer => ({ body: body.version ? OURS : THEIRS });

async function pasteHousehold(user: ReturnType<typeof userEvent.setup>, json: string, label: string) {
  await user.click(await screen.findByRole('tab', { name: label }));
  const area = await screen.findByRole('textbox', { name: /家庭 JSON|Household JSON/ });
  await user.clear(area);
  await user.click(area);
  await user.paste(json);
}

beforeEach(() => {
  useDraftStore.setState({ drafts: {} });
});
afterEach(() => vi.unstubAllGlobals());

describe('CalculatorTab', () => {
  it('builds the household form from the version’s facts, in Chinese', async () => {
    serve(both);
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />);
    expect(await screen.findByLabelText('所属县(市、区)')).toBeInTheDocument();
    expect(screen.getByLabelText('城乡类别')).toBeInTheDocument();
    expect(screen.getByLabelText('家庭年纯收入')).toBeInTheDocument();
    expect(screen.getByText('元/年,不含社会救助收入')).toBeInTheDocument();
    expect(screen.getByLabelText('出生日期')).toBeInTheDocument();
    expect(screen.getByLabelText('残疾等级')).toHaveValue('0');
    expect(screen.getByText('遭遇急难')).toBeInTheDocument();
    expect(screen.getByText('家庭成员(1 人,可填 1–30 人)')).toBeInTheDocument();
    // Enum values are shown in words, not codes.
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('城乡类别'));
    expect(await screen.findByText('农村')).toBeInTheDocument();
    // The asOf date defaults to the version's effective date.
    expect(screen.getByLabelText('试算日期')).toHaveValue('2020-01-01');
  });

  it('labels every fact in English when switched', async () => {
    serve(both);
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />, { language: 'en' });
    expect(await screen.findByLabelText('Jurisdiction')).toBeInTheDocument();
    expect(screen.getByLabelText('Annual net household income')).toBeInTheDocument();
    expect(screen.getByLabelText('Date of birth')).toBeInTheDocument();
    expect(screen.getByText('Members (1; 1–30 allowed)')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Calculate' })).toBeInTheDocument();
  });

  it('adds and removes members within the version’s limits', async () => {
    serve(both);
    const user = userEvent.setup();
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />);
    // Buttons found by their aria-label: role queries are slow on a form this large.
    expect(await screen.findByLabelText('删除成员 1')).toBeDisabled();
    await user.click(screen.getByText('添加成员'));
    expect(screen.getByText('成员 2')).toBeInTheDocument();
    const ids = () => screen.getAllByLabelText('成员编号').map((i) => (i as HTMLInputElement).value);
    expect(ids()).toEqual(['p1', 'p2']);
    expect(screen.getByLabelText('删除成员 1')).toBeEnabled();
    await user.click(screen.getByLabelText('删除成员 1'));
    expect(screen.queryByText('成员 2')).not.toBeInTheDocument();
    expect(ids()).toEqual(['p2']);
    expect(screen.getByLabelText('删除成员 1')).toBeDisabled();
  });

  it('evaluates under this version and the version in force, side by side, differences marked', async () => {
    const calls = serve(both);
    const user = userEvent.setup();
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />);
    await pasteHousehold(user, JSON.stringify(HOUSEHOLD), '粘贴 JSON');
    await user.click(screen.getByRole('button', { name: /试\s*算/ }));
    expect(await screen.findByText('+38.00')).toBeInTheDocument();
    expect(calls).toHaveLength(2);
    expect(calls.find((c) => c.version)).toEqual({
      asOf: '2020-01-01',
      household: HOUSEHOLD,
      version: '2020',
    });
    expect(calls.find((c) => !c.version)).toEqual({ asOf: '2020-01-01', household: HOUSEHOLD });
    const ours = screen.getByText('本版本(2020)').closest('.ant-card') as HTMLElement;
    const theirs = screen.getByText('2020-01-01 生效的版本(2019)').closest('.ant-card') as HTMLElement;
    expect(within(ours).getByText('低保金(差额补助)')).toBeInTheDocument();
    expect(within(ours).getByText('仅本版本有')).toBeInTheDocument();
    expect(within(ours).getByText('explanation dibao 2020')).toBeInTheDocument();
    expect(within(ours).getByText('+126.25')).toBeInTheDocument();
    expect(within(theirs).getByText('住院医疗救助')).toBeInTheDocument();
    expect(within(theirs).getByText('仅生效版本有')).toBeInTheDocument();
    expect(within(theirs).queryByText('+38.00')).not.toBeInTheDocument();
  });

  it('says so when no version is in force on the date', async () => {
    serve((body) =>
      body.version
        ? { body: OURS }
        : {
            status: 404,
            body: {
              type: 'https://shiyan-rules.local/problems/no-version-in-force',
              title: 'Not found',
              status: 404,
              detail: 'versions exist from 2017-02-01',
            },
          },
    );
    const user = userEvent.setup();
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />, { language: 'en' });
    await pasteHousehold(user, JSON.stringify(HOUSEHOLD), 'Paste JSON');
    await user.click(screen.getByRole('button', { name: 'Calculate' }));
    expect(await screen.findByText('No published version is in force on that date')).toBeInTheDocument();
    expect(screen.getByText('versions exist from 2017-02-01')).toBeInTheDocument();
    expect(screen.getByText('Dibao (difference subsidy)')).toBeInTheDocument();
  });

  it('shows the API’s problems next to the fields they name, after the JSON filled the form', async () => {
    serve(() => ({
      status: 422,
      body: {
        type: 'https://shiyan-rules.local/problems/invalid-input',
        title: '家庭信息有误',
        status: 422,
        errors: [{ path: '/members/0/birthDate', message: '不能晚于试算日期' }],
      },
    }));
    const user = userEvent.setup();
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />);
    await pasteHousehold(
      user,
      JSON.stringify({ ...HOUSEHOLD, members: [{ id: 'x9', birthDate: '2030-01-01' }] }),
      '粘贴 JSON',
    );
    await user.click(screen.getByRole('tab', { name: '表单填写' }));
    expect(screen.getByLabelText('成员编号')).toHaveValue('x9');
    expect(screen.getByLabelText('出生日期')).toHaveValue('2030-01-01');
    expect(screen.getByText('房县')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /试\s*算/ }));
    await waitFor(() => expect(screen.getAllByText('不能晚于试算日期').length).toBeGreaterThan(1));
    const nextToField = screen
      .getAllByText('不能晚于试算日期')
      .map((el) => el.closest('.ant-form-item'))
      .find(Boolean) as HTMLElement;
    expect(within(nextToField).getByLabelText('出生日期')).toBeInTheDocument();
  });

  it('shows why pasted JSON cannot be read and stays on it', async () => {
    serve(both);
    const user = userEvent.setup();
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />);
    await pasteHousehold(user, '{"members": [', '粘贴 JSON');
    await user.click(screen.getByRole('tab', { name: '表单填写' }));
    expect(await screen.findByText('JSON 无法解析')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: '粘贴 JSON' })).toHaveAttribute('aria-selected', 'true');
  });

  it('saves this version’s result as a test case of the draft, with a unique name', async () => {
    serve(both);
    const user = userEvent.setup();
    await renderScreen(<CalculatorTab rulesetKey={KEY} version="2020" />);
    await pasteHousehold(user, JSON.stringify(HOUSEHOLD), '粘贴 JSON');
    await user.click(screen.getByRole('button', { name: /试\s*算/ }));
    await screen.findByText('+38.00');
    await user.click(screen.getByRole('button', { name: '保存为测试用例' }));
    const name = await screen.findByLabelText('测试名称');
    await user.click(name);
    await user.paste(doc2020.tests[0]!.name);
    await user.click(screen.getByRole('button', { name: '加入草稿' }));
    expect(await screen.findByText('已有同名的测试用例')).toBeInTheDocument();
    await user.clear(name);
    await user.paste('房县 单人 72 岁');
    await user.click(screen.getByRole('button', { name: '加入草稿' }));
    await waitFor(() =>
      expect(useDraftStore.getState().drafts[`${KEY}@2020`]?.working.tests).toHaveLength(
        doc2020.tests.length + 1,
      ),
    );
    expect(useDraftStore.getState().drafts[`${KEY}@2020`]?.working.tests.at(-1)).toEqual({
      name: '房县 单人 72 岁',
      asOf: '2020-01-01',
      household: HOUSEHOLD,
      expected: {
        benefits: [
          { code: 'dibao', memberId: null, amount: '433.00' },
          { code: 'dibao_special_increment', memberId: 'p1', amount: '108.25' },
        ],
        totals: { monthly: '541.25', annual: '6495.00', oneOff: '0.00' },
        eligibility: { dibao: true },
      },
    });
  });
});
