import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import { useDraftStore } from '@/stores/draft-store';
import type { ValidationReport } from '@/types/api';
import { CONTENT_PATH, KEY, VERSION, resetDrafts, sampleDocument, summary } from '../test/fixtures';
import { WorkflowBar } from './workflow-bar';

const report: ValidationReport = {
  valid: true,
  errors: [],
  warnings: [
    {
      path: '/constraints/0/assert',
      code: 'constraint',
      constraint: 'rural-not-lower',
      severity: 'warning',
      jurisdiction: '420325',
      basis: '民发〔2012〕220号',
      message: '农村低保标准不低于上年 does not hold in 420325: 400.00 >= 420.00 is false.',
    },
  ],
  tests: { passed: 3, failed: 0 },
};

function serve(extra: Parameters<typeof fakeApi>[0] = {}) {
  vi.stubGlobal(
    'fetch',
    fakeApi({
      [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [summary()] }),
      [`GET ${CONTENT_PATH}`]: () => ({ body: sampleDocument(), headers: { ETag: '"h1"' } }),
      ...extra,
    }),
  );
}

describe('WorkflowBar validation and submission', () => {
  beforeEach(resetDrafts);
  afterEach(() => vi.unstubAllGlobals());

  it('shows warnings with message, basis and place, and records a justification in the draft', async () => {
    serve({ [`POST ${CONTENT_PATH}/validate`]: () => ({ body: report }) });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await screen.findByText('没有未保存的修改');
    await userEvent.click(screen.getByRole('button', { name: /^校\s*验$/ }));
    const drawer = await screen.findByRole('dialog', { name: '校验结果' });
    expect(within(drawer).getByText(report.warnings[0]!.message)).toBeInTheDocument();
    expect(within(drawer).getByText('民发〔2012〕220号')).toBeInTheDocument();
    expect(within(drawer).getByText('房县')).toBeInTheDocument();
    const text = within(drawer).getByRole('textbox', { name: '说明理由(记录在本版本中)' });
    await userEvent.type(text, '太短');
    await userEvent.click(within(drawer).getByRole('button', { name: '添加说明' }));
    expect(await within(drawer).findByText('说明理由至少 10 个字')).toBeInTheDocument();
    expect(useDraftStore.getState().drafts[`${KEY}@${VERSION}`]?.working.justifications).toEqual([]);
    await userEvent.type(text, ':房县财政已另行安排临时救助资金补足差额');
    await userEvent.click(within(drawer).getByRole('button', { name: '添加说明' }));
    await waitFor(() =>
      expect(useDraftStore.getState().drafts[`${KEY}@${VERSION}`]?.working.justifications).toEqual([
        {
          constraint: 'rural-not-lower',
          jurisdiction: '420325',
          text: '太短:房县财政已另行安排临时救助资金补足差额',
        },
      ]),
    );
    expect(await within(drawer).findByText('已添加说明,保存后重新校验即可生效')).toBeInTheDocument();
    expect(await screen.findByText('1 处未保存的修改')).toBeInTheDocument();
  });

  it('shows the problems of a submission the API refuses (422)', async () => {
    serve({
      [`POST ${CONTENT_PATH}/submit`]: () => ({
        status: 422,
        body: {
          title: '版本无效',
          status: 422,
          detail: '版本 2031 无效:1 个问题',
          errors: [{ path: '/parameters/0/values/0/value', message: '必须是十进制数字字符串' }],
        },
      }),
    });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await screen.findByText('没有未保存的修改');
    await userEvent.click(screen.getByRole('button', { name: '提交审核' }));
    const pop = await screen.findByRole('tooltip');
    await userEvent.click(within(pop).getByRole('button', { name: '提交审核' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('版本无效');
    expect(alert).toHaveTextContent('必须是十进制数字字符串');
    // Once the official changes the draft, the refusal of the earlier content is gone.
    useDraftStore.getState().setValue(KEY, VERSION, '/parameters/0/values/0/value', '500.00');
    await waitFor(() => expect(screen.queryByText('版本无效')).toBeNull());
  });

  it('submits a valid draft and says so', async () => {
    const submitted = vi.fn(() => ({ body: summary({ status: 'in_review' }) }));
    serve({ [`POST ${CONTENT_PATH}/submit`]: submitted });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await screen.findByText('没有未保存的修改');
    await userEvent.click(screen.getByRole('button', { name: '提交审核' }));
    await userEvent.click(
      within(await screen.findByRole('tooltip')).getByRole('button', { name: '提交审核' }),
    );
    expect(await screen.findByText('已提交审核')).toBeInTheDocument();
    expect(submitted).toHaveBeenCalledTimes(1);
  });
});
