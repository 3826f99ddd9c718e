import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRow } from '../database/entities';

/** What one audit entry says. */
export interface AuditEntry {
  actor: string;
  action:
    | 'imported'
    | 'drafted'
    | 'edited'
    | 'submitted'
    | 'published'
    | 'withdrawn'
    | 'user-created'
    | 'api-key-created';
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
    await manager.insert(AuditRow, {
      at: new Date(),
      actor: entry.actor,
      action: entry.action,
      rulesetKey: entry.ruleset ?? null,
      version: entry.version ?? null,
      details: (entry.details ?? {}) as AuditRow['details'] & object,
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
