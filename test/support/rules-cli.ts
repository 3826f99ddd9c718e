import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');
const TSX_CLI = require.resolve('tsx/cli');

/** What one run of the rules CLI printed, and how it exited. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the rules CLI as `npm run rules -- …` does (tsx on api/src/cli/main.ts), with optional stdin.
 * @example runRules(['rulesets']).stdout
 */
export function runRules(args: readonly string[], input?: string, nodeOptions: string[] = []): CliRun {
  const result = spawnSync(process.execPath, [...nodeOptions, TSX_CLI, 'api/src/cli/main.ts', ...args], {
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
