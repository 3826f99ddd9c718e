import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { useMemo } from 'react';
import { useVersionDocument } from '@/hooks/use-rulesets';
import { useBaseContent } from '../api/use-base-content';
import { useCheck } from '../api/use-check';
import { useVersionParameters } from '../api/use-version-parameters';
import { constraintFindings, type CheckFinding, type PlacedFinding } from '../model/constraints';
import type { ParameterValues } from '../model/resolve';

/** What the parameter grid and the changes page read: both versions, their values and the live check. */
export interface GridData {
  document: RulesetVersion | undefined;
  /** The base version's content (the version this one was drafted from), if any. */
  base: RulesetVersion | undefined;
  baseVersion: string | null;
  editable: boolean;
  /** This version's parameters per jurisdiction (the live check for a draft being edited). */
  values: ParameterValues | null | undefined;
  baseValues: ParameterValues | null | undefined;
  /** Constraint findings of the live check. */
  findings: PlacedFinding[];
  /** Other errors of the live check (the document itself). */
  otherErrors: CheckFinding[];
  checking: boolean;
  checkError: unknown;
  loading: boolean;
  error: unknown;
}

/** Loads everything the parameters feature shows for `key`/`version`. */
export function useGridData(key: string, version: string): GridData {
  const doc = useVersionDocument(key, version);
  const baseVersion = doc.summary?.basedOn ?? null;
  const base = useBaseContent(key, baseVersion);
  const check = useCheck(key, version, doc.document, doc.editable);
  const own = useVersionParameters(key, version, !!doc.summary && !doc.editable);
  const baseParameters = useVersionParameters(key, baseVersion);
  const document = doc.document;
  const findings = useMemo(
    () => (document ? constraintFindings(document, check.data) : []),
    [document, check.data],
  );
  return {
    document,
    base: base.data?.content,
    baseVersion,
    editable: doc.editable,
    values: doc.editable ? check.data?.parameters : own.data?.jurisdictions,
    baseValues: baseParameters.data?.jurisdictions,
    findings,
    otherErrors: (check.data?.errors ?? []).filter((f) => f.code !== 'constraint'),
    checking: check.isFetching,
    checkError: check.error ?? own.error,
    loading: doc.isLoading || base.isLoading,
    error: doc.error ?? base.error,
  };
}
