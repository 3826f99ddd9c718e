/**
 * Broken fixtures (OpenFisca style): each file under `test/fixtures/broken/` takes one shipped
 * version of shiyan-social-assistance, applies an RFC 6902 JSON Patch to a copy of it, and says which
 * error the validator must report for the result (or that the result is valid).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { applyPatch, type Operation } from 'fast-json-patch';

import { compileVersion, RulesetCatalog, type CompiledVersion } from '../../api/src/engine';

export const RULESET_DIR = resolve(__dirname, '..', '..', 'rulesets', 'shiyan-social-assistance');
export const FIXTURES_DIR = resolve(__dirname, '..', 'fixtures', 'broken');

/** One error the validator must report: exactly this path, a message containing this text. */
export interface ExpectedError {
  path: string;
  message: string;
  code?: string;
}

export interface BrokenFixture {
  /** The fixture's file name, e.g. `floor-orphan-scattered.json`. */
  name: string;
  description: string;
  /** A version file of the ruleset, without `.json`, e.g. `2019`. */
  base: string;
  patch: Operation[];
  /**
   * The error to find; or `{ valid: true }` for a change the validator must accept, with the
   * (justified) warning it must then report, if any.
   */
  expect: ExpectedError | { valid: true; warning?: ExpectedError };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const OPERATIONS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

function isOperation(value: unknown): value is Operation {
  return (
    isRecord(value) &&
    typeof value.op === 'string' &&
    OPERATIONS.includes(value.op) &&
    typeof value.path === 'string'
  );
}

function isExpectedError(value: unknown): value is ExpectedError {
  return (
    isRecord(value) &&
    typeof value.path === 'string' &&
    typeof value.message === 'string' &&
    value.message.length > 0 &&
    (value.code === undefined || typeof value.code === 'string')
  );
}

function isExpectation(value: unknown): value is BrokenFixture['expect'] {
  if (isRecord(value) && value.valid === true)
    return Object.keys(value).every(
      (k) => k === 'valid' || (k === 'warning' && isExpectedError(value.warning)),
    );
  return isExpectedError(value);
}

/** Whether one of the problems has exactly the expected path, contains the message and has the code. */
export function matches(
  problems: readonly { path: string; message: string; code?: string }[],
  expected: ExpectedError,
): boolean {
  return problems.some(
    (p) =>
      p.path === expected.path &&
      p.message.includes(expected.message) &&
      (expected.code === undefined || p.code === expected.code),
  );
}

/** The fixture files, sorted by name. */
export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

/** Reads one fixture and checks its shape, naming the file when it is malformed. */
export function readFixture(name: string): BrokenFixture {
  const raw: unknown = JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8'));
  if (
    !isRecord(raw) ||
    typeof raw.description !== 'string' ||
    typeof raw.base !== 'string' ||
    !Array.isArray(raw.patch) ||
    !raw.patch.every(isOperation) ||
    !isExpectation(raw.expect)
  ) {
    throw new Error(
      `${name}: expected { description, base, patch: [operations], expect: { path, message, code? } | { valid: true } }`,
    );
  }
  return { name, description: raw.description, base: raw.base, patch: raw.patch, expect: raw.expect };
}

/** A fresh parse of a shipped version file: a deep copy nothing else shares. */
export function baseDocument(base: string): unknown {
  return JSON.parse(readFileSync(join(RULESET_DIR, `${base}.json`), 'utf8')) as unknown;
}

/**
 * The base version with the fixture's patch applied. Every operation is validated, and `test`
 * operations guard the indexes the patch relies on, so that a fixture whose base has moved fails
 * here instead of passing for the wrong reason.
 */
export function applyFixture(fixture: BrokenFixture): unknown {
  return applyPatch(baseDocument(fixture.base), fixture.patch, true, true).newDocument;
}

let catalog: RulesetCatalog | undefined;

/** Every shipped version of the ruleset, compiled. */
export function shippedCatalog(): RulesetCatalog {
  if (!catalog) {
    const versions = readdirSync(RULESET_DIR)
      .filter((name) => name.endsWith('.json'))
      .map((name) => compileVersion(baseDocument(name.slice(0, -'.json'.length))));
    catalog = new RulesetCatalog('shiyan-social-assistance', versions);
  }
  return catalog;
}

/** The compiled version in force before the base version: what year-on-year constraints compare with. */
export function previousOf(base: string): CompiledVersion | null {
  const version = shippedCatalog().byLabel(base);
  if (!version) throw new Error(`no shipped version '${base}' in ${RULESET_DIR}`);
  return shippedCatalog().previousOf(version.effectiveFrom);
}
