import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At most one published version of a ruleset per effective date: with a tie, which version is in
 * force would depend on row order. The check in the service runs before its transaction; this
 * partial unique index makes two concurrent publishes of the same date impossible (the second one
 * fails with a unique violation, answered as 409).
 */
export class OnePublishedPerDate1764720000000 implements MigrationInterface {
  name = 'OnePublishedPerDate1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX ruleset_versions_one_published_per_date
      ON ruleset_versions (ruleset_key, effective_from) WHERE status = 'published'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS ruleset_versions_one_published_per_date');
  }
}
