import { loadCatalogs, rulesetDirectories } from '../../ruleset-files/ruleset-files';
import { runTestCases } from '../../engine';
import { rulesetsRoot, UsageError, writeOut, type CliOptions } from '../cli-context';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `rules test [DIR]`: runs every version's embedded test cases of DIR, else of `--rulesets DIR`,
 * else of the repository's rulesets. JSON summary on stdout, each failure on stderr; exit code 1
 * when any case fails.
 * @throws UsageError when the folder does not exist.
 */
export async function testCommand(options: CliOptions): Promise<number> {
  const target = options.positionals[0] ?? rulesetsRoot(options);
  if (!existsSync(target)) throw new UsageError(`cannot read ${target}: no such file or folder`);
  // A ruleset folder is accepted too: its parent is then the root.
  const root =
    rulesetDirectories(target).length > 0 || !statSync(target).isDirectory() ? target : dirname(target);
  const catalogs = loadCatalogs(root);
  const versions = [];
  let passed = 0;
  let failed = 0;
  for (const catalog of catalogs.values()) {
    for (const version of catalog.versions) {
      const results = await runTestCases(version);
      // Each failure with what differed line by line (code, memberId, expected, got), not the whole determination.
      const failures = results
        .filter((r) => !r.passed)
        .map(({ determination: _determination, ...failure }) => failure);
      for (const f of failures)
        process.stderr.write(
          `FAIL ${catalog.key} ${version.version} "${f.name}": ${f.differences.join('; ')}\n`,
        );
      passed += results.length - failures.length;
      failed += failures.length;
      versions.push({
        key: catalog.key,
        version: version.version,
        passed: results.length - failures.length,
        failed: failures.length,
        failures,
      });
    }
  }
  await writeOut(`${JSON.stringify({ passed, failed, versions }, null, 2)}\n`);
  process.stderr.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
