/**
 * Starts the rules service: validated environment, the embedded database (or DATABASE_URL), the
 * API on PORT, graceful shutdown on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './configure-app';
import { EnvironmentError, readEnvironment } from './config/environment';

async function main(): Promise<void> {
  let env;
  try {
    env = readEnvironment();
  } catch (e) {
    if (e instanceof EnvironmentError) {
      process.stderr.write(`${e.message}\nSee README.md, "Settings".\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = await createApp(env);
  await app.listen(env.port);
  const where = env.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `the embedded database in ${env.dataDir}`;
  new Logger('Main').log(
    `Rules service listening on http://localhost:${env.port} (API docs at /api/docs), using ${where}`,
  );
}

void main().catch((e: unknown) => {
  process.stderr.write(`The service could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
