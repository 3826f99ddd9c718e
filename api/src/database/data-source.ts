import { mkdirSync } from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * TypeORM options: the PostgreSQL server at `databaseUrl`, or, when there is none, the embedded
 * PGlite database in `dataDir` (`memory://` keeps nothing). Schema by migrations only.
 */
export function dataSourceOptions(settings: {
  databaseUrl: string | null;
  dataDir: string;
}): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // Never installed: ids come from gen_random_uuid(), built into PostgreSQL 13+ and PGlite.
    installExtensions: false,
    logging: false,
  } as const;
  if (settings.databaseUrl) {
    return {
      ...common,
      type: 'postgres',
      url: settings.databaseUrl,
      connectTimeoutMS: 3000,
      extra: { max: 10, idleTimeoutMillis: 10000, connectionTimeoutMillis: 3000, query_timeout: 15000 },
      // An idle connection dropped by a restarting server must not crash the service.
      poolErrorHandler: () => undefined,
    };
  }
  if (!settings.dataDir.startsWith('memory://')) mkdirSync(settings.dataDir, { recursive: true });
  return { ...common, type: 'postgres', driver: new PGliteDriver({ dataDir: settings.dataDir }).driver };
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(settings: {
  databaseUrl: string | null;
  dataDir: string;
}): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(settings));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
