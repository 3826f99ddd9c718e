/**
 * The rules CLI for someone using it the first time: help for the tool and each command, an exit
 * code that says whether every household was evaluated, blank lines skipped, a reader that stops
 * early (`| head -1`) ending it quietly, and `--rulesets DIR` honoured by `rules test`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, ROOT, RULES_CLI, runRules } from './support/rules-cli';

const RULESET = 'shiyan-social-assistance';
const COMMANDS = ['rulesets', 'parameters', 'evaluate', 'validate', 'test', 'diff', 'demo'];
const household = (income: string) =>
  JSON.stringify({
    jurisdiction: '420325',
    residence: 'rural',
    annualNetIncome: income,
    assetsWithinLimit: true,
    members: [{ id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 }],
  });
const evaluate = (input: string) =>
  runRules(['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-'], input);

describe('rules --help', () => {
  it('lists every command on stdout and exits 0', () => {
    for (const flag of ['--help', '-h', 'help']) {
      const run = runRules([flag]);
      expect(run.status).toBe(0);
      for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
      expect(run.stdout).toContain('--rulesets DIR');
    }
  });

  it.each(COMMANDS)('rules %s --help shows that command and its options, without running it', (command) => {
    const run = runRules([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith(`usage: rules ${command}`)).toBe(true);
    expect(run.stdout).toContain('--rulesets DIR');
    expect(run.stdout).toContain('--help');
    // Nothing was run: no JSON answer, no complaint about missing options.
    expect(run.stdout.trimStart().startsWith('{')).toBe(false);
    expect(run.stderr).toBe('');
    expect(runRules(['help', command]).stdout).toBe(run.stdout);
  });

  it('names the options a command needs in its help', () => {
    const help = runRules(['evaluate', '--help']).stdout;
    for (const option of ['--ruleset', '--as-of', '--input', '--version', '--stats'])
      expect(help).toContain(option);
    expect(runRules(['parameters', '--help']).stdout).toContain('--jurisdiction');
  });

  it('shows the command help, not the whole list, after a usage mistake', () => {
    const run = runRules(['parameters', '--ruleset', RULESET]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--as-of is required');
    expect(run.stderr).toContain('usage: rules parameters');
    expect(run.stderr).not.toContain('usage: rules <command>');
  });
});

describe('rules evaluate: exit code and blank lines', () => {
  it('exits 0 when every household was evaluated', () => {
    const run = evaluate(`${household('2400')}\n${household('0')}\n`);
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout)).toHaveLength(2);
    expect(run.stderr).toBe('');
  });

  it('exits 1 when any line failed, still evaluating the others, and counts the failures', () => {
    const run = evaluate(`${household('2400')}\nnot json\n${household('-1')}\n${household('0')}\n`);
    expect(run.status).toBe(1);
    const out = jsonLines(run.stdout) as { status?: number; line?: number; benefits?: unknown[] }[];
    expect(out).toHaveLength(4);
    expect(out[0]?.benefits?.length).toBeGreaterThan(0);
    expect(out[1]).toMatchObject({ status: 400, line: 2 });
    expect(out[2]).toMatchObject({ status: 422, line: 3 });
    expect(out[3]?.benefits?.length).toBeGreaterThan(0);
    expect(run.stderr).toContain('2 of 4 households could not be evaluated');
  });

  it('skips blank and whitespace-only lines; line numbers still count them', () => {
    const run = evaluate(`\n${household('2400')}\n\n   \n\t\nnot json\n${household('0')}\n\n`);
    const out = jsonLines(run.stdout) as { status?: number; line?: number; benefits?: unknown[] }[];
    // Three households: two determinations and one problem; no answer for any blank line.
    expect(out).toHaveLength(3);
    expect(out[1]).toMatchObject({ status: 400, line: 6 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('1 of 3 households could not be evaluated');
  });

  it('a file of blank lines only gives nothing and exits 0', () => {
    const run = evaluate('\n\n  \n');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });
});

describe('rules evaluate | head -1', () => {
  it('ends quietly, with exit code 0, when the reader closes the pipe early', async () => {
    const input = `${Array.from({ length: 5000 }, () => household('2400')).join('\n')}\n`;
    const child = spawn(
      process.execPath,
      [RULES_CLI, 'evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-'],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.on('error', () => undefined); // it may stop reading before all input is written
    child.stdin.end(input);
    const firstLine = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const end = text.indexOf('\n');
        // Like head -1: take one line, then close the pipe.
        if (end >= 0) {
          child.stdout.destroy();
          resolve(text.slice(0, end));
        }
      });
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(JSON.parse(firstLine)).toHaveProperty('benefits');
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
  });
});

describe('rules test --rulesets DIR', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rules-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tests the folder it is given, not the shipped one', () => {
    // One version only, with one expected total changed: the shipped folder passes, this one fails.
    const copy = join(dir, 'broken', RULESET);
    mkdirSync(copy, { recursive: true });
    const file = join(copy, '2019.json');
    copyFileSync(join(ROOT, 'rulesets', RULESET, '2019.json'), file);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      tests: { name: string; expected: { totals: { monthly: string } } }[];
    };
    const test = doc.tests[0]!;
    test.expected.totals.monthly = '1.00';
    writeFileSync(file, JSON.stringify(doc, null, 2));

    const run = runRules(['test', '--rulesets', join(dir, 'broken')]);
    expect(run.status).toBe(1);
    const summary = JSON.parse(run.stdout) as { failed: number; versions: { version: string }[] };
    expect(summary.versions.map((v) => v.version)).toEqual(['2019']);
    expect(summary.failed).toBe(1);
    expect(run.stderr).toContain(`FAIL ${RULESET} 2019 "${test.name}"`);
  });

  it('refuses a folder that does not exist instead of testing the shipped rulesets', () => {
    const run = runRules(['test', '--rulesets', join(dir, 'missing')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing');
    expect(run.stdout).toBe('');
  });
});
