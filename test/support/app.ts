import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../api/src/configure-app';
import { type Environment, readEnvironment } from '../../api/src/config/environment';

export const ADMIN_PASSWORD = 'e2e-admin-password-123';

/** A booted service for one suite: on PGlite in memory, or on a fresh database of DATABASE_URL's server. */
export interface TestService {
  app: NestExpressApplication;
  http: TestAgent;
  /** Which database the suite runs on. */
  database: 'pglite' | 'postgres';
  /** The database URL of a PostgreSQL run (for outage tests), else null. */
  databaseUrl: string | null;
  login(username: string, password: string): Promise<string>;
  adminToken: string;
  close(): Promise<void>;
}

/** Creates a scratch database on the server of `url` and returns its URL. */
async function scratchDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rules_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    drop: async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Boots the whole service as `npm start` does (configureApp included), with the bootstrap admin
 * password known to the test. `env` adds or overrides settings; `options.settings` overrides settings
 * after they are read, for a test that needs one the service refuses at start (such as one worker).
 */
export async function bootService(
  env: Record<string, string> = {},
  options: { databaseUrl?: string | null; settings?: Partial<Environment> } = {},
): Promise<TestService> {
  const serverUrl =
    options.databaseUrl === undefined ? process.env['DATABASE_URL'] || null : options.databaseUrl;
  const scratch = serverUrl ? await scratchDatabase(serverUrl) : null;
  const settings = readEnvironment({
    DATA_DIR: 'memory://',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'error',
    // Suites sign in and fail to sign in often; the throttling suite sets its own limits.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    LOGIN_ACCOUNT_MAX_FAILURES: '1000',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...env,
  });
  const app = await createApp({ ...settings, ...options.settings });
  const http = request(app.getHttpServer());
  const login = async (username: string, password: string): Promise<string> => {
    const response = await http.post('/api/v1/auth/login').send({ username, password });
    if (response.status !== 200)
      throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return (response.body as { accessToken: string }).accessToken;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  return {
    app,
    http,
    database: scratch ? 'postgres' : 'pglite',
    databaseUrl: scratch?.url ?? null,
    login,
    adminToken,
    close: async () => {
      await app.close();
      await scratch?.drop();
    },
  };
}

/** Creates a user with the given roles (as admin) and returns their access token. */
export async function createOfficial(
  service: TestService,
  username: string,
  roles: string[],
): Promise<string> {
  const password = `${username}-password-123`;
  const response = await service.http
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${service.adminToken}`)
    .send({ username, password, roles });
  if (response.status !== 201)
    throw new Error(`creating ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return service.login(username, password);
}
