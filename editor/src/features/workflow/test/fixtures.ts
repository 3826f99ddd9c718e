import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { vi } from 'vitest';
import { useDraftStore } from '@/stores/draft-store';
import type { VersionSummary } from '@/types/api';

export const KEY = 'sa';
export const VERSION = '2031';
export const CONTENT_PATH = `/api/v1/rulesets/${KEY}/versions/${VERSION}`;

/** A small version document: one parameter by jurisdiction, two places, one group. */
export function sampleDocument(rural = '420.00'): RulesetVersion {
  return {
    formatVersion: 1,
    metadata: {
      key: KEY,
      version: VERSION,
      effectiveFrom: '2031-01-01',
      title: { zh: '样例', en: 'Sample' },
    },
    jurisdictionGroups: [{ id: 'counties', name: { zh: '县市区', en: 'Counties' } }],
    jurisdictions: [
      { code: '420325', name: { zh: '房县', en: 'Fang County' }, groups: ['counties'] },
      { code: '420302', name: { zh: '茅箭区', en: 'Maojian District' }, groups: [] },
    ],
    parameters: [
      {
        key: 'x.standard.rural',
        unit: 'yuan/month',
        label: { zh: '农村低保标准', en: 'Rural dibao standard' },
        basis: 'doc 1',
        byJurisdiction: true,
        values: [
          { for: '420325', value: rural, source: { type: 'illustrative' } },
          { for: '420302', value: '500.00', source: { type: 'illustrative' } },
        ],
      },
    ],
    justifications: [],
  } as unknown as RulesetVersion;
}

/** A version summary with `overrides`. */
export function summary(overrides: Partial<VersionSummary> = {}): VersionSummary {
  return {
    version: VERSION,
    status: 'draft',
    effectiveFrom: '2031-01-01',
    publishedAt: null,
    contentHash: 'h1',
    basedOn: '2030',
    createdBy: 'li.ming',
    updatedBy: 'li.ming',
    updatedAt: '2030-11-02T03:04:05.000Z',
    publishedBy: null,
    withdrawnReason: null,
    ...overrides,
  };
}

/** Forgets every draft kept in memory and in local storage. */
export function resetDrafts(): void {
  useDraftStore.setState({ drafts: {} });
  localStorage.clear();
}

/** The request header `name` of a fake fetch call. */
export const header = (init: RequestInit, name: string): string | undefined =>
  (init.headers as Record<string, string> | undefined)?.[name];

export const stubFetch = (handler: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) =>
  vi.stubGlobal('fetch', vi.fn(handler));
