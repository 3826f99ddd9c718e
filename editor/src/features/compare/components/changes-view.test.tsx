import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderScreen } from '@/test/render';
import { KEY, stubCompareApi } from '../test/compare-api';
import { doc2019, doc2020 } from '../test/fixtures';
import { ComparePage } from './compare-page';

vi.mock('@/lib/monaco', () => ({}));
vi.mock('@monaco-editor/react', () => ({ DiffEditor: () => null }));

afterEach(() => vi.unstubAllGlobals());

const page = (search: string, language: 'zh' | 'en' = 'zh') =>
  renderScreen(<ComparePage rulesetKey={KEY} />, { route: `/rulesets/${KEY}/compare${search}`, language });

describe('items and settings in words', () => {
  it('names the benefits, constraints and facts added, removed or changed by their labels', async () => {
    const to = structuredClone(doc2020) as RulesetVersion;
    to.metadata.version = '2021';
    to.metadata.effectiveFrom = '2021-01-01';
    to.metadata.reviewBy = '2022-12-31';
    // Its tests would lie before its effective date.
    to.tests = [];
    to.benefits.push({
      ...to.benefits[0]!,
      code: 'dibao_bonus',
      label: { zh: '低保一次性补贴', en: 'Dibao bonus' },
    });
    const removed = to.constraints.shift()!;
    to.facts.household[0] = { ...to.facts.household[0]!, label: { zh: '所在地区', en: 'Area' } };
    to.rounding = { ...to.rounding, places: 1 };
    stubCompareApi([doc2019, doc2020, to]);
    await page('?from=2020&to=2021');
    expect(await screen.findByTestId('benefits-added')).toHaveTextContent('新增低保一次性补贴');
    expect(screen.getByTestId('constraints-removed')).toHaveTextContent(`删除${removed.label.zh}`);
    expect(screen.getByTestId('facts-changed')).toHaveTextContent('修改所在地区(家庭)');
    expect(screen.getByText('保留 2 位小数,四舍五入')).toBeInTheDocument();
    expect(screen.getByText('保留 1 位小数,四舍五入')).toBeInTheDocument();
    // No standard changed: the standards table is left out.
    expect(screen.queryByText('标准调整')).not.toBeInTheDocument();
  });
});

describe('items in English', () => {
  it('names the kinds and the changes in English', async () => {
    const to = structuredClone(doc2020) as RulesetVersion;
    to.metadata.version = '2020b';
    to.tests = [];
    to.outcomes[0] = { ...to.outcomes[0]!, label: { zh: '改名', en: 'Renamed outcome' } };
    stubCompareApi([doc2020, to]);
    await page('?from=2020&to=2020b', 'en');
    expect(await screen.findByTestId('outcomes-changed')).toHaveTextContent('ChangedRenamed outcome');
    expect(screen.getByText('Outcomes')).toBeInTheDocument();
    expect(screen.getByText('Rules, benefits and other changes')).toBeInTheDocument();
  });
});

describe('problems', () => {
  it('shows the problem the API answers for a version it does not know', async () => {
    stubCompareApi();
    await page('?from=2019&to=2099');
    expect(await screen.findByRole('alert')).toHaveTextContent('Not Found');
  });
});
