import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../api/src/configure-app';
import { readEnvironment } from '../../api/src/config/environment';

/**
 * A database that outlives one boot of the service, so a test can start the service on it twice
 * (first start, then a restart): a scratch database on DATABASE_URL's server, or else an embedded
 * PGlite database in a temporary folder.
 */
export interface KeptDatabase {
  /** The settings that point the service at it. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** Creates a kept database; see {@link KeptDatabase}. */
export async function keptDatabase(serverUrl = process.env['DATABASE_URL'] || null): Promise<KeptDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'rules-e2e-'));
    return { env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rules_e2e_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A service booted exactly with the given settings: no bootstrap password, no login made for the test. */
export interface BareService {
  app: NestExpressApplication;
  http: TestAgent;
  close(): Promise<void>;
}

/** Boots the service on `database` with exactly `env` (plus the database settings). */
export async function bootBareService(
  database: KeptDatabase,
  env: Record<string, string>,
): Promise<BareService> {
  const app = await createApp(readEnvironment({ ...env, ...database.env }));
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}
