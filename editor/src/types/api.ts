/** Shapes of the rules API's answers that the editor reads (see docs/api.md). */
import type { Determination } from '@engine/evaluation/determine';

export type { Determination };
export type VersionStatus = 'draft' | 'in_review' | 'published' | 'withdrawn';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface JurisdictionSummary {
  code: string;
  name: Bilingual;
  groups: string[];
}

export interface RulesetSummary {
  key: string;
  title: Bilingual;
  jurisdictionGroups: { id: string; name: Bilingual }[];
  jurisdictions: JurisdictionSummary[];
  versions?: VersionSummary[];
}

export interface VersionSummary {
  version: string;
  status: VersionStatus;
  effectiveFrom: string;
  publishedAt: string | null;
  contentHash: string;
  basedOn: string | null;
  createdBy: string;
  updatedBy: string;
  updatedAt: string;
  publishedBy: string | null;
  withdrawnReason: string | null;
  submittedBy?: string | null;
  submittedAt?: string | null;
}

export interface ValidationFinding {
  path: string;
  message: string;
  code?: string;
  constraint?: string;
  severity?: 'error' | 'warning';
  jurisdiction?: string | null;
  basis?: string;
  justification?: string;
  [extra: string]: unknown;
}

export interface ValidationReport {
  valid: boolean;
  errors: ValidationFinding[];
  warnings: ValidationFinding[];
  tests: { passed: number; failed: number };
}

export interface AuditEntry {
  id?: string;
  at: string;
  actor: string;
  action: string;
  ruleset: string | null;
  version: string | null;
  details?: unknown;
  [extra: string]: unknown;
}
