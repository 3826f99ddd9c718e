/**
 * `npm run bench`: evaluation throughput, measured in one run and reported as ratios. The
 * json-rules-engine path (`determine`) is the reference; the independent BigInt implementation of
 * docs/policy.md used by the tests is timed beside it as a yardstick for what plain code costs.
 */
import fc from 'fast-check';
import { determine, parametersFor } from '../src/engine';
import { loadCatalogs } from '../src/ruleset-files/ruleset-files';
import { referenceAmounts, referenceDetermination } from '../../test/reference/shiyan-reference';
import { householdArbitrary } from '../../test/support/household-arbitrary';

async function main(): Promise<void> {
  const catalog = loadCatalogs().get('shiyan-social-assistance');
  if (!catalog) throw new Error('the shipped Shiyan ruleset is missing');
  const asOf = '2019-06-30';
  const version = catalog.versionInForce(asOf);
  const jurisdictions = [...version.jurisdictions.keys()];
  const households = fc.sample(householdArbitrary({ jurisdictions, asOf }), { seed: 42, numRuns: 2000 });
  const parameters = new Map(jurisdictions.map((j) => [j, parametersFor(version, j)]));
  const amounts = referenceAmounts(version.document);

  const time = async (run: () => Promise<void> | void): Promise<number> => {
    await run(); // warm up
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  const engineMs = await time(async () => {
    for (const h of households) await determine(version, h, asOf);
  });
  const referenceMs = await time(() => {
    for (const h of households)
      referenceDetermination(
        h as never,
        asOf,
        parameters.get((h as { jurisdiction: string }).jurisdiction) ?? {},
        amounts,
      );
  });
  const perSecond = (ms: number): number => Math.round((households.length / ms) * 1000);
  const report = {
    households: households.length,
    'json-rules-engine path (households/s)': perSecond(engineMs),
    'reference BigInt implementation (households/s)': perSecond(referenceMs),
    'ratio reference / engine': Number((engineMs / referenceMs).toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

void main();
