/**
 * The rules CLI's evaluate, parameters, rulesets and diff commands over their real entry point:
 * malformed lines get their own problem objects while the good lines around them are evaluated,
 * and evaluation streams (memory does not grow with the number of lines).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonLines, runRules } from './support/rules-cli';

const RULESET = 'shiyan-social-assistance';
const goodHousehold = (income: string) => ({
  jurisdiction: '420325',
  residence: 'rural',
  annualNetIncome: income,
  assetsWithinLimit: true,
  members: [
    { id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 },
    { id: 'p2', birthDate: '1978-09-14' },
  ],
});

type Line = {
  status?: number;
  errors?: { path: string; message: string }[];
  benefits?: unknown[];
  line?: number;
};

describe('rules evaluate', () => {
  it('gives each malformed line its own problem naming the bad fields and still evaluates the rest', () => {
    const lines = [
      JSON.stringify(goodHousehold('2400')),
      '{"jurisdiction": "420325", this is not JSON',
      JSON.stringify({
        ...goodHousehold('-5'),
        residence: 'suburban',
        members: [{ id: 'p1', birthDate: '1950-02-30' }],
      }),
      JSON.stringify(goodHousehold('3600.50')),
      JSON.stringify({ ...goodHousehold('1000'), jurisdiction: '999999', extra: 1 }),
      JSON.stringify([1, 2]),
      JSON.stringify(goodHousehold('0')),
    ];
    const run = runRules(
      ['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-'],
      `${lines.join('\n')}\n`,
    );
    // Some lines failed: the exit code says so (the good lines are still on stdout).
    expect(run.status).toBe(1);
    const out = jsonLines(run.stdout) as Line[];
    expect(out).toHaveLength(lines.length);

    for (const i of [0, 3, 6]) expect(out[i]?.benefits?.length).toBeGreaterThan(0);
    expect(out[1]).toMatchObject({ status: 400, line: 2 });
    expect(out[2]).toMatchObject({ status: 422, line: 3 });
    const paths = (out[2]?.errors ?? []).map((e) => e.path).sort();
    expect(paths).toEqual(['/annualNetIncome', '/members/0/birthDate', '/residence']);
    expect(out[4]?.errors?.map((e) => e.path).sort()).toEqual(['/extra', '/jurisdiction']);
    expect(out[5]).toMatchObject({ status: 422, errors: [{ path: '' }] });
    expect(run.stderr).toContain('4 of 7 households could not be evaluated');
  });

  it('echoes a household id as householdId, on a determination and on a problem line', () => {
    const lines = [
      JSON.stringify({ id: 'SY-0001', ...goodHousehold('2400') }),
      JSON.stringify({ id: 'SY-0002', ...goodHousehold('2400.001') }),
    ];
    const run = runRules(
      ['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-'],
      `${lines.join('\n')}\n`,
    );
    const [determination, problem] = jsonLines(run.stdout) as (Line & { householdId?: string })[];
    expect(determination?.householdId).toBe('SY-0001');
    // 2400.001 has three decimals: refused, naming the field, with the case number beside the line.
    expect(problem).toMatchObject({ status: 422, line: 2, householdId: 'SY-0002' });
    expect(problem?.errors?.map((e) => e.path)).toEqual(['/annualNetIncome']);
  });

  it('refuses a line that is not UTF-8 text (an id in GBK) naming its bad byte, and reads the others as written', () => {
    const line = (id: string) => JSON.stringify({ id, ...goodHousehold('2400') });
    const [before, after] = line('X').split('X') as [string, string];
    // 户一 in GBK, in a file otherwise UTF-8 (lines with CRLF, as Windows writes them).
    const gbk = Buffer.from([0xbb, 0xa7, 0xd2, 0xbb]);
    const input = Buffer.concat([
      Buffer.from(`${line('户一')}\r\n${before}`),
      gbk,
      Buffer.from(`${after}\r\n${line('SY-0003')}\r\n`),
    ]);
    const run = runRules(['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-'], input);
    expect(run.status).toBe(1);
    const out = jsonLines(run.stdout) as (Line & { householdId?: string; detail?: string })[];
    expect(out).toHaveLength(3);
    expect(out[0]?.householdId).toBe('户一');
    expect(out[1]).toMatchObject({
      status: 400,
      line: 2,
      detail: `line 2 is not UTF-8 text: byte ${Buffer.byteLength(before)} of the line is not part of a UTF-8 character`,
      errors: [{ path: '', message: 'is not UTF-8 text (save the file as UTF-8)' }],
    });
    expect(out[2]?.householdId).toBe('SY-0003');
    expect(run.stderr).toContain('1 of 3 households could not be evaluated');
  });

  it('answers the same bytes for the same input, date and version', () => {
    const input = `${JSON.stringify(goodHousehold('2400'))}\n`;
    const args = ['evaluate', '--ruleset', RULESET, '--as-of', '2018-03-01', '--input', '-'];
    expect(runRules(args, input).stdout).toBe(runRules(args, input).stdout);
  });

  it('uses the version asked for with --version, and refuses an unknown one', () => {
    const input = `${JSON.stringify(goodHousehold('2400'))}\n`;
    const pinned = jsonLines(
      runRules(
        ['evaluate', '--ruleset', RULESET, '--as-of', '2020-06-30', '--version', '2019', '--input', '-'],
        input,
      ).stdout,
    );
    expect(pinned[0]).toMatchObject({ ruleset: { version: '2019' } });
    const unknown = runRules(
      ['evaluate', '--ruleset', RULESET, '--as-of', '2020-06-30', '--version', '1999', '--input', '-'],
      input,
    );
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("no version '1999'");
  });

  it('explains in English with --lang en, in Chinese by default, with the same amounts', () => {
    const input = `${JSON.stringify(goodHousehold('2400'))}\n`;
    const run = (extra: string[]) =>
      jsonLines(
        runRules(['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-', ...extra], input)
          .stdout,
      )[0] as { benefits: { code: string; amount: string; explanation: string }[] };
    const zh = run([]);
    const en = run(['--lang', 'en']);
    // Two members in the unit, 2400 ÷ 12 ÷ 2 = 100.00 a month each, below 房县's 395.00.
    const dibao = (d: typeof zh) => d.benefits.find((l) => l.code === 'dibao');
    expect(dibao(zh)?.explanation).toContain('= 395.00 元 × 2 人 − 2400.00 元 ÷ 12 = 590.00 元');
    expect(dibao(en)?.explanation).toContain('= 395.00 yuan × 2 persons − 2400.00 yuan ÷ 12 = 590.00 yuan');
    expect(en.benefits.map((l) => l.amount)).toEqual(zh.benefits.map((l) => l.amount));
    const bad = runRules(
      ['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', '-', '--lang', 'fr'],
      input,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang must be zh or en');
  });

  it('says which option is missing or wrong, with an example', () => {
    const missing = runRules(['evaluate', '--ruleset', RULESET, '--input', '-'], '');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--as-of is required, such as --as-of 2019-06-30');
    const badDate = runRules(['evaluate', '--ruleset', RULESET, '--as-of', '2019-02-30', '--input', '-'], '');
    expect(badDate.stderr).toContain('--as-of must be a date');
    const before = runRules(['evaluate', '--ruleset', RULESET, '--as-of', '2016-01-01', '--input', '-'], '');
    expect(before.status).toBe(1);
    expect(before.stderr).toContain(
      'No published version of shiyan-social-assistance is in force on 2016-01-01',
    );
  });

  it('streams: 12,000 households are evaluated within a 32 MB heap', () => {
    // Holding the determinations (or the input) in memory would exhaust a 32 MB heap well before
    // 12,000 lines: a version that buffered its output crashed here with "heap out of memory".
    const dir = mkdtempSync(join(tmpdir(), 'rules-stream-'));
    try {
      const count = 12000;
      const file = join(dir, 'households.jsonl');
      const lines: string[] = [];
      for (let i = 0; i < count; i++) lines.push(JSON.stringify(goodHousehold(String(1000 + (i % 5000)))));
      writeFileSync(file, `${lines.join('\n')}\n`);
      const args = ['evaluate', '--ruleset', RULESET, '--as-of', '2019-06-30', '--input', file, '--stats'];
      const run = runRules(args, undefined, ['--max-old-space-size=32']);
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(count);
      const stats = JSON.parse(run.stderr.trim().split('\n').pop() as string) as { stats: { lines: number } };
      expect(stats.stats.lines).toBe(count);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rules parameters, rulesets, diff', () => {
  it('resolves every parameter for a place and date, formulas computed', () => {
    const run = runRules([
      'parameters',
      '--ruleset',
      RULESET,
      '--as-of',
      '2019-06-30',
      '--jurisdiction',
      '420325',
    ]);
    const body = JSON.parse(run.stdout) as {
      version: { version: string };
      jurisdiction: string;
      parameters: Record<string, string>;
    };
    expect(body.version.version).toBe('2019');
    expect(body.jurisdiction).toBe('420325');
    // ceil(0.57 × 8300 / 12) = ceil(394.25) = 395, by the consumption-expenditure-ratio formula.
    expect(body.parameters['dibao.standard.rural']).toBe('395.00');
    expect(body.parameters['age.elderly']).toBe('60');
  });

  it('lists the rulesets with their jurisdictions', () => {
    const list = JSON.parse(runRules(['rulesets']).stdout) as {
      key: string;
      jurisdictions: { code: string }[];
    }[];
    const shiyan = list.find((r) => r.key === RULESET);
    expect(shiyan?.jurisdictions.map((j) => j.code)).toHaveLength(10);
    expect(shiyan?.jurisdictions.map((j) => j.code)).toContain('420302');
  });

  it('diffs two versions by parameter and jurisdiction', () => {
    const diff = JSON.parse(runRules(['diff', RULESET, '2018', '2019']).stdout) as {
      parameters: {
        parameter: string;
        jurisdiction: string | null;
        old: string | null;
        new: string | null;
        change: string | null;
      }[];
    };
    expect(diff.parameters).toContainEqual(
      expect.objectContaining({
        parameter: 'dibao.standard.rural',
        jurisdiction: '420325',
        old: '350.00',
        new: '395.00',
        change: '45.00',
      }),
    );
    expect(diff.parameters).toContainEqual(
      expect.objectContaining({ parameter: 'dibao.consumptionRatio', old: null, new: '0.57' }),
    );
  });
});
