import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { hash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { coalescedRefresh } from '../common/coalesced-refresh';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { ApiKeyRow, SettingRow, UserRow, type ApiKeyKind } from '../database/entities';
import { verifyAccessToken } from './access-tokens';
import { PERSON_ONLY_ROLES, ROLES, type Principal, type Role } from './roles';

/**
 * SHA-256 of an API key, in hex: keys are long and random, so a fast hash is enough to store them.
 * One-shot (`crypto.hash`): every request with a key hashes it, and a Hash object per call costs
 * about twice as much.
 */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** What a replica knows of a user: enough to accept or refuse their tokens and keys. */
interface KnownUser {
  username: string;
  roles: Role[];
  disabled: boolean;
  generation: number;
}

/** What a replica knows of an API key (by the hash of the key). */
interface KnownKey {
  id: string;
  name: string;
  roles: Role[];
  kind: ApiKeyKind;
  actsFor: string;
  expiresAt: number;
  revoked: boolean;
}

const knownRoles = (roles: unknown): Role[] =>
  Array.isArray(roles) ? roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)) : [];

const USER_COLUMNS = { username: true, roles: true, disabled: true, sessionGeneration: true } as const;

/** The user columns {@link PrincipalsService.rememberUser} needs. */
export type UserState = Pick<UserRow, 'username' | 'roles' | 'disabled' | 'sessionGeneration'>;

/** The API key columns {@link PrincipalsService.rememberApiKey} needs. */
export type ApiKeyState = Pick<
  ApiKeyRow,
  'id' | 'name' | 'keyHash' | 'roles' | 'kind' | 'actsFor' | 'expiresAt' | 'revokedAt'
>;

/**
 * Turns a bearer token into a principal, from a per-replica cache of users and API keys.
 *
 * Access tokens are verified by signature, then checked against the user: not disabled, and the
 * session generation the token carries still current. API keys must be neither revoked nor
 * expired; a user's key also needs its creator not disabled, and holds only the roles the creator
 * still holds. The cache is reloaded every AUTH_REFRESH_SECONDS (another replica's revocation,
 * disabling or sign-out takes at most that long to arrive) and changed at once by this replica's
 * own changes. While the database is down it keeps serving what it knew, so callers authenticated
 * before an outage keep evaluating.
 */
@Injectable()
export class PrincipalsService implements OnModuleDestroy {
  private readonly logger = new Logger('Auth');
  private secret = '';
  private users = new Map<string, KnownUser>();
  /** By the hash of the key. */
  private keys = new Map<string, KnownKey>();
  /** Key id → when it was last used, not yet written to the database. */
  private readonly lastUsed = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Loads the signing secret: TOKEN_SECRET, or one made once and kept in the database. */
  async load(): Promise<void> {
    if (this.env.tokenSecret) this.secret = this.env.tokenSecret;
    else {
      const settings = this.dataSource.getRepository(SettingRow);
      await settings
        .createQueryBuilder()
        .insert()
        .values({ key: 'token-secret', value: randomBytes(48).toString('base64url') })
        .orIgnore()
        .execute();
      this.secret = (await settings.findOneByOrFail({ key: 'token-secret' })).value;
    }
  }

  /** The secret that signs access tokens. */
  get signingSecret(): string {
    return this.secret;
  }

  /** Starts reloading users and keys every AUTH_REFRESH_SECONDS (after the first {@link refresh}). */
  startRefreshing(): void {
    this.timer ??= setInterval(
      () =>
        void this.refresh().catch((e: unknown) =>
          this.logger.warn(`Refresh failed: ${(e as Error).message}`),
        ),
      this.env.authRefreshSeconds * 1000,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Reloads every user and API key from the database, and writes when keys were last used. A
   * refresh asked for while one runs starts again after it, so it sees changes committed meanwhile.
   */
  readonly refresh = coalescedRefresh(() => this.reload());

  private async reload(): Promise<void> {
    const userRows = await this.dataSource.getRepository(UserRow).find({ select: USER_COLUMNS });
    const keyRows = await this.dataSource.getRepository(ApiKeyRow).find();
    // Nothing is ever deleted and changes only move forward (a higher generation, a revocation), so
    // what this replica learnt while the queries ran is kept rather than overwritten by older rows.
    const users = new Map(this.users);
    for (const row of userRows) {
      const loaded = this.toKnownUser(row);
      const current = users.get(row.username);
      if (!current || current.generation <= loaded.generation) users.set(row.username, loaded);
    }
    const keys = new Map(this.keys);
    for (const row of keyRows) {
      const loaded = this.toKnownKey(row);
      keys.set(row.keyHash, keys.get(row.keyHash)?.revoked ? { ...loaded, revoked: true } : loaded);
    }
    this.users = users;
    this.keys = keys;
    await this.writeLastUsed();
  }

  /** Writes when keys were last used (best effort: kept for the next refresh when it fails). */
  private async writeLastUsed(): Promise<void> {
    for (const [id, at] of [...this.lastUsed]) {
      try {
        await this.dataSource
          .createQueryBuilder()
          .update(ApiKeyRow)
          .set({ lastUsedAt: at })
          .where('id = :id AND (last_used_at IS NULL OR last_used_at < :at)', { id, at })
          .execute();
        if (this.lastUsed.get(id) === at) this.lastUsed.delete(id);
      } catch (e) {
        this.logger.warn(`Could not record when API key ${id} was last used: ${(e as Error).message}`);
        return;
      }
    }
  }

  private toKnownUser(row: UserState): KnownUser {
    return {
      username: row.username,
      roles: knownRoles(row.roles),
      disabled: row.disabled,
      generation: row.sessionGeneration,
    };
  }

  private toKnownKey(row: ApiKeyState): KnownKey {
    return {
      id: row.id,
      name: row.name,
      roles: knownRoles(row.roles),
      kind: row.kind,
      actsFor: row.actsFor,
      expiresAt: row.expiresAt.getTime(),
      revoked: row.revokedAt !== null,
    };
  }

  /** Takes this replica's own change of a user into account at once. */
  rememberUser(row: UserState): void {
    const current = this.users.get(row.username);
    if (!current || current.generation <= row.sessionGeneration)
      this.users.set(row.username, this.toKnownUser(row));
  }

  /** Takes a new, found or revoked API key into account at once. */
  rememberApiKey(row: ApiKeyState): void {
    const loaded = this.toKnownKey(row);
    this.keys.set(row.keyHash, this.keys.get(row.keyHash)?.revoked ? { ...loaded, revoked: true } : loaded);
  }

  /** The principal behind a bearer token, or null when it is not (or no longer) valid. */
  async principalOf(token: string): Promise<Principal | null> {
    if (token.startsWith('at.')) {
      const verified = verifyAccessToken(this.secret, token);
      if (!verified) return null;
      const user = await this.userNamed(verified.username, verified.generation);
      if (!user || user.disabled || user.generation !== verified.generation) return null;
      return {
        person: user.username,
        name: user.username,
        roles: verified.roles.filter((r) => user.roles.includes(r)),
        kind: 'user',
      };
    }
    if (token.length < 20 || token.length > 200) return null;
    const key = await this.keyWithHash(hashApiKey(token));
    if (!key || key.revoked || key.expiresAt <= Date.now()) return null;
    let roles: Role[];
    if (key.kind === 'user') {
      const owner = await this.userNamed(key.actsFor);
      if (!owner || owner.disabled) return null;
      roles = key.roles.filter((r) => owner.roles.includes(r));
    } else roles = key.roles.filter((r) => !PERSON_ONLY_ROLES.includes(r));
    this.lastUsed.set(key.id, new Date());
    return {
      person: key.actsFor,
      name: key.actsFor,
      roles,
      kind: key.kind === 'user' ? 'api-key' : 'service-account',
      apiKey: { id: key.id, name: key.name },
    };
  }

  /**
   * A user as this replica knows them; read from the database when unknown here or when a token
   * carries a newer session generation (another replica changed the user since the last refresh).
   */
  private async userNamed(username: string, generation?: number): Promise<KnownUser | null> {
    const known = this.users.get(username);
    if (known && (generation === undefined || known.generation >= generation)) return known;
    try {
      const row = await this.dataSource
        .getRepository(UserRow)
        .findOne({ select: USER_COLUMNS, where: { username } });
      if (!row) return null;
      this.rememberUser(row);
      return this.users.get(username) ?? null;
    } catch (e) {
      this.logger.warn(`User lookup failed: ${(e as Error).message}`);
      return known ?? null;
    }
  }

  /** An API key as this replica knows it; another replica may have created it: then it is read once. */
  private async keyWithHash(hash: string): Promise<KnownKey | null> {
    const known = this.keys.get(hash);
    if (known) return known;
    try {
      const row = await this.dataSource.getRepository(ApiKeyRow).findOneBy({ keyHash: hash });
      if (!row) return null;
      this.rememberApiKey(row);
      return this.keys.get(hash) ?? null;
    } catch (e) {
      this.logger.warn(`API key lookup failed: ${(e as Error).message}`);
      return null;
    }
  }
}
