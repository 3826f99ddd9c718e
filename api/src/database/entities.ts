import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Lifecycle of a ruleset version. */
export type VersionStatus = 'draft' | 'in_review' | 'published' | 'withdrawn';

/** A ruleset: its key and title; jurisdictions live in each version's content. */
@Entity({ name: 'rulesets' })
export class RulesetRow {
  @PrimaryColumn({ type: 'varchar', length: 100 })
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

  @Column({ name: 'ruleset_key', type: 'varchar', length: 100 })
  rulesetKey!: string;

  @Column({ type: 'varchar', length: 40 })
  version!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: VersionStatus;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'jsonb' })
  content!: object;

  @Column({ name: 'content_hash', type: 'varchar', length: 80 })
  contentHash!: string;

  @Column({ name: 'based_on', type: 'varchar', length: 40, nullable: true })
  basedOn!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 100 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'submitted_by', type: 'varchar', length: 100, nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'published_by', type: 'varchar', length: 100, nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'withdrawn_by', type: 'varchar', length: 100, nullable: true })
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

  @Column({ type: 'varchar', length: 100, unique: true })
  username!: string;

  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'jsonb' })
  roles!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An API key for a caseworker system; only its SHA-256 is stored. */
@Entity({ name: 'api_keys' })
export class ApiKeyRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64, unique: true })
  keyHash!: string;

  @Column({ type: 'jsonb' })
  roles!: string[];

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One append-only audit entry: who, when, what, and what changed. */
@Entity({ name: 'audit_log' })
export class AuditRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'ruleset_key', type: 'varchar', length: 100, nullable: true })
  rulesetKey!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
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

export const ENTITIES = [RulesetRow, RulesetVersionRow, UserRow, ApiKeyRow, AuditRow, SettingRow];
