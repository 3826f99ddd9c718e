import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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
      details: details as AuditRow['details'] & object,
    });
  }

  /** Entries newest first, optionally for one ruleset and version. */
  async list(filter: { ruleset?: string; version?: string; limit: number }): Promise<AuditRow[]> {
    const where: Partial<Record<'rulesetKey' | 'version', string>> = {};
    if (filter.ruleset) where.rulesetKey = filter.ruleset;
    if (filter.version) where.version = filter.version;
    return this.dataSource.getRepository(AuditRow).find({ where, order: { id: 'DESC' }, take: filter.limit });
  }
}
