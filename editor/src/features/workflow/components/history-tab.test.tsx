import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import type { AuditEntry } from '@/types/api';
import { CONTENT_PATH, KEY, VERSION, resetDrafts, sampleDocument, summary } from '../test/fixtures';
import { HistoryTab } from './history-tab';

const entries: AuditEntry[] = [
  {
    id: '3',
    at: '2030-11-03T02:00:00.000Z',
    actor: 'wang.fang',
    action: 'returned',
    ruleset: KEY,
    version: VERSION,
    details: { from: 'in_review', to: 'draft', reason: '房县标准有误' },
  },
  {
    id: '2',
    at: '2030-11-02T02:00:00.000Z',
    actor: 'li.ming',
    action: 'edited',
    ruleset: KEY,
    version: VERSION,
    details: {
      changes: {
        parameters: [{ parameter: 'x.standard.rural', jurisdiction: '420325', old: '420.00', new: '450.00' }],
        rules: { added: ['r-new'], removed: [], changed: [] },
      },
    },
  },
  {
    id: '1',
    at: '2030-11-01T02:00:00.000Z',
    actor: 'li.ming',
    action: 'edited',
    ruleset: KEY,
    version: VERSION,
    details: { accepted: { tests: 'all', changes: [] } },
  },
];

function serve() {
  const fetch = vi.fn(
    fakeApi({
      [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [summary()] }),
      [`GET ${CONTENT_PATH}`]: () => ({ body: sampleDocument(), headers: { ETag: '"h1"' } }),
      'GET /api/v1/audit': () => ({ body: entries }),
    }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('HistoryTab', () => {
  beforeEach(resetDrafts);
  afterEach(() => vi.unstubAllGlobals());

  it('lists who did what when, in words, with what changed', async () => {
    const fetchSpy = serve();
    await renderScreen(<HistoryTab rulesetKey={KEY} version={VERSION} />, { roles: ['approver'] });
    const rows = await screen.findAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(within(rows[1]!).getByText('退回修改')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('原因:房县标准有误')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('wang.fang')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('修改')).toBeInTheDocument();
    expect(await within(rows[2]!).findByText('农村低保标准 · 房县: 420.00 → 450.00')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('规则 · 新增: r-new')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('采用测试结果')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('采用测试结果:全部测试用例')).toBeInTheDocument();
    const url = fetchSpy.mock.calls.map((c) => String(c[0])).find((u) => u.startsWith('/api/v1/audit'));
    expect(url).toContain(`ruleset=${KEY}`);
    expect(url).toContain(`version=${VERSION}`);
  });

  it('names the actions in English', async () => {
    serve();
    await renderScreen(<HistoryTab rulesetKey={KEY} version={VERSION} />, {
      roles: ['admin'],
      language: 'en',
    });
    expect(await screen.findByText('Returned')).toBeInTheDocument();
    expect(screen.getByText('Tests accepted')).toBeInTheDocument();
    expect(
      await screen.findByText('Rural dibao standard · Fang County: 420.00 → 450.00'),
    ).toBeInTheDocument();
  });

  it('explains to other roles why there is nothing to see', async () => {
    const fetchSpy = serve();
    await renderScreen(<HistoryTab rulesetKey={KEY} version={VERSION} />, { roles: ['editor'] });
    expect(await screen.findByText('审核历史只有管理员和审批人可以查看。')).toBeInTheDocument();
    expect(fetchSpy.mock.calls.some((c) => String(c[0]).startsWith('/api/v1/audit'))).toBe(false);
  });
});
