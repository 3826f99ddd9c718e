import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { contentHash } from '../../engine/content-hash';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './index';
import { RoundingAndTotals1764892800000 } from './1764892800000-rounding-and-totals';

const OLD = JSON.parse(
  readFileSync(
    join(__dirname, '../../../../test/fixtures/ruleset-2019-before-rounding-and-totals.json'),
    'utf8',
  ),
) as Record<string, unknown>;

function open(dataDir: string, migrations: (typeof MIGRATIONS)[number][]): Promise<DataSource> {
  return new DataSource({
    type: 'postgres',
    driver: new PGliteDriver({ dataDir }).driver,
    entities: ENTITIES,
    migrations,
    installExtensions: false,
    synchronize: false,
    logging: false,
  }).initialize();
}

interface Row {
  version: string;
  content: Record<string, unknown>;
  content_hash: string;
}

describe('the rounding-and-totals migration', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'rounding-and-totals-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('leaves versions that have both fields alone, and down restores exactly what up changed', async () => {
    const dataDir = join(folder, 'pglite');
    const current = { ...OLD, rounding: { places: 1, mode: 'down' }, totals: { monthsPerYear: 12 } };
    const earlier = await open(
      dataDir,
      MIGRATIONS.filter((m) => m !== RoundingAndTotals1764892800000),
    );
    try {
      await earlier.runMigrations({ transaction: 'each' });
      await earlier.query(`INSERT INTO rulesets (key, title) VALUES ('k', '{"zh":"k","en":"k"}')`);
      for (const [version, status, effectiveFrom, content] of [
        ['old', 'published', '2019-01-01', OLD],
        ['new', 'draft', '2019-02-01', current],
      ] as const)
        await earlier.query(
          `INSERT INTO ruleset_versions (ruleset_key, version, status, effective_from, content, content_hash,
             created_by, created_at, updated_by, updated_at, published_by, published_at)
           VALUES ('k', $1, $2, $3, $4::jsonb, $5, 'ed', now(), 'ed', now(), 'ap', now())`,
          [version, status, effectiveFrom, JSON.stringify(content), contentHash(content)],
        );
    } finally {
      await earlier.destroy();
    }

    const db = await open(dataDir, MIGRATIONS);
    try {
      await db.runMigrations({ transaction: 'each' });
      const read = async () =>
        (await db.query(
          'SELECT version, content, content_hash FROM ruleset_versions ORDER BY version',
        )) as Row[];
      const [upgradedNew, upgradedOld] = await read();
      // A version that already states its rounding and totals keeps them, and its hash.
      expect(upgradedNew?.content_hash).toBe(contentHash(current));
      expect(upgradedNew?.content['rounding']).toEqual({ places: 1, mode: 'down' });
      expect(upgradedOld?.content_hash).not.toBe(contentHash(OLD));
      expect(upgradedOld?.content_hash).toBe(contentHash(upgradedOld?.content));
      const audited = (await db.query(`SELECT version FROM audit_log WHERE action = 'upgraded'`)) as {
        version: string;
      }[];
      expect(audited).toEqual([{ version: 'old' }]);

      await db.undoLastMigration({ transaction: 'each' });
      const [, restored] = await read();
      expect(restored?.content_hash).toBe(contentHash(OLD));
      expect(contentHash(restored?.content)).toBe(contentHash(OLD));
      const downgraded = (await db.query(
        `SELECT actor, details FROM audit_log WHERE action = 'downgraded'`,
      )) as { actor: string; details: { removed: string[] } }[];
      expect(downgraded).toEqual([
        expect.objectContaining({
          actor: 'system',
          details: expect.objectContaining({ removed: ['rounding', 'totals'] }),
        }),
      ]);
      // The guard is back: published content cannot be changed.
      await expect(
        db.query(`UPDATE ruleset_versions SET content = '{}'::jsonb WHERE version = 'old'`),
      ).rejects.toThrow(/immutable/);
    } finally {
      await db.destroy();
    }
  });
});
