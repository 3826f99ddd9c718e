import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chinaToday } from '@/hooks/use-rulesets';
import { fakeApi, renderScreen } from '@/test/render';
import type { RulesetSummary, VersionSummary } from '@/types/api';
import { RulesetsPage } from './rulesets-page';

const year = Number(chinaToday().slice(0, 4));
const ruleset: RulesetSummary = {
  key: 'sa',
  title: { zh: '十堰市社会救助', en: 'Shiyan social assistance' },
  jurisdictionGroups: [],
  jurisdictions: [
    { code: '420325', name: { zh: '房县', en: 'Fang County' }, groups: [] },
    { code: '420302', name: { zh: '茅箭区', en: 'Maojian District' }, groups: [] },
  ],
};
const v = (version: string, effectiveFrom: string, status: VersionSummary['status']): VersionSummary => ({
  version,
  status,
  effectiveFrom,
  publishedAt: null,
  contentHash: version,
  basedOn: null,
  createdBy: 'a',
  updatedBy: 'a',
  updatedAt: '2020-01-01T00:00:00.000Z',
  publishedBy: null,
  withdrawnReason: null,
});

describe('RulesetsPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each ruleset with its jurisdictions and the version in force today', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/rulesets': () => ({ body: [ruleset] }),
        'GET /api/v1/rulesets/sa/versions': () => ({
          body: [
            v(String(year - 1), `${year - 1}-01-01`, 'published'),
            v(String(year + 1), `${year + 1}-01-01`, 'published'),
            v('x', `${year - 1}-06-01`, 'draft'),
          ],
        }),
      }),
    );
    await renderScreen(<RulesetsPage />);
    const link = await screen.findByRole('link', { name: '十堰市社会救助' });
    expect(link).toHaveAttribute('href', '/rulesets/sa');
    const row = link.closest('tr')!;
    expect(within(row).getByText('2 个县(市、区)')).toBeInTheDocument();
    const inForce = await within(row).findByRole('link', { name: new RegExp(`^${year - 1}`) });
    expect(inForce).toHaveAttribute('href', `/rulesets/sa/versions/${year - 1}`);
    expect(within(row).getByText('现行')).toBeInTheDocument();
  });

  it('says so when no version is in force, in English too', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        'GET /api/v1/rulesets': () => ({ body: [ruleset] }),
        'GET /api/v1/rulesets/sa/versions': () => ({ body: [v('d', '2020-01-01', 'draft')] }),
      }),
    );
    await renderScreen(<RulesetsPage />, { language: 'en' });
    expect(await screen.findByText('No version in force today')).toBeInTheDocument();
    expect(screen.getByText('2 jurisdictions')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Rulesets' })).toBeInTheDocument();
  });
});
