import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { getPGliteInstance, PGliteDriver } from 'typeorm-pglite';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { isNewDataDir, pgliteTemplatePath, readPgliteTemplate } from './pglite-template';

/**
 * TypeORM options: the PostgreSQL server at `databaseUrl`, or, when there is none, the embedded
 * PGlite database in `dataDir` (`memory://` keeps nothing). Schema by migrations only. A new
 * embedded database is loaded from the prepared template when there is one (see
 * `pglite-template.ts`), instead of running `initdb`.
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
  const template = isNewDataDir(settings.dataDir) ? readPgliteTemplate() : undefined;
  if (!settings.dataDir.startsWith('memory://')) mkdirSync(settings.dataDir, { recursive: true });
  const driver = new PGliteDriver({
    dataDir: settings.dataDir,
    ...(template ? { loadDataDir: template } : {}),
  });
  return { ...common, type: 'postgres', driver: driver.driver };
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

/**
 * Prepares the embedded database's template at `path` (see {@link pgliteTemplatePath}) unless it is
 * there already: creates a database with every migration in a scratch folder, dumps it (gzip) and
 * moves the dump into place in one step, so a half-written template is never read.
 * @returns whether it was created now or found.
 * @throws whatever PGlite or a migration throws (the scratch folder is removed).
 */
export async function prepareDatabaseTemplate(
  path: string = pgliteTemplatePath(),
): Promise<'created' | 'present'> {
  if (existsSync(path)) return 'present';
  mkdirSync(dirname(path), { recursive: true });
  const scratch = mkdtempSync(join(dirname(path), '.prepare-'));
  try {
    const dataSource = await openDatabase({ databaseUrl: null, dataDir: join(scratch, 'pglite') });
    try {
      const dump = await (await getPGliteInstance()).dumpDataDir('gzip');
      const partial = join(scratch, 'template.tar.gz');
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, path);
    } finally {
      await dataSource.destroy();
    }
    return 'created';
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
