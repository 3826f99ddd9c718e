import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable access, four eyes by person:
 *
 * - users can be disabled, and carry a session generation that access tokens must match (raised
 *   when a user is disabled, changes roles or password, or signs out), and when their password
 *   last changed;
 * - an API key acts for a person: the user who created it (`kind` 'user', `acts_for` the
 *   username) or a named service account (`kind` 'service-account', `acts_for` `service:<name>`,
 *   never holding approver or admin, which the database refuses too); keys expire, can be revoked
 *   (when, by whom) and remember when they were last used; names fit the audit columns (100);
 * - failed logins are counted per account, shared by every replica.
 *
 * Keys made before this act for their creator when the creator is a user, or else become service
 * accounts named after the key (without approver and admin); they expire a year after this runs.
 */
export class RevocableAccess1764806400000 implements MigrationInterface {
  name = 'RevocableAccess1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN disabled boolean NOT NULL DEFAULT false,
      ADD COLUMN session_generation integer NOT NULL DEFAULT 0,
      ADD COLUMN password_changed_at timestamptz`);

    await q.query(`ALTER TABLE api_keys
      ADD COLUMN kind varchar(16) NOT NULL DEFAULT 'user',
      ADD COLUMN acts_for varchar(100),
      ADD COLUMN expires_at timestamptz,
      ADD COLUMN revoked_at timestamptz,
      ADD COLUMN revoked_by varchar(100),
      ADD COLUMN last_used_at timestamptz`);
    await q.query(`UPDATE api_keys k SET acts_for = k.created_by
      WHERE EXISTS (SELECT 1 FROM users u WHERE u.username = k.created_by)`);
    await q.query(`UPDATE api_keys SET
        kind = 'service-account',
        acts_for = 'service:' || left(name, 92),
        roles = (SELECT coalesce(jsonb_agg(r), '[]'::jsonb) FROM jsonb_array_elements_text(roles) AS r
                 WHERE r NOT IN ('approver', 'admin'))
      WHERE acts_for IS NULL`);
    await q.query(`UPDATE api_keys SET expires_at = now() + interval '365 days'`);
    await q.query(`UPDATE api_keys SET name = left(name, 100) WHERE char_length(name) > 100`);
    await q.query(`ALTER TABLE api_keys
      ALTER COLUMN kind DROP DEFAULT,
      ALTER COLUMN acts_for SET NOT NULL,
      ALTER COLUMN expires_at SET NOT NULL,
      ALTER COLUMN name TYPE varchar(100),
      ADD CONSTRAINT api_keys_kind CHECK (kind IN ('user', 'service-account')),
      ADD CONSTRAINT api_keys_service_account_roles
        CHECK (kind <> 'service-account' OR NOT (roles ?| ARRAY['approver', 'admin']))`);

    await q.query(`CREATE TABLE login_failures (
      account varchar(100) PRIMARY KEY,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS login_failures');
    await q.query(`ALTER TABLE api_keys
      DROP CONSTRAINT IF EXISTS api_keys_service_account_roles,
      DROP CONSTRAINT IF EXISTS api_keys_kind,
      ALTER COLUMN name TYPE varchar(200),
      DROP COLUMN IF EXISTS last_used_at,
      DROP COLUMN IF EXISTS revoked_by,
      DROP COLUMN IF EXISTS revoked_at,
      DROP COLUMN IF EXISTS expires_at,
      DROP COLUMN IF EXISTS acts_for,
      DROP COLUMN IF EXISTS kind`);
    await q.query(`ALTER TABLE users
      DROP COLUMN IF EXISTS password_changed_at,
      DROP COLUMN IF EXISTS session_generation,
      DROP COLUMN IF EXISTS disabled`);
  }
}
