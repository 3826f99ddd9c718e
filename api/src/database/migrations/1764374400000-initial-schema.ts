import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema: rulesets, versions (content in jsonb), users, API keys, the audit log and
 * settings, with the database guards: published versions never change and the audit log is
 * append-only, whatever the service does.
 */
export class InitialSchema1764374400000 implements MigrationInterface {
  name = 'InitialSchema1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rulesets (
      key varchar(100) PRIMARY KEY,
      title jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE ruleset_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ruleset_key varchar(100) NOT NULL REFERENCES rulesets(key),
      version varchar(40) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'withdrawn')),
      effective_from date NOT NULL,
      content jsonb NOT NULL,
      content_hash varchar(80) NOT NULL,
      based_on varchar(40),
      created_by varchar(100) NOT NULL,
      created_at timestamptz NOT NULL,
      updated_by varchar(100) NOT NULL,
      updated_at timestamptz NOT NULL,
      submitted_by varchar(100),
      submitted_at timestamptz,
      published_by varchar(100),
      published_at timestamptz,
      withdrawn_by varchar(100),
      withdrawn_at timestamptz,
      withdrawn_reason text,
      CONSTRAINT ruleset_versions_label_unique UNIQUE (ruleset_key, version))`);
    await q.query(
      `CREATE INDEX ruleset_versions_in_force ON ruleset_versions (ruleset_key, status, effective_from)`,
    );
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username varchar(100) NOT NULL UNIQUE,
      password_hash text NOT NULL,
      roles jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(200) NOT NULL,
      key_hash varchar(64) NOT NULL UNIQUE,
      roles jsonb NOT NULL,
      created_by varchar(100) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor varchar(100) NOT NULL,
      action varchar(40) NOT NULL,
      ruleset_key varchar(100),
      version varchar(40),
      details jsonb NOT NULL DEFAULT '{}'::jsonb)`);
    await q.query(`CREATE INDEX audit_log_version ON audit_log (ruleset_key, version, at DESC)`);
    await q.query(`CREATE TABLE settings (key varchar(100) PRIMARY KEY, value text NOT NULL)`);

    await q.query(`CREATE FUNCTION guard_published_versions() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.status IN ('published', 'withdrawn') THEN
            RAISE EXCEPTION 'published ruleset versions cannot be deleted';
          END IF;
          RETURN OLD;
        END IF;
        IF OLD.status IN ('published', 'withdrawn') THEN
          IF NEW.content IS DISTINCT FROM OLD.content
             OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
             OR NEW.effective_from IS DISTINCT FROM OLD.effective_from
             OR NEW.version IS DISTINCT FROM OLD.version
             OR NEW.ruleset_key IS DISTINCT FROM OLD.ruleset_key
             OR NEW.published_at IS DISTINCT FROM OLD.published_at
             OR NEW.published_by IS DISTINCT FROM OLD.published_by THEN
            RAISE EXCEPTION 'published ruleset versions are immutable';
          END IF;
          IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status = 'published' AND NEW.status = 'withdrawn') THEN
            RAISE EXCEPTION 'a published version can only be withdrawn';
          END IF;
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER ruleset_versions_guard BEFORE UPDATE OR DELETE ON ruleset_versions
      FOR EACH ROW EXECUTE FUNCTION guard_published_versions()`);
    await q.query(`CREATE FUNCTION guard_audit_log() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
      END $$ LANGUAGE plpgsql`);
    await q.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION guard_audit_log()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['settings', 'audit_log', 'api_keys', 'users', 'ruleset_versions', 'rulesets']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query('DROP FUNCTION IF EXISTS guard_audit_log()');
    await q.query('DROP FUNCTION IF EXISTS guard_published_versions()');
  }
}
