/**
 * Starting the service with a DATA_DIR it cannot use stops at once with a message naming the
 * setting: no stack trace, no minutes spent before failing (a file used to end in a stack trace,
 * a folder under /proc in a two-minute hang).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SERVICE_ENTRY } from './support/rules-cli';

/** Runs the service's entry point (built, as `npm start` runs it) with these settings until it exits. */
function start(env: Record<string, string>): { status: number | null; stderr: string; seconds: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [SERVICE_ENTRY], {
    cwd: ROOT,
    encoding: 'utf8',
    // PORT 0: should the check ever let it through, it must not take a port another suite uses.
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'error', DATABASE_URL: '', ...env },
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, seconds: (performance.now() - started) / 1000 };
}

describe('the service with an unusable DATA_DIR', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'start-up-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each([
    ['a file', (dir: string) => join(dir, 'a-file'), 'DATA_DIR must be a folder, but'],
    ['a folder under /proc', () => '/proc/shiyan-rules', 'not under /proc, /sys or /dev'],
    ['a folder under /sys', () => '/sys/shiyan-rules', 'not under /proc, /sys or /dev'],
  ])('%s: exits 1 at once with a message naming DATA_DIR', (_what, dataDir, message) => {
    writeFileSync(join(scratch, 'a-file'), 'not a folder');
    const run = start({ DATA_DIR: dataDir(scratch) });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid environment');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('See README.md, "Settings".');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
    // Only the time to start Node and compile the entry point: the settings are read before Nest,
    // TypeORM or PGlite are loaded. (It was a stack trace after start-up, or two minutes.)
    expect(run.seconds).toBeLessThan(20);
  });
});
