/**
 * `rules validate DIR` end to end: the shipped ruleset folder validates; a copy of it in which one
 * version breaks a policy floor (a broken fixture applied) fails with exit code 1, names the file,
 * the constraint and the jurisdiction on stderr, and marks only that version invalid in the report.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

import { applyFixture, readFixture, RULESET_DIR } from './support/broken-fixtures';
import { ROOT, RULES_CLI } from './support/rules-cli';

const VERSION_FILES = readdirSync(RULESET_DIR).filter((name) => name.endsWith('.json'));

interface Report {
  file: string;
  version: string | null;
  valid: boolean;
  errors: { path: string; message: string; code?: string }[];
}

/** Runs `rules validate <target>` as `npm run rules` does. */
function validate(target: string): { status: number | null; reports: Report[]; stderr: string } {
  const run = spawnSync(process.execPath, [RULES_CLI, 'validate', target], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, reports: JSON.parse(run.stdout) as Report[], stderr: run.stderr };
}

/** Validates a temporary copy of the shipped folder in which `file` has the given content. */
function validateCopyWith(file: string, content: string | Buffer): ReturnType<typeof validate> {
  const dir = mkdtempSync(join(tmpdir(), 'shiyan-ruleset-'));
  try {
    for (const name of VERSION_FILES) copyFileSync(join(RULESET_DIR, name), join(dir, name));
    writeFileSync(join(dir, file), content);
    return validate(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every version but `file` is valid; `file` is not. */
function expectOnlyInvalid(reports: Report[], file: string): Report {
  const validity = Object.fromEntries(reports.map((r) => [basename(r.file), r.valid]));
  expect(validity).toEqual(Object.fromEntries(VERSION_FILES.map((name) => [name, name !== file])));
  return reports.find((r) => basename(r.file) === file) as Report;
}

describe('rules validate', () => {
  it('validates the shipped folder', () => {
    const { status, reports, stderr } = validate(RULESET_DIR);
    expect(reports).toHaveLength(VERSION_FILES.length);
    expect(reports.filter((r) => !r.valid).map((r) => `${r.version}: ${JSON.stringify(r.errors)}`)).toEqual(
      [],
    );
    expect(stderr).toContain(`${VERSION_FILES.length} valid, 0 invalid`);
    expect(status).toBe(0);
  });

  it.each([
    { fixture: 'floor-poverty-line-2019', jurisdiction: '420325' },
    { fixture: 'floor-extreme-poverty-scattered-care-line', jurisdiction: '420325' },
    { fixture: 'floor-orphan-scattered', jurisdiction: null },
    { fixture: 'year-on-year-rural-dibao-lowered', jurisdiction: '420325' },
    { fixture: 'year-on-year-extreme-poverty-concentrated-lowered', jurisdiction: '420325' },
  ])(
    '$fixture: exit 1, the file, constraint and place on stderr, only that version invalid',
    ({ fixture, jurisdiction }) => {
      const broken = readFixture(`${fixture}.json`);
      if ('valid' in broken.expect) throw new Error(`${fixture} expects no error`);
      const { path, message } = broken.expect;
      const file = `${broken.base}.json`;

      const { status, reports, stderr } = validateCopyWith(
        file,
        `${JSON.stringify(applyFixture(broken), null, 2)}\n`,
      );

      const line = stderr
        .split('\n')
        .find((l) => l.startsWith(`${file}: error at ${path}: `) && l.includes(message));
      expect(line).toBeDefined();
      expect(line).toContain('does not hold');
      if (jurisdiction) expect(line).toContain(` in ${jurisdiction} `);
      expect(stderr).toContain(`${VERSION_FILES.length - 1} valid, 1 invalid`);
      const report = expectOnlyInvalid(reports, file);
      expect(report.errors).toContainEqual(expect.objectContaining({ path, code: 'constraint' }));
      expect(status).toBe(1);
    },
  );

  it('reports a version file that is not UTF-8 text (in part saved as GBK) naming its bad byte, not read with the bytes replaced', () => {
    const text = readFileSync(join(RULESET_DIR, '2019.json'), 'utf8');
    const at = text.indexOf('低保');
    // 低保 as GBK bytes (0xb5 cannot begin a UTF-8 character), the rest of the file as it is.
    const gbk = Buffer.from([0xb5, 0xcd, 0xb1, 0xa3]);
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), gbk, Buffer.from(text.slice(at + 2))]);
    const { status, reports, stderr } = validateCopyWith('2019.json', bytes);
    const offset = Buffer.byteLength(text.slice(0, at));
    const message = `is not UTF-8 text: byte ${offset} is not part of a UTF-8 character (save the file as UTF-8)`;
    expect(stderr).toContain(`2019.json: error at /: ${message}`);
    const report = expectOnlyInvalid(reports, '2019.json');
    expect(report.errors).toEqual([expect.objectContaining({ path: '', code: 'json', message })]);
    expect(status).toBe(1);
  });

  it('reports a version file that is not JSON, the others staying valid', () => {
    const { status, reports, stderr } = validateCopyWith('2019.json', '{ "formatVersion": 1,');
    expect(stderr).toContain('2019.json: error at /: is not valid JSON');
    const report = expectOnlyInvalid(reports, '2019.json');
    expect(report.errors).toEqual([expect.objectContaining({ path: '', code: 'json' })]);
    expect(status).toBe(1);
  });
});
