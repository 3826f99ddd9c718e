import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '../auth/roles';
import { AuditRow } from '../database/entities';

/** What one audit entry says. */
export interface AuditEntry {
  /**
   * Who did it: a principal (its accountable `person` is recorded, and the API key it acted
   * through, if any, goes into the details as `apiKey: {id, name}`), or a name such as `system`.
   */
  actor: string | Principal;
  action:
    | 'imported'
    | 'drafted'
    | 'edited'
    | 'submitted'
    | 'published'
    | 'withdrawn'
    | 'returned'
    | 'user-created'
    | 'user-updated'
    | 'password-reset'
    | 'password-changed'
    | 'logged-out'
    | 'api-key-created'
    | 'api-key-revoked';
  ruleset?: string | null;
  version?: string | null;
  details?: Record<string, unknown>;
}

/** The largest `details` of one audit entry, as JSON characters: the log is kept forever. */
export const MAX_AUDIT_DETAILS_CHARACTERS = 16 * 1024;

/**
 * `details` as recorded: unchanged when small; otherwise its small fields are kept and each large
 * one is replaced by a note of its size, so that no entry can grow the log (and every read of it)
 * without bound.
 */
export function boundedDetails(details: Record<string, unknown>): Record<string, unknown> {
  if (JSON.stringify(details).length <= MAX_AUDIT_DETAILS_CHARACTERS) return details;
  const kept: Record<string, unknown> = {};
  const leftOut: Record<string, number> = {};
  const share = MAX_AUDIT_DETAILS_CHARACTERS / (Object.keys(details).length + 1);
  for (const [key, value] of Object.entries(details)) {
    const size = JSON.stringify(value)?.length ?? 0;
    if (size <= share) kept[key] = value;
    else leftOut[key] = size;
  }
  return {
    ...kept,
    truncated: {
      note: 'fields too large to keep in the audit log, with their sizes in characters',
      sizes: leftOut,
    },
  };
}

/** The audit log: appended in the same transaction as the change it records, never changed. */
@Injectable()
export class AuditService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Appends an entry, inside `manager`'s transaction when given. */
  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const principal = typeof entry.actor === 'string' ? null : entry.actor;
    const details = principal?.apiKey
      ? { ...entry.details, apiKey: { id: principal.apiKey.id, name: principal.apiKey.name } }
      : (entry.details ?? {});
    await manager.insert(AuditRow, {
      at: new Date(),
      actor: principal ? principal.person : (entry.actor as string),
      action: entry.action,
      rulesetKey: entry.ruleset ?? null,
      version: entry.version ?? null,
      details: boundedDetails(details) as AuditRow['details'] & object,
    });
  }

  /** Entries newest first, optionally for one ruleset and version, and older than `before` (an id). */
  async list(filter: {
    ruleset?: string;
    version?: string;
    limit: number;
    before?: number;
  }): Promise<AuditRow[]> {
    const where: FindOptionsWhere<AuditRow> = {};
    if (filter.ruleset) where.rulesetKey = filter.ruleset;
    if (filter.version) where.version = filter.version;
    if (filter.before !== undefined) where.id = LessThan(String(filter.before));
    return this.dataSource.getRepository(AuditRow).find({ where, order: { id: 'DESC' }, take: filter.limit });
  }
}
