import { determine } from '../../engine';
import { loadCatalogs } from '../../ruleset-files/ruleset-files';
import { rulesetsRoot, writeOut, type CliOptions } from '../cli-context';

/** `rules demo`: the shipped rulesets and one worked determination, for a first look. */
export async function demoCommand(options: CliOptions): Promise<number> {
  const catalogs = loadCatalogs(rulesetsRoot(options));
  const lines: string[] = ['Shiyan social-assistance rules platform: shipped rulesets', ''];
  for (const catalog of catalogs.values()) {
    lines.push(`${catalog.key}: ${catalog.latest?.document.metadata.title.zh ?? ''}`);
    for (const v of catalog.versions)
      lines.push(
        `  version ${v.version.padEnd(8)} in force from ${v.effectiveFrom}  ${v.document.tests.length} embedded tests`,
      );
  }
  const catalog = catalogs.get('shiyan-social-assistance');
  if (catalog) {
    const household = {
      jurisdiction: '420325',
      residence: 'rural',
      annualNetIncome: '2400',
      assetsWithinLimit: true,
      members: [
        { id: 'p1', birthDate: '1950-03-02', disabilityGrade: 2 },
        { id: 'p2', birthDate: '1978-09-14' },
        { id: 'p3', birthDate: '2009-01-20' },
      ],
    };
    const asOf = '2019-06-30';
    const determination = await determine(catalog.versionInForce(asOf), household, asOf);
    lines.push(
      '',
      `Example: a rural household of three in 房县 (420325) on ${asOf}:`,
      JSON.stringify(household),
      '',
      JSON.stringify(determination, null, 2),
    );
    lines.push(
      '',
      'Try: npm run -s rules -- parameters --ruleset shiyan-social-assistance --as-of 2019-06-30 --jurisdiction 420325',
    );
  }
  await writeOut(`${lines.join('\n')}\n`);
  return 0;
}
