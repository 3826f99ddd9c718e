import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, apiCall, rulesetPath } from '@/lib/api-client';
import { hasRole, useSession } from '@/lib/session';
import { useDraftEdit, useDraftStore, type DraftEdit } from '@/stores/draft-store';
import type { RulesetSummary, VersionSummary } from '@/types/api';

/** Query keys shared by every feature, so that one invalidation refreshes every screen. */
export const queryKeys = {
  rulesets: ['rulesets'] as const,
  versions: (key: string) => ['versions', key] as const,
  content: (key: string, version: string) => ['version-content', key, version] as const,
  audit: (key: string, version?: string) => ['audit', key, version ?? null] as const,
};

/** Every ruleset (GET /api/v1/rulesets). */
export const useRulesets = (): UseQueryResult<RulesetSummary[]> =>
  useQuery({
    queryKey: queryKeys.rulesets,
    queryFn: ({ signal }) => api<RulesetSummary[]>('/api/v1/rulesets', { signal }),
  });

/** One ruleset's summary, from the list. */
export function useRuleset(key: string): {
  ruleset: RulesetSummary | undefined;
  query: UseQueryResult<RulesetSummary[]>;
} {
  const query = useRulesets();
  return { ruleset: query.data?.find((r) => r.key === key), query };
}

/** Every version of a ruleset. */
export const useVersions = (key: string): UseQueryResult<VersionSummary[]> =>
  useQuery({
    queryKey: queryKeys.versions(key),
    queryFn: ({ signal }) => api<VersionSummary[]>(rulesetPath(key, 'versions'), { signal }),
  });

/** A version's content with its ETag, as the server holds it. */
export const useVersionContent = (
  key: string,
  version: string,
): UseQueryResult<{ content: RulesetVersion; etag: string }> =>
  useQuery({
    queryKey: queryKeys.content(key, version),
    queryFn: async ({ signal }) => {
      const answer = await apiCall<RulesetVersion>(rulesetPath(key, 'versions', version), { signal });
      return { content: answer.data, etag: answer.etag ?? '' };
    },
  });

/** The version in force on `date` (latest published effectiveFrom ≤ date), if any. */
export function versionInForce(
  versions: VersionSummary[] | undefined,
  date: string,
): VersionSummary | undefined {
  return (versions ?? [])
    .filter((v) => v.status === 'published' && v.effectiveFrom <= date)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** Today in China (the policy's calendar), as YYYY-MM-DD. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface VersionDocument {
  summary: VersionSummary | undefined;
  /** What to show: the official's working copy of an editable draft, else the server's content. */
  document: RulesetVersion | undefined;
  /** The server's content (the base of the edits). */
  serverDocument: RulesetVersion | undefined;
  /** True when this official may edit it: a draft, and the editor role. */
  editable: boolean;
  draft: DraftEdit | undefined;
  isLoading: boolean;
  error: unknown;
}

/**
 * A version's document for every tab of its screen: drafts an editor may change come from the draft
 * store (which keeps unsaved edits across reloads), everything else from the server.
 */
export function useVersionDocument(key: string, version: string): VersionDocument {
  const session = useSession();
  const versions = useVersions(key);
  const summary = versions.data?.find((v) => v.version === version);
  const content = useVersionContent(key, version);
  const editable = summary?.status === 'draft' && hasRole(session, 'editor');
  const open = useDraftStore((s) => s.open);
  const draft = useDraftEdit(key, version);
  useEffect(() => {
    if (editable && content.data) open(key, version, content.data.content, content.data.etag);
  }, [editable, content.data, key, version, open]);
  return {
    summary,
    document: editable ? (draft?.working ?? content.data?.content) : content.data?.content,
    serverDocument: content.data?.content,
    editable,
    draft: editable ? draft : undefined,
    isLoading: versions.isLoading || content.isLoading,
    error: versions.error ?? content.error,
  };
}
