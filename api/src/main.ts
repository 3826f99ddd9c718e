/**
 * Starts the rules service: validated environment, the embedded database (or DATABASE_URL), the
 * API on PORT, graceful shutdown on SIGTERM/SIGINT.
 */
import 'reflect-metadata';
import { EnvironmentError, readEnvironment, type Environment } from './config/environment';

async function main(): Promise<void> {
  let env: Environment;
  try {
    env = readEnvironment();
  } catch (e) {
    if (e instanceof EnvironmentError) {
      process.stderr.write(`${e.message}\nSee README.md, "Settings".\n`);
      process.exit(1);
    }
    throw e;
  }
  // Loaded only once the settings are known to be good, so that a bad one stops the service at
  // once instead of after Nest, TypeORM and the engine have been loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('./configure-app') as typeof import('./configure-app');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Logger } = require('@nestjs/common') as typeof import('@nestjs/common');
  const app = await createApp(env);
  await app.listen(env.port);
  const where = env.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `the embedded database in ${env.dataDir}`;
  new Logger('Main').log(
    `Rules service listening on http://localhost:${env.port} (API docs at /api/docs), using ${where}; evaluations on the ${env.evaluationPath} path (EVALUATION_PATH)`,
  );
}

void main().catch((e: unknown) => {
  process.stderr.write(`The service could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
