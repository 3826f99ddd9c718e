import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ENVIRONMENT, type Environment } from '../config/environment';
import { ApiKeyRow, SettingRow } from '../database/entities';
import { verifyAccessToken } from './access-tokens';
import type { Principal, Role } from './roles';

/** SHA-256 of an API key: keys are long and random, so a fast hash is enough to store them. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Turns a bearer token into a principal. Access tokens are verified by signature alone; API keys
 * are kept in memory once seen, so callers keep working while the database is down.
 */
@Injectable()
export class PrincipalsService {
  private readonly logger = new Logger('Auth');
  private secret = '';
  private readonly apiKeys = new Map<string, { name: string; roles: Role[] }>();

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT) private readonly env: Environment,
  ) {}

  /** Loads the signing secret (from TOKEN_SECRET, or made once and kept in the database) and the API keys. */
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
    for (const row of await this.dataSource.getRepository(ApiKeyRow).find()) this.remember(row);
  }

  /** The secret that signs access tokens. */
  get signingSecret(): string {
    return this.secret;
  }

  /** Keeps a new or found API key in memory. */
  remember(row: Pick<ApiKeyRow, 'keyHash' | 'name' | 'roles'>): void {
    this.apiKeys.set(row.keyHash, { name: row.name, roles: row.roles as Role[] });
  }

  /** The principal behind a bearer token, or null when it is not valid. */
  async principalOf(token: string): Promise<Principal | null> {
    if (token.startsWith('at.')) {
      const verified = verifyAccessToken(this.secret, token);
      return verified ? { name: verified.username, roles: verified.roles, kind: 'user' } : null;
    }
    if (token.length < 20 || token.length > 200) return null;
    const hash = hashApiKey(token);
    let known = this.apiKeys.get(hash);
    if (!known) {
      // Another replica may have created it: look it up once the database answers.
      try {
        const row = await this.dataSource.getRepository(ApiKeyRow).findOneBy({ keyHash: hash });
        if (row) {
          this.remember(row);
          known = this.apiKeys.get(hash);
        }
      } catch (e) {
        this.logger.warn(`API key lookup failed: ${(e as Error).message}`);
      }
    }
    return known ? { name: `api-key:${known.name}`, roles: known.roles, kind: 'api-key' } : null;
  }
}
