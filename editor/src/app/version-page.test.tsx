import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import shipped from '../../../rulesets/shiyan-social-assistance/2020.json';
import { fakeApi, renderScreen } from '@/test/render';
import { VersionPage } from './version-page';

const KEY = 'shiyan-social-assistance';
const summary = (reviewBy: string) => ({
  version: '2020',
  status: 'published',
  effectiveFrom: '2020-01-01',
  publishedAt: '2020-01-01T00:00:00.000Z',
  contentHash: 'sha256:x',
  basedOn: null,
  createdBy: 'import',
  updatedBy: 'import',
  updatedAt: '2020-01-01T00:00:00.000Z',
  publishedBy: 'import',
  withdrawnReason: null,
  reviewBy,
});

async function show(reviewBy: string, language: 'zh' | 'en' = 'zh') {
  const content = { ...shipped, metadata: { ...shipped.metadata, reviewBy } };
  vi.stubGlobal(
    'fetch',
    fakeApi({
      'GET /api/v1/rulesets': () => ({
        body: [{ key: KEY, title: shipped.metadata.title, jurisdictions: [], jurisdictionGroups: [] }],
      }),
      [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [summary(reviewBy)] }),
      [`GET /api/v1/rulesets/${KEY}/versions/2020`]: () => ({ body: content, headers: { ETag: '"x"' } }),
    }),
  );
  await renderScreen(
    <Routes>
      <Route path="/rulesets/:key/versions/:version/:tab" element={<VersionPage />} />
    </Routes>,
    { route: `/rulesets/${KEY}/versions/2020/history`, roles: ['caseworker'], language },
  );
  await screen.findByRole('heading', {
    name: language === 'zh' ? shipped.metadata.title.zh : shipped.metadata.title.en,
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('VersionPage', () => {
  it('says when a published version is past its review date', async () => {
    await show('2021-12-31');
    expect(
      screen.getByText('本版本应于 2021-12-31 前复核,现已逾期:请起草新一年度的标准。'),
    ).toBeInTheDocument();
  });

  it('says nothing while the review date is ahead (in English too)', async () => {
    await show('2999-12-31', 'en');
    expect(screen.queryByText(/due for review/)).toBeNull();
    expect(screen.getByText('Read only: only a draft can be changed')).toBeInTheDocument();
  });
});
