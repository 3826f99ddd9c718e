import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import { useDraftStore } from '@/stores/draft-store';
import { BASE, doc2020, FAILING, KEY, PASSING, REPORT, summary } from '../test/fixtures';
import { TestsTab } from './tests-tab';

type Handler = Parameters<typeof fakeApi>[0][string];

function serve(status: 'draft' | 'in_review', extra: Record<string, Handler> = {}) {
  const fetch = vi.fn(
    fakeApi({
      [`GET ${BASE}/versions`]: () => ({ body: [summary('2020', status, 'sha256:a')] }),
      [`GET ${BASE}/versions/2020`]: () => ({ body: doc2020, headers: { ETag: '"sha256:a"' } }),
      [`POST ${BASE}/versions/2020/tests/run`]: () => ({ body: REPORT }),
      ...extra,
    }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const calls = (fetch: ReturnType<typeof vi.fn>, method: string, path: string) =>
  fetch.mock.calls.filter(
    ([url, init]) => url === path && ((init as RequestInit)?.method ?? 'GET') === method,
  );

async function expandFailing(user: ReturnType<typeof userEvent.setup>) {
  const row = (await screen.findByText(FAILING)).closest('tr') as HTMLElement;
  await user.click(within(row).getByRole('button'));
}

beforeEach(() => useDraftStore.setState({ drafts: {} }));
afterEach(() => vi.unstubAllGlobals());

describe('TestsTab', () => {
  it('runs the tests on open and shows what a failing case got, line by line', async () => {
    const fetch = serve('draft');
    const user = userEvent.setup();
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />);
    expect(await screen.findByText('通过 1 个,未通过 1 个')).toBeInTheDocument();
    expect(calls(fetch, 'POST', `${BASE}/versions/2020/tests/run`)).toHaveLength(1);
    expect(screen.getByText('未通过')).toBeInTheDocument();
    expect(screen.getByText('通过')).toBeInTheDocument();
    await expandFailing(user);
    const dibao = screen.getByText('低保金(差额补助)').closest('tr') as HTMLElement;
    expect(within(dibao).getByText('全户')).toBeInTheDocument();
    expect(within(dibao).getByText('433.00')).toBeInTheDocument();
    expect(within(dibao).getByText('463.00')).toBeInTheDocument();
    expect(within(dibao).getByText('+30.00')).toBeInTheDocument();
    expect(screen.getByText('特殊困难群体增发')).toBeInTheDocument();
    expect(screen.getByText('实际无此项')).toBeInTheDocument();
    expect(screen.getByText('每月合计')).toBeInTheDocument();
    expect(screen.getByText('−78.25')).toBeInTheDocument();
    expect(screen.getByText('最低生活保障:预期 是,实际 否')).toBeInTheDocument();
    // Lines that match are listed too, marked as such.
    const premium = screen.getByText('医保个人缴费资助').closest('tr') as HTMLElement;
    expect(within(premium).getByText('一致')).toBeInTheDocument();
    // 只看未通过 hides the passing case.
    await user.click(screen.getByLabelText('只看未通过'));
    expect(screen.queryByText(PASSING)).not.toBeInTheDocument();
    expect(screen.getByText(FAILING)).toBeInTheDocument();
  });

  it('says why a test could not be evaluated, and does not offer to accept it', async () => {
    const broken = {
      ...REPORT.tests[0]!,
      evaluated: false,
      lines: [],
      totals: [],
      eligibility: [],
      messages: ['household/members/0/birthDate: 晚于计算日期'],
    };
    serve('draft', {
      [`POST ${BASE}/versions/2020/tests/run`]: () => ({
        body: { ...REPORT, tests: [broken, REPORT.tests[1]] },
      }),
    });
    const user = userEvent.setup();
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />);
    expect(await screen.findByText('无法计算')).toBeInTheDocument();
    expect(screen.getByLabelText(`选择测试“${FAILING}”`)).toBeDisabled();
    expect(screen.getByText('选中全部未通过(0)').closest('button')).toBeDisabled();
    await expandFailing(user);
    expect(screen.getByText('household/members/0/birthDate: 晚于计算日期')).toBeInTheDocument();
  });

  it('shows the differences in English when switched', async () => {
    serve('draft');
    const user = userEvent.setup();
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />, { language: 'en' });
    expect(await screen.findByText('1 passed, 1 failed')).toBeInTheDocument();
    await expandFailing(user);
    expect(screen.getByText('Dibao (difference subsidy)')).toBeInTheDocument();
    expect(screen.getByText('No such line')).toBeInTheDocument();
    expect(screen.getByText('Minimum living guarantee (dibao): expected Yes, got No')).toBeInTheDocument();
    expect(screen.getByText('Accept the new amounts (0)')).toBeInTheDocument();
  });

  it('accepts the chosen tests with If-Match, then starts again from the new content', async () => {
    const accepted = { ...doc2020, tests: doc2020.tests.slice(1) };
    let served = 0;
    const fetch = serve('draft', {
      [`GET ${BASE}/versions/2020`]: () => ({
        body: served++ === 0 ? doc2020 : accepted,
        headers: { ETag: served === 1 ? '"sha256:a"' : '"sha256:b"' },
      }),
      [`POST ${BASE}/versions/2020/tests/accept`]: () => ({
        body: {
          ...summary('2020', 'draft', 'sha256:b'),
          warnings: [{ code: 'eligibility-changed', test: FAILING, message: '测试的预期资格改变' }],
        },
        headers: { ETag: '"sha256:b"' },
      }),
    });
    const user = userEvent.setup();
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />);
    await user.click(await screen.findByText('选中全部未通过(1)'));
    await user.click(screen.getByText('接受新金额(1)'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('433.00 → 463.00')).toBeInTheDocument();
    expect(within(dialog).getByText('是 → 否')).toBeInTheDocument();
    // Only what changes is listed: the matching premium line is not.
    expect(within(dialog).queryByText(/医保个人缴费资助/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByText(/接\s*受/, { selector: 'button span' }));
    expect(await screen.findByText('已接受 1 个测试的新金额')).toBeInTheDocument();
    expect(screen.getByText('测试的预期资格改变')).toBeInTheDocument();
    const [[, init]] = calls(fetch, 'POST', `${BASE}/versions/2020/tests/accept`) as [[string, RequestInit]];
    expect((init.headers as Record<string, string>)['If-Match']).toBe('"sha256:a"');
    expect(JSON.parse(String(init.body))).toEqual({ tests: [FAILING] });
    await waitFor(() => expect(useDraftStore.getState().drafts[`${KEY}@2020`]?.etag).toBe('"sha256:b"'));
    expect(useDraftStore.getState().drafts[`${KEY}@2020`]?.working.tests).toHaveLength(
      doc2020.tests.length - 1,
    );
  });

  it('saves unsaved edits first, then accepts against the saved content', async () => {
    const fetch = serve('draft', {
      [`PUT ${BASE}/versions/2020`]: () => ({
        body: { ...summary('2020', 'draft', 'sha256:c') },
        headers: { ETag: '"sha256:c"' },
      }),
      [`POST ${BASE}/versions/2020/tests/accept`]: () => ({
        body: summary('2020', 'draft', 'sha256:d'),
        headers: { ETag: '"sha256:d"' },
      }),
    });
    const user = userEvent.setup();
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />);
    await screen.findByText('选中全部未通过(1)');
    await waitFor(() => expect(useDraftStore.getState().drafts[`${KEY}@2020`]).toBeDefined());
    useDraftStore.getState().setValue(KEY, '2020', '/metadata/title/zh', '改过的标题');
    expect(await screen.findByText(/测试按服务器上最后保存的内容运行/)).toBeInTheDocument();
    await user.click(screen.getByText('选中全部未通过(1)'));
    await user.click(screen.getByText('接受新金额(1)'));
    await user.click(await screen.findByText('保存并继续'));
    const [[, put]] = calls(fetch, 'PUT', `${BASE}/versions/2020`) as [[string, RequestInit]];
    expect((put.headers as Record<string, string>)['If-Match']).toBe('"sha256:a"');
    const dialog = (await screen.findByText('接受 1 个测试的新金额')).closest('.ant-modal') as HTMLElement;
    await waitFor(() => expect(calls(fetch, 'POST', `${BASE}/versions/2020/tests/run`)).toHaveLength(2));
    const ok = within(dialog)
      .getByText(/接\s*受/, { selector: 'button span' })
      .closest('button')!;
    await waitFor(() => expect(ok).toBeEnabled());
    await user.click(ok);
    await screen.findByText('已接受 1 个测试的新金额');
    const [[, accept]] = calls(fetch, 'POST', `${BASE}/versions/2020/tests/accept`) as [
      [string, RequestInit],
    ];
    expect((accept.headers as Record<string, string>)['If-Match']).toBe('"sha256:c"');
  });

  it('asks for the conflict to be settled with 保存 when saving first meets one', async () => {
    const theirs = {
      ...doc2020,
      metadata: { ...doc2020.metadata, title: { ...doc2020.metadata.title, zh: '他人的标题' } },
    };
    serve('draft', {
      [`PUT ${BASE}/versions/2020`]: () => ({
        status: 412,
        body: { title: 'Precondition failed', status: 412 },
      }),
    });
    const user = userEvent.setup();
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />);
    await screen.findByText('选中全部未通过(1)');
    await waitFor(() => expect(useDraftStore.getState().drafts[`${KEY}@2020`]).toBeDefined());
    useDraftStore.getState().setValue(KEY, '2020', '/metadata/title/zh', '我的标题');
    vi.stubGlobal(
      'fetch',
      fakeApi({
        [`GET ${BASE}/versions`]: () => ({ body: [summary('2020', 'draft', 'sha256:e')] }),
        [`GET ${BASE}/versions/2020`]: () => ({ body: theirs, headers: { ETag: '"sha256:e"' } }),
        [`PUT ${BASE}/versions/2020`]: () => ({
          status: 412,
          body: { title: 'Precondition failed', status: 412 },
        }),
        [`POST ${BASE}/versions/2020/tests/run`]: () => ({ body: REPORT }),
      }),
    );
    await user.click(screen.getByText('选中全部未通过(1)'));
    await user.click(screen.getByText('接受新金额(1)'));
    await user.click(await screen.findByText('保存并继续'));
    expect(await screen.findByText(/请先用“保存”按钮解决冲突/)).toBeInTheDocument();
    expect(screen.queryByText('接受 1 个测试的新金额')).not.toBeInTheDocument();
  });

  it('shows approvers the results read only, and the tests accepted in this version', async () => {
    serve('in_review', {
      'GET /api/v1/audit': () => ({
        body: [
          {
            id: '12',
            at: '2026-11-02T03:00:00.000Z',
            actor: 'wang.fang',
            action: 'edited',
            ruleset: KEY,
            version: '2020',
            details: {
              accepted: {
                tests: [FAILING],
                changes: [{ test: FAILING, lines: [], totals: [], eligibility: [] }],
              },
            },
          },
          {
            id: '11',
            at: '2026-11-01T03:00:00.000Z',
            actor: 'li',
            action: 'submitted',
            ruleset: KEY,
            version: '2020',
            details: {},
          },
        ],
      }),
    });
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />, { roles: ['approver'] });
    expect(await screen.findByText('通过 1 个,未通过 1 个')).toBeInTheDocument();
    expect(screen.queryByText(/接受新金额/)).not.toBeInTheDocument();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(await screen.findByText('本版本已接受的测试')).toBeInTheDocument();
    expect(await screen.findByText('wang.fang')).toBeInTheDocument();
    expect(screen.getByText('1 个测试的预期改变')).toBeInTheDocument();
    expect(screen.getAllByText(FAILING)).toHaveLength(2);
  });

  it('leaves the accepted tests out for roles that may not read the audit log', async () => {
    const fetch = serve('in_review');
    await renderScreen(<TestsTab rulesetKey={KEY} version="2020" />, { roles: ['analyst'] });
    expect(await screen.findByText('通过 1 个,未通过 1 个')).toBeInTheDocument();
    expect(screen.queryByText('本版本已接受的测试')).not.toBeInTheDocument();
    expect(fetch.mock.calls.some(([url]) => String(url).startsWith('/api/v1/audit'))).toBe(false);
  });
});
