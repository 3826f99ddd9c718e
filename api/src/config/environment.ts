import { resolve } from 'node:path';
import { repositoryPath } from './repository-paths';

/** The service's settings, read once at boot from the environment. */
export interface Environment {
  port: number;
  /** A PostgreSQL URL; when absent the embedded PGlite database under `dataDir` is used. */
  databaseUrl: string | null;
  /** Where the embedded database keeps its files (`memory://` keeps nothing). */
  dataDir: string;
  bootstrapAdminPassword: string | null;
  /** Secret that signs access tokens; when absent one is generated and kept in the database. */
  tokenSecret: string | null;
  accessTokenTtlSeconds: number;
  bodyLimit: string;
  loginRateLimitPerMinute: number;
  rulesetsDir: string;
  /** Seconds between refreshes of the in-force index from the database (other replicas' publishes). */
  refreshSeconds: number;
  /** Log only errors (tests). */
  quiet: boolean;
}

/** A setting that is wrong; the service refuses to start and names each one. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const integer = (
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, such as ${fallback} (got "${raw}")`);
    return fallback;
  }
  return value;
};

/**
 * Reads and checks every setting; throws an EnvironmentError naming each bad one (fail fast).
 * @example readEnvironment({ PORT: '3000' }).port // 3000
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const problems: string[] = [];
  const port = integer(env, 'PORT', 3000, 0, 65535, problems);
  let databaseUrl: string | null = env['DATABASE_URL'] || null;
  if (databaseUrl) {
    try {
      const url = new URL(databaseUrl);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('protocol');
    } catch {
      problems.push('DATABASE_URL must be a PostgreSQL URL, such as postgres://postgres@127.0.0.1:5432/test');
      databaseUrl = null;
    }
  }
  const bootstrapAdminPassword = env['BOOTSTRAP_ADMIN_PASSWORD'] || null;
  if (bootstrapAdminPassword !== null && bootstrapAdminPassword.length < 12) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters long');
  }
  const tokenSecret = env['TOKEN_SECRET'] || null;
  if (tokenSecret !== null && tokenSecret.length < 32)
    problems.push('TOKEN_SECRET must be at least 32 characters long');
  const bodyLimit = env['BODY_LIMIT'] || '1mb';
  if (!/^[0-9]+(kb|mb)$/.test(bodyLimit))
    problems.push(`BODY_LIMIT must be a size such as 512kb or 1mb (got "${bodyLimit}")`);
  const dataDir = env['DATA_DIR'] || resolve(process.cwd(), 'data', 'pglite');
  const result: Environment = {
    port,
    databaseUrl,
    dataDir,
    bootstrapAdminPassword,
    tokenSecret,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600, problems),
    bodyLimit,
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 10, 1, 10000, problems),
    rulesetsDir: env['RULESETS_DIR'] || repositoryPath('rulesets'),
    refreshSeconds: integer(env, 'REFRESH_SECONDS', 30, 1, 3600, problems),
    quiet: env['LOG_LEVEL'] === 'error',
  };
  if (problems.length > 0) throw new EnvironmentError(problems);
  return result;
}

/** Injection token of the Environment. */
export const ENVIRONMENT = Symbol('ENVIRONMENT');
