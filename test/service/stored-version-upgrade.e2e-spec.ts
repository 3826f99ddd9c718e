/**
 * Upgrading a database made by an earlier release: its stored versions lack the version-level
 * `rounding` and `totals` the format now requires. The migration writes out what they always
 * meant (to the fen, half up; twelve months a year), so every version, published, withdrawn, in
 * review or draft, loads again, evaluates and validates with the same amounts, carries the content
 * hash the service computes, and is audited; published content stays guarded afterwards.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import { ENTITIES } from '../../api/src/database/entities';
import { MIGRATIONS } from '../../api/src/database/migrations';
import { RoundingAndTotals1764892800000 } from '../../api/src/database/migrations/1764892800000-rounding-and-totals';
import { contentHash } from '../../api/src/engine/content-hash';
import { bootService, type TestService } from '../support/app';
import { bearer } from '../support/problem-responses';

const RULESET = 'shiyan-social-assistance';
const BASE = `/api/v1/rulesets/${RULESET}`;

/** The 2019 version as an earlier release stored it: no `rounding`, no `totals`. */
const OLD = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/ruleset-2019-before-rounding-and-totals.json'), 'utf8'),
) as {
  metadata: { version: string; effectiveFrom: string };
  tests: {
    name: string;
    asOf: string;
    household: unknown;
    expected: {
      benefits: { code: string; memberId: string | null; amount: string }[];
      totals: { monthly: string; annual: string; oneOff: string };
    };
  }[];
};

/** One stored version of every status, each the old document under its own label and date. */
const STORED = [
  { version: '2019', status: 'published', effectiveFrom: '2019-01-01' },
  { version: '2019-w', status: 'withdrawn', effectiveFrom: '2019-01-01' },
  { version: '2019-r', status: 'in_review', effectiveFrom: '2019-01-01' },
  { version: '2019-d', status: 'draft', effectiveFrom: '2019-01-01' },
] as const;

function oldDocument(version: string, effectiveFrom: string): Record<string, unknown> {
  const document = structuredClone(OLD) as unknown as Record<string, unknown>;
  document['metadata'] = { ...OLD.metadata, version, effectiveFrom };
  return document;
}

const EARLIER = MIGRATIONS.filter((m) => m !== RoundingAndTotals1764892800000);

/** A database with every migration before the upgrade and the old versions in it. */
async function earlierDatabase(target: { url: string } | { dataDir: string }): Promise<void> {
  const options =
    'url' in target
      ? ({ type: 'postgres', url: target.url } as const)
      : ({ type: 'postgres', driver: new PGliteDriver({ dataDir: target.dataDir }).driver } as const);
  const dataSource = new DataSource({
    ...options,
    entities: ENTITIES,
    migrations: EARLIER,
    installExtensions: false,
    synchronize: false,
    logging: false,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(`INSERT INTO rulesets (key, title) VALUES ($1, $2::jsonb)`, [
      RULESET,
      JSON.stringify({ zh: '十堰市社会救助', en: 'Shiyan social assistance' }),
    ]);
    for (const v of STORED) {
      const document = oldDocument(v.version, v.effectiveFrom);
      const published = v.status === 'published' || v.status === 'withdrawn';
      await dataSource.query(
        `INSERT INTO ruleset_versions (ruleset_key, version, status, effective_from, content, content_hash,
           created_by, created_at, updated_by, updated_at, submitted_by, submitted_at, published_by, published_at,
           withdrawn_by, withdrawn_at, withdrawn_reason)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, 'ed', now(), 'ed', now(), $7, $8, $9, $10, $11, $12, $13)`,
        [
          RULESET,
          v.version,
          v.status,
          v.effectiveFrom,
          JSON.stringify(document),
          contentHash(document),
          v.status === 'draft' ? null : 'ed',
          v.status === 'draft' ? null : new Date(),
          published ? 'ap' : null,
          published ? new Date() : null,
          v.status === 'withdrawn' ? 'ap' : null,
          v.status === 'withdrawn' ? new Date() : null,
          v.status === 'withdrawn' ? 'superseded' : null,
        ],
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

describe(`upgrading stored versions without rounding and totals (${process.env['DATABASE_URL'] ? 'PostgreSQL' : 'PGlite'})`, () => {
  let service: TestService;
  let auth: { Authorization: string };
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const server = process.env['DATABASE_URL'];
    if (server) {
      const name = `rules_upgrade_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      await earlierDatabase({ url: url.toString() });
      service = await bootService({ DATABASE_URL: url.toString() }, { databaseUrl: null });
      cleanup = async () => {
        const c = new Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const folder = mkdtempSync(join(tmpdir(), 'rules-upgrade-'));
      const dataDir = join(folder, 'pglite');
      await earlierDatabase({ dataDir });
      service = await bootService({ DATA_DIR: dataDir }, { databaseUrl: null });
      cleanup = async () => rmSync(folder, { recursive: true, force: true });
    }
    auth = bearer(service.adminToken);
  });
  afterAll(async () => {
    await service?.close();
    await cleanup?.();
  });

  const database = (): DataSource => service.app.get(DataSource);

  it('writes out the former fixed behaviour into every stored version, with its source', async () => {
    const rows = (await database().query(
      `SELECT version, status, content FROM ruleset_versions WHERE ruleset_key = $1 ORDER BY version`,
      [RULESET],
    )) as { version: string; status: string; content: Record<string, unknown> }[];
    expect(rows.map((r) => [r.version, r.status])).toEqual(STORED.map((v) => [v.version, v.status]).sort());
    for (const row of rows) {
      const rounding = row.content['rounding'] as {
        places: number;
        mode: string;
        source: { type: string; note: string };
      };
      const totals = row.content['totals'] as {
        monthsPerYear: number;
        source: { type: string; note: string };
      };
      expect({ places: rounding.places, mode: rounding.mode }).toEqual({ places: 2, mode: 'halfUp' });
      expect(totals.monthsPerYear).toBe(12);
      for (const source of [rounding.source, totals.source]) {
        expect(source.type).toBe('illustrative');
        expect(source.note).toMatch(/^升级前格式的固定做法/);
        expect(source.note).toContain("The format's fixed behaviour before");
      }
      // Nothing else of the document changed.
      const { rounding: _r, totals: _t, ...rest } = row.content;
      const before = oldDocument(row.version, STORED.find((v) => v.version === row.version)!.effectiveFrom);
      expect(contentHash(rest)).toBe(contentHash(before));
    }
  });

  it('recomputes each content hash as the service does, served as the ETag', async () => {
    for (const v of STORED) {
      const response = await service.http.get(`${BASE}/versions/${v.version}`).set(auth);
      expect(response.status).toBe(200);
      const hash = contentHash(response.body);
      expect(response.headers['etag']).toBe(`"${hash}"`);
      expect(response.body).toHaveProperty('rounding');
      expect(hash).not.toBe(contentHash(oldDocument(v.version, v.effectiveFrom)));
      const listed = await service.http.get(`${BASE}/versions`).set(auth);
      const summary = (listed.body as { version: string; contentHash: string }[]).find(
        (s) => s.version === v.version,
      );
      expect(summary?.contentHash).toBe(hash);
    }
  });

  it('audits each upgrade: system, upgraded, the fields added, old and new hash', async () => {
    const rows = (await database().query(
      `SELECT actor, version, details FROM audit_log WHERE action = 'upgraded' ORDER BY version`,
    )) as { actor: string; version: string; details: Record<string, unknown> }[];
    expect(rows.map((r) => r.version)).toEqual(STORED.map((v) => v.version).sort());
    for (const row of rows) {
      const v = STORED.find((s) => s.version === row.version)!;
      const current = (await database().query(
        'SELECT content_hash FROM ruleset_versions WHERE ruleset_key = $1 AND version = $2',
        [RULESET, v.version],
      )) as { content_hash: string }[];
      expect(row.actor).toBe('system');
      expect(row.details).toEqual({
        added: ['rounding', 'totals'],
        fromHash: contentHash(oldDocument(v.version, v.effectiveFrom)),
        toHash: current[0]!.content_hash,
        migration: 'RoundingAndTotals1764892800000',
      });
    }
  });

  it('evaluates the upgraded published version with the amounts its tests expect', async () => {
    for (const test of OLD.tests.slice(0, 5)) {
      const response = await service.http
        .post(`${BASE}/evaluate`)
        .set(auth)
        .send({ asOf: test.asOf, household: test.household });
      expect(response.status).toBe(200);
      const body = response.body as {
        ruleset: { version: string };
        benefits: { code: string; memberId: string | null; amount: string }[];
        totals: { monthly: string; annual: string; oneOff: string };
      };
      expect(body.ruleset.version).toBe('2019');
      expect(body.benefits.map((b) => ({ code: b.code, memberId: b.memberId, amount: b.amount }))).toEqual(
        test.expected.benefits,
      );
      expect(body.totals).toEqual(test.expected.totals);
    }
  });

  it.each(STORED.map((v) => [v.version, v.status]))(
    'validates %s (%s): valid, every embedded test passing with its old amounts',
    async (version) => {
      const response = await service.http.post(`${BASE}/versions/${version}/validate`).set(auth);
      expect(response.status).toBe(200);
      const body = response.body as {
        valid: boolean;
        errors: unknown[];
        tests: { passed: number; failed: number };
      };
      expect(body.errors).toEqual([]);
      expect(body.valid).toBe(true);
      expect(body.tests).toEqual({ passed: OLD.tests.length, failed: 0 });
    },
  );

  it('guards published content again once the migration has run', async () => {
    await expect(
      database().query(
        `UPDATE ruleset_versions SET content = content - 'rounding' WHERE ruleset_key = $1 AND version = '2019'`,
        [RULESET],
      ),
    ).rejects.toThrow(/immutable/);
  });
});
