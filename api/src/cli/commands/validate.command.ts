import { basename, dirname } from 'node:path';
import { compileVersion, RulesetCatalog, validateVersion, type CompiledVersion } from '../../engine';
import { readVersionFile, versionFilesAt, versionFilesIn } from '../../ruleset-files/ruleset-files';
import { UsageError, writeOut, type CliOptions } from '../cli-context';

/** The versions beside a file, compiled where they compile, to find the one before it. */
function siblings(file: string): CompiledVersion[] {
  return versionFilesIn(dirname(file)).flatMap((other) => {
    if (other === file) return [];
    const read = readVersionFile(other);
    try {
      return read.parseError ? [] : [compileVersion(read.document)];
    } catch {
      return [];
    }
  });
}

function previousOf(file: string, effectiveFrom: unknown, key: unknown): CompiledVersion | null {
  if (typeof effectiveFrom !== 'string' || typeof key !== 'string') return null;
  const sameRuleset = siblings(file).filter((v) => v.key === key);
  return new RulesetCatalog(key, sameRuleset).previousOf(effectiveFrom);
}

/**
 * `rules validate FILE|DIR` (or `--rulesets DIR`): schema, expressions, constraints (compared with the version before it
 * in the same folder) and embedded tests. JSON report on stdout; one line per problem on stderr.
 * Exit code 1 when any version is invalid.
 */
export async function validateCommand(options: CliOptions): Promise<number> {
  const rulesets = options.values['rulesets'];
  const target = options.positionals[0] ?? (typeof rulesets === 'string' ? rulesets : undefined);
  if (!target)
    throw new UsageError(
      'validate needs a file or directory, such as: rules validate rulesets/shiyan-social-assistance',
    );
  let files: string[];
  try {
    files = versionFilesAt(target);
  } catch (e) {
    throw new UsageError(`cannot read ${target}: ${(e as Error).message}`);
  }
  const reports = [];
  let invalid = 0;
  for (const file of files) {
    const read = readVersionFile(file);
    const meta = (
      read.document as { metadata?: { key?: unknown; version?: unknown; effectiveFrom?: unknown } } | null
    )?.metadata;
    const report = read.parseError
      ? { valid: false, errors: [read.parseError], warnings: [], tests: { passed: 0, failed: 0 } }
      : await validateVersion(read.document, previousOf(file, meta?.effectiveFrom, meta?.key));
    const { valid, errors, warnings, tests } = report;
    if (!valid) invalid++;
    for (const e of errors)
      process.stderr.write(`${basename(file)}: error at ${e.path || '/'}: ${e.message}\n`);
    for (const w of warnings)
      process.stderr.write(
        `${basename(file)}: warning at ${w.path}: ${w.message} Justified: ${w.justification}\n`,
      );
    reports.push({
      file,
      key: meta?.key ?? null,
      version: meta?.version ?? null,
      valid,
      errors,
      warnings,
      tests,
    });
  }
  await writeOut(`${JSON.stringify(reports, null, 2)}\n`);
  process.stderr.write(`${files.length - invalid} valid, ${invalid} invalid\n`);
  return invalid > 0 ? 1 : 0;
}
