import { loadCatalogs, DEFAULT_RULESETS_DIR } from '../ruleset-files/ruleset-files';
import type { CompiledVersion, RulesetCatalog } from '../engine';

/** A command-line mistake: printed to stderr with the usage, exit code 2. */
export class UsageError extends Error {}

/** Options every command reads. */
export interface CliOptions {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Writes text to stdout, waiting when the pipe is full so that memory stays flat. */
export async function writeOut(text: string): Promise<void> {
  if (!process.stdout.write(text))
    await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
}

/** A required string option, or a usage error naming it. */
export function requireOption(options: CliOptions, name: string, example: string): string {
  const value = options.values[name];
  if (typeof value !== 'string' || value.length === 0)
    throw new UsageError(`--${name} is required, such as --${name} ${example}`);
  return value;
}

/** The catalog of one ruleset key from the rulesets root, or a usage error listing the known keys. */
export function catalogFor(options: CliOptions, key: string): RulesetCatalog {
  const catalogs = loadCatalogs(rulesetsRoot(options));
  const catalog = catalogs.get(key);
  if (!catalog) throw new UsageError(`unknown ruleset '${key}'; known: ${[...catalogs.keys()].join(', ')}`);
  return catalog;
}

/** The rulesets root: `--rulesets DIR`, or the repository's `rulesets/`. */
export function rulesetsRoot(options: CliOptions): string {
  const dir = options.values['rulesets'];
  return typeof dir === 'string' ? dir : DEFAULT_RULESETS_DIR;
}

/** The version named by `--version`, or else the one in force on `asOf`. */
export function chooseVersion(catalog: RulesetCatalog, asOf: string, options: CliOptions): CompiledVersion {
  const label = options.values['version'];
  if (typeof label !== 'string') return catalog.versionInForce(asOf);
  const version = catalog.byLabel(label);
  if (!version)
    throw new UsageError(
      `ruleset ${catalog.key} has no version '${label}'; known: ${catalog.versions.map((v) => v.version).join(', ')}`,
    );
  return version;
}
