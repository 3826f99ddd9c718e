import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { dirname, resolve, sep } from 'node:path';
import { EVALUATION_PATHS, type EvaluationPath } from '../engine/evaluation/compiled';
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
  /** Failed logins one client address may make per minute (successful ones are not counted). */
  loginRateLimitPerMinute: number;
  /** Failed logins of one account, in a window, that lock its logins for the rest of the window. */
  loginAccountMaxFailures: number;
  /** The window of {@link Environment.loginAccountMaxFailures}, in minutes. */
  loginAccountLockMinutes: number;
  /**
   * Which proxies are trusted to say the client address in X-Forwarded-For (Express "trust proxy":
   * a hop count, or addresses, CIDR ranges and `loopback`/`linklocal`/`uniquelocal`); null trusts
   * none, so the client address is the TCP peer's.
   */
  trustProxy: number | string | null;
  rulesetsDir: string;
  /** Seconds between refreshes of the in-force index from the database (other replicas' publishes). */
  refreshSeconds: number;
  /**
   * Seconds between refreshes of users and API keys from the database: how long another replica's
   * revocation, disabling or sign-out takes to reach this one.
   */
  authRefreshSeconds: number;
  /** Worker threads that run CPU-heavy work (batches, validation, drafts) off the event loop. */
  workerThreads: number;
  /** Tasks that may wait for a free worker; beyond it, requests are answered 503 at once. */
  workerQueueSize: number;
  /** Milliseconds a worker task may take, waiting included, before it is stopped (503). */
  workerTaskTimeoutMs: number;
  /** Compiled drafts each worker keeps (least recently used ones are dropped first). */
  draftCacheSize: number;
  /**
   * Which path evaluates households for `evaluate` and `evaluate/batch`: `compiled` (the default) or
   * `reference` (json-rules-engine). Both give the same answers; the reference is many times slower.
   */
  evaluationPath: EvaluationPath;
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

function evaluationPathSetting(raw: string | undefined, problems: string[]): EvaluationPath {
  if (raw === undefined || raw === '') return 'compiled';
  const known = EVALUATION_PATHS.find((p) => p === raw);
  if (known) return known;
  problems.push(`EVALUATION_PATH must be ${EVALUATION_PATHS.join(' or ')} (got "${raw}")`);
  return 'compiled';
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: a hop count from 1 to 10, or a comma-separated list of addresses, CIDR ranges and names. */
function trustProxySetting(raw: string | undefined, problems: string[]): number | string | null {
  if (raw === undefined || raw.trim() === '') return null;
  const text = raw.trim();
  if (/^[0-9]+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
  } else {
    const items = text.split(',').map((item) => item.trim());
    const valid = items.every((item) => {
      if (PROXY_NAMES.has(item)) return true;
      const [address, prefix, extra] = item.split('/');
      const family = isIP(address ?? '');
      if (family === 0 || extra !== undefined) return false;
      if (prefix === undefined) return true;
      return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
    });
    if (valid) return items.join(', ');
  }
  problems.push(
    `TRUST_PROXY must be a hop count from 1 to 10, or proxy addresses such as "loopback, 10.0.0.0/8" (got "${raw}")`,
  );
  return null;
}

/** Kernel file systems: no database can live there (writing under /proc can hang for minutes). */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

const underSystemFolder = (path: string): boolean =>
  SYSTEM_FOLDERS.some((folder) => path === folder || path.startsWith(`${folder}${sep}`));

/**
 * DATA_DIR: a folder that exists or can be created, and that the service can write to, outside
 * /proc, /sys and /dev (`memory://…` keeps nothing and is always accepted). Checked before anything
 * touches it, with nothing but a few stat calls, so a bad value stops the service at once.
 * @returns the problem naming DATA_DIR, or null when it is usable.
 */
export function dataDirProblem(dataDir: string): string | null {
  if (dataDir.startsWith('memory://')) return null;
  const path = resolve(dataDir);
  const systemFolder = `DATA_DIR 不能位于 /proc、/sys 或 /dev 之下 / DATA_DIR must be a folder for the embedded database's files, not under /proc, /sys or /dev (got "${dataDir}")`;
  if (underSystemFolder(path)) return systemFolder;
  // The nearest folder that exists: DATA_DIR itself, or the one it would be created in.
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (e) {
    return `DATA_DIR 无法使用 / DATA_DIR cannot be used: ${(e as Error).message} (got "${dataDir}")`;
  }
  if (underSystemFolder(real)) return systemFolder;
  if (!statSync(real).isDirectory())
    return existing === path
      ? `DATA_DIR 必须是文件夹,"${dataDir}" 是文件 / DATA_DIR must be a folder, but "${dataDir}" is a file`
      : `DATA_DIR 无法创建:"${existing}" 是文件 / DATA_DIR cannot be created: "${existing}" is a file, not a folder (got "${dataDir}")`;
  try {
    accessSync(real, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    return existing === path
      ? `DATA_DIR 不可写 / DATA_DIR must be a folder the service can write to, but "${dataDir}" is not writable`
      : `DATA_DIR 无法创建:"${existing}" 不可写 / DATA_DIR cannot be created: "${existing}" is not writable (got "${dataDir}")`;
  }
  return null;
}

/** One worker per core, keeping one core for the event loop, but at least two (so a batch is split). */
export const DEFAULT_WORKER_THREADS = Math.max(2, availableParallelism() - 1);

/** What BODY_LIMIT may be: a number of kilobytes or megabytes (`512kb`, `1mb`). */
const BODY_LIMIT_PATTERN = /^([0-9]+)(kb|mb)$/;

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
  if (!BODY_LIMIT_PATTERN.test(bodyLimit))
    problems.push(`BODY_LIMIT must be a size such as 512kb or 1mb (got "${bodyLimit}")`);
  const dataDir = env['DATA_DIR'] || resolve(process.cwd(), 'data', 'pglite');
  // Only the embedded database uses DATA_DIR.
  const dataDirIssue = databaseUrl === null && !env['DATABASE_URL'] ? dataDirProblem(dataDir) : null;
  if (dataDirIssue) problems.push(dataDirIssue);
  const result: Environment = {
    port,
    databaseUrl,
    dataDir,
    bootstrapAdminPassword,
    tokenSecret,
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 3600, 60, 7 * 24 * 3600, problems),
    bodyLimit,
    loginRateLimitPerMinute: integer(env, 'LOGIN_RATE_LIMIT_PER_MINUTE', 100, 1, 100000, problems),
    loginAccountMaxFailures: integer(env, 'LOGIN_ACCOUNT_MAX_FAILURES', 5, 1, 10000, problems),
    loginAccountLockMinutes: integer(env, 'LOGIN_ACCOUNT_LOCK_MINUTES', 15, 1, 24 * 60, problems),
    trustProxy: trustProxySetting(env['TRUST_PROXY'], problems),
    rulesetsDir: env['RULESETS_DIR'] || repositoryPath('rulesets'),
    refreshSeconds: integer(env, 'REFRESH_SECONDS', 30, 1, 3600, problems),
    authRefreshSeconds: integer(env, 'AUTH_REFRESH_SECONDS', 30, 1, 3600, problems),
    workerThreads: integer(env, 'WORKER_THREADS', DEFAULT_WORKER_THREADS, 2, 64, problems),
    workerQueueSize: integer(env, 'WORKER_QUEUE_SIZE', 32, 0, 10000, problems),
    workerTaskTimeoutMs: integer(env, 'WORKER_TASK_TIMEOUT_MS', 30000, 1, 3600000, problems),
    draftCacheSize: integer(env, 'DRAFT_CACHE_SIZE', 8, 0, 1000, problems),
    evaluationPath: evaluationPathSetting(env['EVALUATION_PATH'], problems),
    quiet: env['LOG_LEVEL'] === 'error',
  };
  if (problems.length > 0) throw new EnvironmentError(problems);
  return result;
}

/** Injection token of the Environment. */
export const ENVIRONMENT = Symbol('ENVIRONMENT');

/**
 * BODY_LIMIT in bytes, read as the JSON body parser reads it (1kb = 1024 bytes, 1mb = 1024 kb).
 * @example bodyLimitBytes('1mb') // 1048576
 */
export function bodyLimitBytes(limit: string): number {
  const match = BODY_LIMIT_PATTERN.exec(limit);
  if (!match) throw new Error(`BODY_LIMIT must be a size such as 512kb or 1mb (got "${limit}")`);
  return Number(match[1]) * (match[2] === 'mb' ? 1024 * 1024 : 1024);
}
