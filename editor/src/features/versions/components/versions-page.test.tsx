import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chinaToday } from '@/hooks/use-rulesets';
import { fakeApi, renderScreen } from '@/test/render';
import type { RulesetSummary, VersionSummary } from '@/types/api';
import { VersionsPage } from './versions-page';

const KEY = 'sa';
const ruleset: RulesetSummary = {
  key: KEY,
  title: { zh: '十堰市社会救助', en: 'Shiyan social assistance' },
  jurisdictionGroups: [],
  jurisdictions: [{ code: '420325', name: { zh: '房县', en: 'Fang County' }, groups: [] }],
};
const year = Number(chinaToday().slice(0, 4));
const v = (version: string, effectiveFrom: string, more: Partial<VersionSummary> = {}): VersionSummary => ({
  version,
  status: 'published',
  effectiveFrom,
  publishedAt: '2020-01-02T00:00:00.000Z',
  contentHash: version,
  basedOn: null,
  createdBy: 'li.ming',
  updatedBy: 'li.ming',
  updatedAt: '2019-12-01T00:00:00.000Z',
  publishedBy: 'wang.fang',
  withdrawnReason: null,
  ...more,
});
const past = String(year - 2);
const current = String(year - 1);
const versions = [
  v(past, `${past}-01-01`),
  v(current, `${current}-01-01`, { basedOn: past }),
  v('wd', `${current}-06-01`, { status: 'withdrawn', withdrawnReason: '测算有误' }),
  v(String(year + 1), `${year + 1}-01-01`, {
    status: 'in_review',
    publishedBy: null,
    publishedAt: null,
    submittedBy: 'zhao.lei',
    submittedAt: '2030-12-01T00:00:00.000Z',
  }),
];

function Where() {
  const location = useLocation();
  return <div data-testid="where">{location.pathname + location.search}</div>;
}

function serve(extra: Parameters<typeof fakeApi>[0] = {}) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'GET /api/v1/rulesets': () => ({ body: [ruleset] }),
      [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: versions }),
      ...extra,
    }),
  );
}

/** The drafting Modal (antd gives every title the id `test-id` under test, so find it by its field). */
const findDialog = async () =>
  (await screen.findByRole('textbox', { name: '新版本名称' })).closest<HTMLElement>('[role="dialog"]')!;

const page = (
  <Routes>
    <Route path="/rulesets/:key" element={<VersionsPage rulesetKey={KEY} />} />
    <Route path="*" element={<Where />} />
  </Routes>
);

describe('VersionsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists every version with who did what, and marks the one in force today', async () => {
    serve();
    await renderScreen(page, { route: `/rulesets/${KEY}` });
    const row = (await screen.findByRole('link', { name: `打开版本 ${current}` })).closest('tr')!;
    expect(within(row).getByText('现行')).toBeInTheDocument();
    expect(screen.getAllByText('现行')).toHaveLength(1);
    const review = screen.getByRole('link', { name: `打开版本 ${year + 1}` }).closest('tr')!;
    expect(within(review).getByText('待审核')).toBeInTheDocument();
    expect(within(review).getByText('zhao.lei')).toBeInTheDocument();
    const withdrawn = screen.getByRole('link', { name: '打开版本 wd' }).closest('tr')!;
    expect(within(withdrawn).getByText('测算有误')).toBeInTheDocument();
    expect(within(withdrawn).getByText('已撤回')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '起草人' })).toBeInTheDocument();
  });

  it('labels the list in English', async () => {
    serve();
    await renderScreen(page, { route: `/rulesets/${KEY}`, language: 'en' });
    expect(await screen.findByText('In force')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Drafted by' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Shiyan social assistance' })).toBeInTheDocument();
  });

  it('compares two chosen versions', async () => {
    serve();
    await renderScreen(page, { route: `/rulesets/${KEY}` });
    await screen.findByRole('link', { name: `打开版本 ${current}` });
    await userEvent.click(screen.getByRole('button', { name: /^比\s*较$/ }));
    expect(screen.getByTestId('where')).toHaveTextContent(`/rulesets/${KEY}/compare?from=wd&to=${year + 1}`);
  });

  it('drafts the next year from a version and opens the new draft', async () => {
    const bodies: unknown[] = [];
    serve({
      [`POST /api/v1/rulesets/${KEY}/versions`]: (body) => {
        bodies.push(body);
        return { status: 201, body: v(String(year), `${year}-01-01`, { status: 'draft' }) };
      },
    });
    await renderScreen(page, { route: `/rulesets/${KEY}` });
    await userEvent.click(
      await screen.findByRole('button', { name: `以版本 ${current} 为基础起草下一年度` }),
    );
    const dialog = await findDialog();
    expect(within(dialog).getByRole('textbox', { name: '新版本名称' })).toHaveValue(String(year));
    await userEvent.click(within(dialog).getByRole('button', { name: '创建草稿' }));
    await waitFor(() =>
      expect(screen.getByTestId('where')).toHaveTextContent(`/rulesets/${KEY}/versions/${year}`),
    );
    expect(bodies).toEqual([{ version: String(year), basedOn: current, effectiveFrom: `${year}-01-01` }]);
  });

  it('shows the problem next to the field it names', async () => {
    serve({
      [`POST /api/v1/rulesets/${KEY}/versions`]: () => ({
        status: 400,
        body: {
          title: '请求无效',
          status: 400,
          errors: [{ path: '/effectiveFrom', message: '必须在 1900-01-01 至 2999-12-31 之间' }],
        },
      }),
    });
    await renderScreen(page, { route: `/rulesets/${KEY}` });
    await userEvent.click(await screen.findByRole('button', { name: `以版本 ${past} 为基础起草下一年度` }));
    const dialog = await findDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: '创建草稿' }));
    const help = await within(dialog).findByText('必须在 1900-01-01 至 2999-12-31 之间');
    expect(help.closest('.ant-form-item')).toHaveTextContent('生效日期');
    expect(screen.queryByTestId('where')).not.toBeInTheDocument();
  });

  it('offers drafting only to editors', async () => {
    serve();
    await renderScreen(page, { route: `/rulesets/${KEY}`, roles: ['approver'] });
    await screen.findByRole('link', { name: `打开版本 ${current}` });
    expect(screen.queryByRole('button', { name: /起草下一年度/ })).not.toBeInTheDocument();
  });
});
