import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { issueAccessToken } from '../auth/access-tokens';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { PrincipalsService } from '../auth/principals.service';
import { ROLES, type Principal, type Role } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
  UnprocessableError,
} from '../common/domain-errors';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { UserRow } from '../database/entities';
import { isUniqueViolation } from '../database/query-errors';
import { USERNAME } from './users.dto';

/** What a user is, without the password hash. */
export type UserView = Pick<
  UserRow,
  'id' | 'username' | 'roles' | 'disabled' | 'createdAt' | 'passwordChangedAt'
>;

const VIEW_COLUMNS = {
  id: true,
  username: true,
  roles: true,
  disabled: true,
  createdAt: true,
  passwordChangedAt: true,
  sessionGeneration: true,
} as const;

const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((r) => b.includes(r));

/**
 * Officials and system accounts: bootstrap admin, creation, listing, roles and disabling,
 * passwords, login and logout. Every change that must end a user's sessions raises their session
 * generation, in the same transaction as its audit entry.
 */
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
    @Inject(LoginThrottleService) private readonly throttle: LoginThrottleService,
  ) {}

  /** On first start (no user yet), creates `admin` with every role; then loads users and keys. */
  async onApplicationBootstrap(): Promise<void> {
    await this.principals.load();
    await this.createBootstrapAdmin();
    await this.principals.refresh();
    this.principals.startRefreshing();
  }

  private async createBootstrapAdmin(): Promise<void> {
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
  async createUser(actor: Principal, username: string, password: string, roles: Role[]): Promise<UserView> {
    const passwordHash = await hashPassword(password);
    try {
      const row = await this.dataSource.transaction(async (m) => {
        const saved = await m.save(m.create(UserRow, { username, passwordHash, roles }));
        await this.audit.record({ actor, action: 'user-created', details: { username, roles } }, m);
        return saved;
      });
      this.principals.rememberUser(row);
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictError(`The username "${username}" is taken`);
      throw e;
    }
  }

  /** Every user, by username; never a password hash. */
  listUsers(): Promise<UserView[]> {
    return this.dataSource.getRepository(UserRow).find({ select: VIEW_COLUMNS, order: { username: 'ASC' } });
  }

  /**
   * Changes a user's roles, or disables or enables them; their tokens stop working. An admin can
   * neither disable themself nor remove their own admin role (another admin must), so the service
   * always keeps an admin.
   */
  async updateUser(
    actor: Principal,
    username: string,
    change: { roles?: Role[]; disabled?: boolean },
  ): Promise<UserView> {
    if (change.roles === undefined && change.disabled === undefined)
      throw new UnprocessableError('Nothing to change: send roles, disabled or both', [
        { path: '', message: 'must have roles, disabled or both' },
      ]);
    if (username === actor.person) {
      if (change.disabled === true)
        throw new ConflictError('You cannot disable your own account; another admin must');
      if (change.roles && !change.roles.includes('admin'))
        throw new ConflictError('You cannot remove your own admin role; another admin must');
    }
    const row = await this.changeUser(username, async (user, m) => {
      const details: Record<string, unknown> = { username };
      if (change.roles && !sameRoles(change.roles, user.roles)) {
        details['roles'] = { from: user.roles, to: change.roles };
        user.roles = change.roles;
      }
      if (change.disabled !== undefined && change.disabled !== user.disabled) {
        details['disabled'] = { from: user.disabled, to: change.disabled };
        user.disabled = change.disabled;
      }
      if (Object.keys(details).length === 1) return false; // already so: nothing to record
      await this.audit.record({ actor, action: 'user-updated', details }, m);
      return true;
    });
    return row;
  }

  /** An admin sets a user's password; the user's tokens stop working and failed logins are forgotten. */
  async resetPassword(actor: Principal, username: string, password: string): Promise<void> {
    this.requireUsername(username);
    const passwordHash = await hashPassword(password);
    await this.changeUser(username, async (user, m) => {
      user.passwordHash = passwordHash;
      user.passwordChangedAt = new Date();
      await this.audit.record({ actor, action: 'password-reset', details: { username } }, m);
      return true;
    });
    await this.throttle.clear(username);
  }

  /** Checks credentials and issues an access token (a disabled user is refused like a wrong password). */
  async login(
    username: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    await this.throttle.begin(username, address);
    const user = await this.dataSource.getRepository(UserRow).findOneBy({ username });
    this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid || user.disabled) {
      this.throttle.failed(address);
      throw new UnauthenticatedError('Wrong username or password');
    }
    await this.throttle.clear(username);
    this.principals.rememberUser(user);
    return this.tokenFor(user);
  }

  /**
   * A signed-in user changes their own password: every token issued before stops working, and a
   * new token is returned. A wrong current password counts as a failed login.
   */
  async changeOwnPassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    this.requireSession(principal, 'change a password');
    if (currentPassword === newPassword)
      throw new UnprocessableError('The new password is the current one', [
        { path: '/newPassword', message: 'must differ from the current password' },
      ]);
    await this.throttle.begin(principal.person, address);
    const user = await this.dataSource.getRepository(UserRow).findOneBy({ username: principal.person });
    if (!user || user.disabled) throw new UnauthenticatedError('The token is not valid or has expired');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      this.throttle.failed(address);
      throw new ForbiddenError('The current password is wrong');
    }
    const passwordHash = await hashPassword(newPassword);
    const row = await this.changeUser(principal.person, async (changed, m) => {
      changed.passwordHash = passwordHash;
      changed.passwordChangedAt = new Date();
      await this.audit.record({ actor: principal, action: 'password-changed', details: {} }, m);
      return true;
    });
    await this.throttle.clear(principal.person);
    return this.tokenFor(row);
  }

  /** Signs out: ends every session of the account (every access token issued so far). */
  async logout(principal: Principal): Promise<void> {
    this.requireSession(principal, 'sign out');
    await this.changeUser(principal.person, async (_user, m) => {
      await this.audit.record({ actor: principal, action: 'logged-out', details: {} }, m);
      return true;
    });
  }

  private tokenFor(user: Pick<UserRow, 'username' | 'roles' | 'sessionGeneration'>): {
    accessToken: string;
    expiresIn: number;
  } {
    const ttl = this.env.accessTokenTtlSeconds;
    return {
      accessToken: issueAccessToken(
        this.principals.signingSecret,
        user.username,
        user.roles as Role[],
        ttl,
        Date.now(),
        user.sessionGeneration,
      ),
      expiresIn: ttl,
    };
  }

  /** Password changes and sign-outs are for login sessions: an API key has neither. */
  private requireSession(principal: Principal, what: string): void {
    if (principal.kind !== 'user')
      throw new ForbiddenError(
        `Only a signed-in user can ${what}: this is an API key, which an admin revokes instead (DELETE /api/v1/api-keys/{id})`,
      );
  }

  private requireUsername(username: string): void {
    if (!USERNAME.test(username)) throw new NotFoundError(`There is no user "${username}"`);
  }

  /**
   * Changes a user under a row lock; when `apply` reports a change, raises their session generation
   * (ending their tokens) and updates this replica's cache at once.
   */
  private async changeUser(
    username: string,
    apply: (user: UserRow, m: EntityManager) => Promise<boolean>,
  ): Promise<UserRow> {
    this.requireUsername(username);
    const row = await this.dataSource.transaction(async (m) => {
      const user = await m.findOne(UserRow, { where: { username }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError(`There is no user "${username}"`);
      if (!(await apply(user, m))) return user;
      user.sessionGeneration += 1;
      await m.update(
        UserRow,
        { id: user.id },
        {
          roles: user.roles,
          disabled: user.disabled,
          passwordHash: user.passwordHash,
          passwordChangedAt: user.passwordChangedAt,
          sessionGeneration: user.sessionGeneration,
        },
      );
      return user;
    });
    this.principals.rememberUser(row);
    return row;
  }
}
