import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repositoryPath } from '../config/repository-paths';
import { MIGRATIONS } from './migrations';

/**
 * Where the embedded database's template is kept: an empty database with every migration applied,
 * prepared once (`initdb` and the migrations, then PGlite's `dumpDataDir`), from which a new data
 * directory is loaded (`loadDataDir`) instead of running `initdb` and the migrations again on
 * first start (they are most of the time a first start takes). `npm install` prepares it (the
 * `prepare` script); without it the service runs `initdb` as before. Its name holds the PGlite
 * release and a digest of the migrations' names, so a database of another release, or one missing
 * a migration, is never loaded.
 * @returns an absolute path under the repository's `data/templates/`.
 */
export function pgliteTemplatePath(): string {
  const migrations = createHash('sha256')
    .update(MIGRATIONS.map((m) => m.name).join('\n'))
    .digest('hex')
    .slice(0, 12);
  return join(
    dirname(repositoryPath('package.json')),
    'data',
    'templates',
    `pglite-${pgliteVersion()}-${migrations}.tar.gz`,
  );
}

/** The installed PGlite release, such as `0.5.17`. */
function pgliteVersion(): string {
  // The package's exports do not include package.json: read it next to its entry point.
  const entry = require.resolve('@electric-sql/pglite');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === '@electric-sql/pglite' && parsed.version) return parsed.version;
    }
  }
  return 'unknown';
}

/**
 * True when `dataDir` is a folder that holds no database yet (missing or empty): the template may
 * be loaded there. `memory://` databases (tests) are always created afresh.
 */
export function isNewDataDir(dataDir: string): boolean {
  if (dataDir.startsWith('memory://')) return false;
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/** The prepared template's bytes, or undefined when it has not been prepared. */
export function readPgliteTemplate(path: string = pgliteTemplatePath()): Blob | undefined {
  if (!existsSync(path)) return undefined;
  return new Blob([readFileSync(path)]);
}
