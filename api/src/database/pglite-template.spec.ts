import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { prepareDatabaseTemplate } from './data-source';
import { MIGRATIONS } from './migrations';
import { isNewDataDir, pgliteTemplatePath } from './pglite-template';

describe('the embedded database template', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pglite-template-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is named after the PGlite release and the migrations, under data/templates', () => {
    const path = pgliteTemplatePath();
    expect(path).toMatch(/[/\\]data[/\\]templates[/\\]pglite-[0-9]+\.[0-9]+\.[0-9]+-[0-9a-f]{12}\.tar\.gz$/);
    const installed = JSON.parse(
      readFileSync(join(__dirname, '../../../node_modules/@electric-sql/pglite/package.json'), 'utf8'),
    ) as { version: string };
    expect(basename(path)).toContain(`pglite-${installed.version}-`);
  });

  it('is loaded only into a missing or empty folder, never into memory:// or an existing database', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    const used = join(scratch, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'PG_VERSION'), '17');
    expect(isNewDataDir(join(scratch, 'missing'))).toBe(true);
    expect(isNewDataDir(empty)).toBe(true);
    expect(isNewDataDir(used)).toBe(false);
    expect(isNewDataDir('memory://')).toBe(false);
  });

  it('holds a database with every migration applied, and is prepared only once', async () => {
    const path = join(scratch, 'templates', 'template.tar.gz');
    expect(await prepareDatabaseTemplate(path)).toBe('created');
    expect(await prepareDatabaseTemplate(path)).toBe('present');
    const db = await PGlite.create({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(path)]) });
    try {
      const applied = await db.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
      expect(applied.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      const users = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      expect(users.rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  });
});
