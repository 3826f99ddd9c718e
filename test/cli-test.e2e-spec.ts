/**
 * `rules test` on a version whose figures changed: each failing test is listed with its lines
 * matched by benefit code and member (expected → got), on stdout as JSON and on stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RulesetVersion } from '../api/src/engine/schema/ruleset.schema';
import { runRules } from './support/rules-cli';
import { SHIYAN, shippedDocument } from './support/shipped-rulesets';

interface TestOutput {
  passed: number;
  failed: number;
  versions: {
    version: string;
    failures: {
      name: string;
      lines: { code: string; memberId: string | null; expected: string; got: string }[];
    }[];
  }[];
}

describe('rules test', () => {
  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each failing test with its changed lines, and exits 1', () => {
    dir = mkdtempSync(join(tmpdir(), 'rules-test-'));
    const doc = shippedDocument('2020') as RulesetVersion;
    // 房县's rural line raised by 30, from 433.00 to 463.00 yuan/month.
    doc.parameters
      .find((p) => p.key === 'dibao.standard.rural')
      ?.values.push({
        for: '420325',
        value: '463.00',
        source: { type: 'illustrative', note: 'a test raise of 30 yuan/month' },
      } as never);
    mkdirSync(join(dir, SHIYAN));
    writeFileSync(join(dir, SHIYAN, '2020.json'), JSON.stringify(doc));
    const run = runRules(['test', dir]);
    expect(run.status).toBe(1);
    const output = JSON.parse(run.stdout) as TestOutput;
    expect(output.failed).toBeGreaterThan(0);
    const first = output.versions[0]?.failures.find((f) => f.name === doc.tests[0]?.name);
    expect(first?.lines.map((l) => [l.code, l.memberId, l.expected, l.got])).toEqual([
      ['dibao', null, '433.00', '463.00'],
      ['dibao_special_increment', 'p1', '108.25', '115.75'],
    ]);
    expect(run.stderr).toContain(`"${doc.tests[0]?.name}": dibao:预期 433.00,实际 463.00`);
  });
});
