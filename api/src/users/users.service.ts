import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { issueAccessToken } from '../auth/access-tokens';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { hashApiKey, PrincipalsService } from '../auth/principals.service';
import { ROLES, type Principal, type Role } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { ConflictError, UnauthenticatedError } from '../common/domain-errors';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { ApiKeyRow, UserRow } from '../database/entities';

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && (e as { code?: string }).code === '23505';

/** Officials and system accounts: bootstrap admin, creation, login, API keys. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');
  // A fixed hash to compare against when the user does not exist, so timing does not tell.
  private decoyHash: Promise<string> | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(PrincipalsService) private readonly principals: PrincipalsService,
  ) {}

  /** On first start (no user yet), creates `admin` with every role. */
  async onApplicationBootstrap(): Promise<void> {
    await this.principals.load();
    const users = this.dataSource.getRepository(UserRow);
    if ((await users.count()) > 0) return;
    const password = this.env.bootstrapAdminPassword ?? randomBytes(18).toString('base64url');
    try {
      await this.dataSource.transaction(async (m) => {
        await m.insert(UserRow, {
          username: 'admin',
          passwordHash: await hashPassword(password),
          roles: [...ROLES],
        });
        await this.audit.record(
          {
            actor: 'system',
            action: 'user-created',
            details: { username: 'admin', roles: [...ROLES], bootstrap: true },
          },
          m,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) return; // another replica created it first
      throw e;
    }
    if (this.env.bootstrapAdminPassword)
      this.logger.log('Created the user "admin" with every role (password from BOOTSTRAP_ADMIN_PASSWORD)');
    else
      this.logger.warn(
        `Created the user "admin" with every role. One-time password, shown only now: ${password}`,
      );
  }

  /** Creates an official or system account. */
  async createUser(actor: Principal, username: string, password: string, roles: Role[]): Promise<UserRow> {
    const passwordHash = await hashPassword(password);
    try {
      return await this.dataSource.transaction(async (m) => {
        const row = await m.save(m.create(UserRow, { username, passwordHash, roles }));
        await this.audit.record(
          { actor: actor.name, action: 'user-created', details: { username, roles } },
          m,
        );
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(`The username "${username}" is taken`);
      throw e;
    }
  }

  /** Checks credentials and issues an access token. */
  async login(username: string, password: string): Promise<{ accessToken: string; expiresIn: number }> {
    const user = await this.dataSource.getRepository(UserRow).findOneBy({ username });
    this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) throw new UnauthenticatedError('Wrong username or password');
    const ttl = this.env.accessTokenTtlSeconds;
    return {
      accessToken: issueAccessToken(this.principals.signingSecret, user.username, user.roles as Role[], ttl),
      expiresIn: ttl,
    };
  }

  /** Creates an API key; the key is returned once and only its hash is kept. */
  async createApiKey(actor: Principal, name: string, roles: Role[]): Promise<{ id: string; key: string }> {
    const key = `rk_${randomBytes(32).toString('base64url')}`;
    const keyHash = hashApiKey(key);
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(m.create(ApiKeyRow, { name, keyHash, roles, createdBy: actor.name }));
      await this.audit.record(
        { actor: actor.name, action: 'api-key-created', details: { id: saved.id, name, roles } },
        m,
      );
      return saved;
    });
    this.principals.remember(row);
    return { id: row.id, key };
  }
}
