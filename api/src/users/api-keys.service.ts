import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashApiKey, PrincipalsService } from '../auth/principals.service';
import { PERSON_ONLY_ROLES, SERVICE_ACCOUNT_PREFIX, type Principal, type Role } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { NotFoundError, UnprocessableError } from '../common/domain-errors';
import { ApiKeyRow } from '../database/entities';
import { API_KEY_DAYS } from './users.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 3600 * 1000;

/** What a new key is for. */
export interface NewApiKey {
  name: string;
  roles: Role[];
  /** True: the key acts for the service account `service:<name>`; else for the user creating it. */
  serviceAccount?: boolean;
  expiresInDays?: number;
}

/**
 * API keys: each acts for a person, the user who created it or a named service account; it
 * expires, and can be revoked. Only the key's SHA-256 is stored.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PrincipalsService) private readonly principals: PrincipalsService,
  ) {}

  /**
   * Creates a key; it is returned once. A user's key holds only roles its creator holds; a
   * service account's key never holds approver or admin (only people publish and administer).
   */
  async create(actor: Principal, request: NewApiKey): Promise<{ id: string; key: string }> {
    const kind = request.serviceAccount === true ? 'service-account' : 'user';
    const { name, roles } = request;
    if (kind === 'service-account') {
      const refused = roles.filter((r) => PERSON_ONLY_ROLES.includes(r));
      if (refused.length > 0)
        throw new UnprocessableError('A service account key can never publish or administer', [
          {
            path: '/roles',
            message: `a service account cannot hold ${refused.join(' or ')}: only people publish and administer`,
          },
        ]);
    } else {
      const missing = roles.filter((r) => !actor.roles.includes(r));
      if (missing.length > 0)
        throw new UnprocessableError(`The key would act for ${actor.person}, who lacks a role it asks for`, [
          {
            path: '/roles',
            message: `a key acts for the user creating it and can hold only their roles; ${actor.person} does not hold ${missing.join(', ')} (create it with "serviceAccount": true for a system)`,
          },
        ]);
    }
    const actsFor = kind === 'user' ? actor.person : `${SERVICE_ACCOUNT_PREFIX}${name}`;
    const expiresAt = new Date(Date.now() + (request.expiresInDays ?? API_KEY_DAYS.default) * DAY_MS);
    const key = `rk_${randomBytes(32).toString('base64url')}`;
    const keyHash = hashApiKey(key);
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(ApiKeyRow, { name, keyHash, roles, createdBy: actor.person, kind, actsFor, expiresAt }),
      );
      await this.audit.record(
        {
          actor,
          action: 'api-key-created',
          details: { id: saved.id, name, roles, kind, actsFor, expiresAt: expiresAt.toISOString() },
        },
        m,
      );
      return saved;
    });
    this.principals.rememberApiKey({ ...row, revokedAt: null });
    return { id: row.id, key };
  }

  /** Every key, oldest first, revoked and expired ones too; never the key itself. */
  list(): Promise<ApiKeyRow[]> {
    return this.dataSource.getRepository(ApiKeyRow).find({
      select: {
        id: true,
        name: true,
        roles: true,
        kind: true,
        actsFor: true,
        createdBy: true,
        createdAt: true,
        expiresAt: true,
        lastUsedAt: true,
        revokedAt: true,
        revokedBy: true,
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Revokes a key: at once on this replica, within AUTH_REFRESH_SECONDS on the others. Revoking a
   * revoked key changes nothing.
   */
  async revoke(actor: Principal, id: string): Promise<void> {
    if (!UUID.test(id)) throw new NotFoundError(`There is no API key "${id}"`);
    const row = await this.dataSource.transaction(async (m) => {
      const found = await m.findOne(ApiKeyRow, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundError(`There is no API key "${id}"`);
      if (found.revokedAt) return found;
      found.revokedAt = new Date();
      found.revokedBy = actor.person;
      await m.update(ApiKeyRow, { id }, { revokedAt: found.revokedAt, revokedBy: found.revokedBy });
      await this.audit.record(
        {
          actor,
          action: 'api-key-revoked',
          details: { id, name: found.name, kind: found.kind, actsFor: found.actsFor },
        },
        m,
      );
      return found;
    });
    this.principals.rememberApiKey(row);
  }
}
