import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import type { VersionSummary } from '@/types/api';
import { CONTENT_PATH, KEY, VERSION, resetDrafts, sampleDocument, summary } from '../test/fixtures';
import { WorkflowBar } from './workflow-bar';

function serve(version: VersionSummary, extra: Parameters<typeof fakeApi>[0] = {}) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [version] }),
      [`GET ${CONTENT_PATH}`]: () => ({ body: sampleDocument(), headers: { ETag: '"h1"' } }),
      ...extra,
    }),
  );
}

const publishButton = () => screen.findByRole('button', { name: /^发\s*布$/ });

describe('WorkflowBar on a version in review', () => {
  beforeEach(resetDrafts);
  afterEach(() => vi.unstubAllGlobals());

  it('does not let the official who edited the version publish it, and says why', async () => {
    serve(summary({ status: 'in_review', updatedBy: 'tester' }));
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { roles: ['approver', 'editor'] });
    expect(await publishButton()).toBeDisabled();
    const why = screen.getByLabelText(/按照“双人复核”规则/);
    await userEvent.hover(why);
    expect(await screen.findByRole('tooltip')).toHaveTextContent('须由另一位审批人发布');
  });

  it('explains that publishing needs the approver role', async () => {
    serve(summary({ status: 'in_review' }));
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, {
      roles: ['editor'],
      language: 'en',
    });
    expect(await screen.findByRole('button', { name: 'Publish' })).toBeDisabled();
    expect(screen.getByLabelText('Publishing needs the approver role')).toBeInTheDocument();
  });

  it('asks to acknowledge a retroactive effective date before publishing', async () => {
    const bodies: unknown[] = [];
    serve(summary({ status: 'in_review', effectiveFrom: '2020-01-01' }), {
      [`POST ${CONTENT_PATH}/publish`]: (body) => {
        bodies.push(body);
        return { body: summary({ status: 'published' }) };
      },
    });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { roles: ['approver'] });
    await userEvent.click(await publishButton());
    const dialog = await screen.findByRole('dialog', { name: '追溯生效确认' });
    const ok = within(dialog).getByRole('button', { name: /^发\s*布$/ });
    expect(ok).toBeDisabled();
    await userEvent.click(within(dialog).getByRole('checkbox', { name: '我已了解并确认追溯生效' }));
    await userEvent.click(ok);
    expect(await screen.findByText('已发布')).toBeInTheDocument();
    expect(bodies).toEqual([{ acknowledgeRetroactive: true }]);
  });

  it('publishes a version from a future date after a confirmation', async () => {
    const bodies: unknown[] = [];
    serve(summary({ status: 'in_review', effectiveFrom: '2999-01-01' }), {
      [`POST ${CONTENT_PATH}/publish`]: (body) => {
        bodies.push(body);
        return { body: summary({ status: 'published' }) };
      },
    });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { roles: ['approver'] });
    await userEvent.click(await publishButton());
    await userEvent.click(
      within(await screen.findByRole('tooltip')).getByRole('button', { name: /^发\s*布$/ }),
    );
    expect(await screen.findByText('已发布')).toBeInTheDocument();
    expect(bodies).toEqual([{}]);
  });

  it('returns a version for changes with a reason', async () => {
    const bodies: unknown[] = [];
    serve(summary({ status: 'in_review' }), {
      [`POST ${CONTENT_PATH}/return`]: (body) => {
        bodies.push(body);
        return { body: summary() };
      },
    });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { roles: ['approver'] });
    await userEvent.click(await screen.findByRole('button', { name: '退回修改' }));
    const dialog = await screen.findByRole('dialog', { name: '退回修改' });
    await userEvent.click(within(dialog).getByRole('button', { name: '退回修改' }));
    expect(await within(dialog).findByText('请填写原因')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: '原因' }), '房县标准有误');
    await userEvent.click(within(dialog).getByRole('button', { name: '退回修改' }));
    expect(await screen.findByText('已退回为草稿')).toBeInTheDocument();
    expect(bodies).toEqual([{ reason: '房县标准有误' }]);
  });
});

describe('WorkflowBar on a published version', () => {
  beforeEach(resetDrafts);
  afterEach(() => vi.unstubAllGlobals());

  it('withdraws with a reason, confirming dates left without a version in force', async () => {
    const bodies: Record<string, unknown>[] = [];
    serve(summary({ status: 'published' }), {
      [`POST ${CONTENT_PATH}/withdraw`]: (body) => {
        const b = body as Record<string, unknown>;
        bodies.push(b);
        if (!b.acknowledgeUncoveredDates)
          return {
            status: 409,
            body: {
              title: '冲突',
              status: 409,
              detail: '撤回版本 2031 后 2031-01-01 起没有现行版本',
              errors: [{ path: '/acknowledgeUncoveredDates', message: '须为 true' }],
            },
          };
        return { body: summary({ status: 'withdrawn' }) };
      },
    });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { roles: ['approver'] });
    await userEvent.click(await screen.findByRole('button', { name: /^撤\s*回$/ }));
    const dialog = await screen.findByRole('dialog', { name: '撤回版本 2031' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: '原因' }), '错');
    await userEvent.click(within(dialog).getByRole('button', { name: /^撤\s*回$/ }));
    expect(await within(dialog).findByText('原因须为 2 至 2000 个字')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: '原因' }), '误发布');
    await userEvent.click(within(dialog).getByRole('button', { name: /^撤\s*回$/ }));
    // Both Modals are in the document (antd names every title `test-id` under test): find by text.
    const title = await screen.findByText('撤回后将有日期没有现行版本');
    const confirm = title.closest<HTMLElement>('[role="dialog"]')!;
    expect(confirm).toHaveTextContent('2031-01-01 起没有现行版本');
    await userEvent.click(within(confirm).getByRole('button', { name: '确认撤回' }));
    expect(await screen.findByText('已撤回')).toBeInTheDocument();
    await waitFor(() =>
      expect(bodies).toEqual([
        { reason: '错误发布' },
        { reason: '错误发布', acknowledgeUncoveredDates: true },
      ]),
    );
  });

  it('offers no withdrawal to an official without the approver role', async () => {
    serve(summary({ status: 'published' }));
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { roles: ['editor'] });
    await screen.findByRole('group', { name: '审核流程操作' });
    expect(screen.queryByRole('button', { name: /^撤\s*回$/ })).not.toBeInTheDocument();
  });
});
