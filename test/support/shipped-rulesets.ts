/**
 * The shipped ruleset files (`rulesets/<key>/<version>.json`), read straight from disk and compiled
 * once per test file. Engine specs import this instead of `node:fs` (the engine does no I/O).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { compileVersion, type CompiledVersion } from '../../api/src/engine/model/compile-version';
import { RulesetCatalog } from '../../api/src/engine/catalog';
import { referenceAmounts, type ReferenceAmounts } from '../reference/shiyan-reference';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The Shiyan ruleset's key. */
export const SHIYAN = 'shiyan-social-assistance';

/** One shipped version file: its ruleset folder, path and parsed JSON. */
export interface ShippedFile {
  key: string;
  file: string;
  document: unknown;
}

/** Reads a repository file as text, by its path from the repository root. */
export function readRepoText(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** Every shipped version file of every ruleset (`rulesets/*\/*.json`, `schema/` excluded), by name. */
export function shippedFiles(): ShippedFile[] {
  const root = join(REPO_ROOT, 'rulesets');
  return readdirSync(root)
    .filter((name) => name !== 'schema' && statSync(join(root, name)).isDirectory())
    .sort()
    .flatMap((key) =>
      readdirSync(join(root, key))
        .filter((name) => name.endsWith('.json'))
        .sort()
        .map((name) => {
          const file = join('rulesets', key, name);
          return { key, file, document: JSON.parse(readRepoText(file)) as unknown };
        }),
    );
}

const compiled = new Map<string, CompiledVersion[]>();

/** Every shipped version of one ruleset, compiled, oldest first. */
export function shippedVersions(key: string = SHIYAN): CompiledVersion[] {
  let versions = compiled.get(key);
  if (!versions) {
    versions = new RulesetCatalog(
      key,
      shippedFiles()
        .filter((f) => f.key === key)
        .map((f) => compileVersion(f.document)),
    ).versions.slice();
    compiled.set(key, versions);
  }
  return versions;
}

/** One shipped version by its label, e.g. `shippedVersion('2019')`. */
export function shippedVersion(label: string, key: string = SHIYAN): CompiledVersion {
  const version = shippedVersions(key).find((v) => v.version === label);
  if (!version) throw new Error(`No shipped version ${label} of ${key}`);
  return version;
}

/** The parsed JSON of one shipped version, e.g. `shippedDocument('2019')`. */
export function shippedDocument(label: string, key: string = SHIYAN): unknown {
  return JSON.parse(readRepoText(join('rulesets', key, `${label}.json`))) as unknown;
}

/** The rounding and totals of one shipped version, as the reference implementation reads them from its file. */
export function shippedAmounts(label: string, key: string = SHIYAN): ReferenceAmounts {
  return referenceAmounts(shippedDocument(label, key));
}

/** A catalog of the shipped versions of one ruleset. */
export function shippedCatalog(key: string = SHIYAN): RulesetCatalog {
  return new RulesetCatalog(key, shippedVersions(key));
}
