import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');
/**
 * The rules CLI as `npm run rules` runs it: the built dist/api/src/cli/main.js, which Jest's global
 * setup (test/support/global-setup.cjs) builds from the current sources first.
 */
export const RULES_CLI = resolve(ROOT, 'dist', 'api', 'src', 'cli', 'main.js');

/** The built service's entry point, as `npm start` runs it. */
export const SERVICE_ENTRY = resolve(ROOT, 'dist', 'api', 'src', 'main.js');

/** What one run of the rules CLI printed, and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the rules CLI as `npm run rules -- …` does ({@link RULES_CLI}), with optional stdin.
 * @example runRules(['rulesets']).stdout
 */
export function runRules(
  args: readonly string[],
  input?: string | Buffer,
  nodeOptions: string[] = [],
): CliRun {
  const result = spawnSync(process.execPath, [...nodeOptions, RULES_CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    maxBuffer: 512 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The JSON lines of a CLI's stdout. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as unknown);
}
