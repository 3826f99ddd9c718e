import type { MigrationInterface, QueryRunner } from 'typeorm';
import { contentHash } from '../../engine/content-hash';

/**
 * The version-level `rounding` and `totals` of the ruleset format, written into stored versions.
 *
 * They became required fields of every version; before, the format fixed them: each benefit line
 * was rounded once from its exact amount to the fen, half up, and a monthly line counted twelve
 * months in the annual total. A stored version (whatever its status) that lacks either gets it
 * written out with exactly that meaning, so it keeps its amounts and loads again; its content hash
 * is recomputed as the service computes it (`contentHash`), and each changed version gets an audit
 * entry (actor `system`, action `upgraded`, details: the fields added and the old and new hash).
 *
 * Published and withdrawn content is immutable: the guard trigger is disabled for these updates
 * only, inside this migration's transaction, and enabled again before it commits (a failure rolls
 * both back).
 */
export class RoundingAndTotals1764892800000 implements MigrationInterface {
  name = 'RoundingAndTotals1764892800000';

  async up(q: QueryRunner): Promise<void> {
    const rows = (await q.query(
      'SELECT id, ruleset_key, version, content, content_hash FROM ruleset_versions ORDER BY ruleset_key, effective_from, version',
    )) as VersionRow[];
    const upgrades = rows.flatMap((row) => {
      if (!isObject(row.content)) return [];
      const content: Record<string, unknown> = { ...row.content };
      const added = FIELDS.filter((field) => !(field in content));
      if (added.length === 0) return [];
      for (const field of added) content[field] = FORMER_BEHAVIOUR[field];
      return [{ row, added, content, hash: contentHash(content) }];
    });
    if (upgrades.length === 0) return;
    await q.query('ALTER TABLE ruleset_versions DISABLE TRIGGER ruleset_versions_guard');
    try {
      for (const { row, added, content, hash } of upgrades) {
        await q.query('UPDATE ruleset_versions SET content = $1::jsonb, content_hash = $2 WHERE id = $3', [
          JSON.stringify(content),
          hash,
          row.id,
        ]);
        await q.query(
          `INSERT INTO audit_log (at, actor, action, ruleset_key, version, details)
            VALUES (now(), 'system', 'upgraded', $1, $2, $3::jsonb)`,
          [
            row.ruleset_key,
            row.version,
            JSON.stringify({ added, fromHash: row.content_hash, toHash: hash, migration: this.name }),
          ],
        );
      }
    } finally {
      await q.query('ALTER TABLE ruleset_versions ENABLE TRIGGER ruleset_versions_guard');
    }
  }

  /**
   * Takes the added fields out again of every version still exactly as this migration left it (its
   * hash is the `toHash` of its `upgraded` entry), restoring the old hash; versions edited since
   * keep their fields (an older release cannot load them either way). Audited as `downgraded`.
   */
  async down(q: QueryRunner): Promise<void> {
    const entries = (await q.query(
      `SELECT v.id, v.ruleset_key, v.version, v.content, a.details FROM ruleset_versions v
        JOIN audit_log a ON a.ruleset_key = v.ruleset_key AND a.version = v.version
        WHERE a.action = 'upgraded' AND a.details->>'migration' = $1
          AND v.content_hash = a.details->>'toHash'`,
      [this.name],
    )) as (VersionRow & { details: { added: string[]; fromHash: string; toHash: string } })[];
    if (entries.length === 0) return;
    await q.query('ALTER TABLE ruleset_versions DISABLE TRIGGER ruleset_versions_guard');
    try {
      for (const entry of entries) {
        const content = { ...(entry.content as Record<string, unknown>) };
        for (const field of entry.details.added) delete content[field];
        await q.query('UPDATE ruleset_versions SET content = $1::jsonb, content_hash = $2 WHERE id = $3', [
          JSON.stringify(content),
          entry.details.fromHash,
          entry.id,
        ]);
        await q.query(
          `INSERT INTO audit_log (at, actor, action, ruleset_key, version, details)
            VALUES (now(), 'system', 'downgraded', $1, $2, $3::jsonb)`,
          [
            entry.ruleset_key,
            entry.version,
            JSON.stringify({
              removed: entry.details.added,
              fromHash: entry.details.toHash,
              toHash: entry.details.fromHash,
              migration: this.name,
            }),
          ],
        );
      }
    } finally {
      await q.query('ALTER TABLE ruleset_versions ENABLE TRIGGER ruleset_versions_guard');
    }
  }
}

interface VersionRow {
  id: string;
  ruleset_key: string;
  version: string;
  content: unknown;
  content_hash: string;
}

const FIELDS = ['rounding', 'totals'] as const;

/**
 * What the format fixed before `rounding` and `totals` were data, worded as the shipped versions
 * word the same choice.
 */
const FORMER_BEHAVIOUR: Readonly<Record<(typeof FIELDS)[number], object>> = {
  rounding: {
    places: 2,
    mode: 'halfUp',
    source: {
      type: 'illustrative',
      note: "升级前格式的固定做法(政策未规定舍入办法):每项待遇从精确金额按分四舍五入一次,合计为舍入后各项之和 / The format's fixed behaviour before rounding became data (the policy sets no rounding): each line is rounded once from its exact amount to the fen, half up; totals add the rounded lines",
    },
  },
  totals: {
    monthsPerYear: 12,
    source: {
      type: 'illustrative',
      note: "升级前格式的固定做法:按月发放的待遇全年按12个月计入年度合计 / The format's fixed behaviour before totals became data: a monthly line counts twelve months in the annual total",
    },
  },
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
