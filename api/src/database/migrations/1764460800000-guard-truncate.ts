import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TRUNCATE fires no row triggers: guard it by statement, so neither published versions nor the
 * audit log can be emptied that way either.
 */
export class GuardTruncate1764460800000 implements MigrationInterface {
  name = 'GuardTruncate1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION guard_truncate() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION '% cannot be truncated: published versions and the audit log are kept', TG_TABLE_NAME;
      END $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER ruleset_versions_no_truncate BEFORE TRUNCATE ON ruleset_versions
      FOR EACH STATEMENT EXECUTE FUNCTION guard_truncate()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION guard_truncate()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log');
    await q.query('DROP TRIGGER IF EXISTS ruleset_versions_no_truncate ON ruleset_versions');
    await q.query('DROP FUNCTION IF EXISTS guard_truncate()');
  }
}
