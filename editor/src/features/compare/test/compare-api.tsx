import type { VersionDiff } from '@engine/diff';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useLocation } from 'react-router-dom';
import { vi } from 'vitest';
import { fakeApi } from '@/test/render';
import { doc2019, doc2020, engineDiff, summary } from './fixtures';

export const KEY = 'shiyan-social-assistance';
const base = `/api/v1/rulesets/${KEY}`;

/** Shows the address the page is at, for URL assertions. */
export function Address() {
  const location = useLocation();
  return <output data-testid="address">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Stubs fetch with the rules API for `docs` (2019 and 2020 unless given): the ruleset list, the
 * versions (each based on the previous), each version's content and the engine's diff of any two.
 * Answers every diff request's query in `asked`.
 */
export function stubCompareApi(
  docs: RulesetVersion[] = [doc2019, doc2020],
  diffs: Record<string, VersionDiff> = {},
) {
  const asked: string[] = [];
  const routes: Parameters<typeof fakeApi>[0] = {
    'GET /api/v1/rulesets': () => ({
      body: [
        {
          key: KEY,
          title: { zh: '十堰市社会救助', en: 'Shiyan social assistance' },
          jurisdictionGroups: [],
          jurisdictions: [],
        },
      ],
    }),
    [`GET ${base}/versions`]: () => ({
      body: docs.map((d, i) => summary(d, { basedOn: i > 0 ? docs[i - 1]!.metadata.version : null })),
    }),
  };
  for (const doc of docs) {
    routes[`GET ${base}/versions/${doc.metadata.version}`] = () => ({ body: doc, headers: { ETag: '"e"' } });
    for (const other of docs) {
      const query = `from=${doc.metadata.version}&to=${other.metadata.version}`;
      routes[`GET ${base}/diff?${query}`] = () => {
        asked.push(query);
        return { body: diffs[query] ?? engineDiff(doc, other) };
      };
    }
  }
  vi.stubGlobal('fetch', vi.fn(fakeApi(routes)));
  return { asked };
}
