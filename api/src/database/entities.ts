import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { FIELD_LIMITS } from '../common/field-limits';

/** Lifecycle of a ruleset version. */
export type VersionStatus = 'draft' | 'in_review' | 'published' | 'withdrawn';

/** A ruleset: its key and title; jurisdictions live in each version's content. */
@Entity({ name: 'rulesets' })
export class RulesetRow {
  @PrimaryColumn({ type: 'varchar', length: FIELD_LIMITS.rulesetKey })
  key!: string;

  @Column({ type: 'jsonb' })
  title!: { zh: string; en: string };

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One version of a ruleset, with its content (jsonb) and lifecycle. */
@Entity({ name: 'ruleset_versions' })
export class RulesetVersionRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'ruleset_key', type: 'varchar', length: FIELD_LIMITS.rulesetKey })
  rulesetKey!: string;

  @Column({ type: 'varchar', length: FIELD_LIMITS.versionLabel })
  version!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: VersionStatus;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  content!: object;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash!: string;

  @Column({ name: 'based_on', type: 'varchar', length: FIELD_LIMITS.versionLabel, nullable: true })
  basedOn!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: FIELD_LIMITS.username })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: FIELD_LIMITS.username })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'submitted_by', type: 'varchar', length: FIELD_LIMITS.username, nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'published_by', type: 'varchar', length: FIELD_LIMITS.username, nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'varchar', length: FIELD_LIMITS.username, nullable: true })
  withdrawnBy!: string | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason!: string | null;
}

/** An official or system account. */
@Entity({ name: 'users' })
export class UserRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: FIELD_LIMITS.username, unique: true })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'jsonb' })
  roles!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** A disabled user cannot sign in; their tokens and API keys stop working. */
  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /**
   * Raised when the user is disabled, changes roles or password, or signs out: access tokens carry
   * the generation they were issued in and are good only while it is current.
   */
  @Column({ name: 'session_generation', type: 'integer', default: 0 })
  sessionGeneration!: number;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;
}

/** Whom an API key acts for: the user who created it, or a named service account. */
export type ApiKeyKind = 'user' | 'service-account';

/** An API key; only its SHA-256 is stored. It acts for a person (see `actsFor`). */
@Entity({ name: 'api_keys' })
export class ApiKeyRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: FIELD_LIMITS.apiKeyName })
  name!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64, unique: true })
  keyHash!: string;

  @Column({ type: 'jsonb' })
  roles!: string[];

  @Column({ name: 'created_by', type: 'varchar', length: FIELD_LIMITS.username })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  kind!: ApiKeyKind;

  /** The accountable person: the creator's username, or `service:<name>` for a service account. */
  @Column({ name: 'acts_for', type: 'varchar', length: FIELD_LIMITS.username })
  actsFor!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'varchar', length: FIELD_LIMITS.username, nullable: true })
  revokedBy!: string | null;

  /** When the key was last used, written at most once per AUTH_REFRESH_SECONDS. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}

/** Failed logins of one account (the username as sent) in the current window, for every replica. */
@Entity({ name: 'login_failures' })
export class LoginFailureRow {
  @PrimaryColumn({ type: 'varchar', length: FIELD_LIMITS.username })
  account!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;
}

/** One append-only audit entry: who, when, what, and what changed. */
@Entity({ name: 'audit_log' })
export class AuditRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: FIELD_LIMITS.username })
  actor!: string;

  @Column({ type: 'varchar', length: FIELD_LIMITS.auditAction })
  action!: string;

  @Column({ name: 'ruleset_key', type: 'varchar', length: FIELD_LIMITS.rulesetKey, nullable: true })
  rulesetKey!: string | null;

  @Column({ type: 'varchar', length: FIELD_LIMITS.versionLabel, nullable: true })
  version!: string | null;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}

/** Service-wide settings kept in the database (the token-signing secret). */
@Entity({ name: 'settings' })
export class SettingRow {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}

export const ENTITIES = [
  RulesetRow,
  RulesetVersionRow,
  UserRow,
  ApiKeyRow,
  AuditRow,
  SettingRow,
  LoginFailureRow,
];
