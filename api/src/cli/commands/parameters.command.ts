import { parametersReport, reviewWarnings, withWarnings } from '../../engine';
import {
  catalogFor,
  chooseVersion,
  requireOption,
  UsageError,
  writeOut,
  type CliOptions,
} from '../cli-context';
import { checkDate } from './evaluate.command';

/**
 * `rules parameters --ruleset K --as-of D --jurisdiction J [--version V]`: the parameters route's body,
 * with `warnings` (`past-review-date`) past the version's review date.
 */
export async function parametersCommand(options: CliOptions): Promise<number> {
  const key = requireOption(options, 'ruleset', 'shiyan-social-assistance');
  const asOf = checkDate(requireOption(options, 'as-of', '2019-06-30'));
  const jurisdiction = requireOption(options, 'jurisdiction', '420325');
  const version = chooseVersion(catalogFor(options, key), asOf, options);
  if (!version.jurisdictions.has(jurisdiction)) {
    throw new UsageError(`--jurisdiction must be one of ${[...version.jurisdictions.keys()].join(', ')}`);
  }
  const report = withWarnings(
    parametersReport(version, jurisdiction),
    reviewWarnings(version.document, asOf),
  );
  await writeOut(`${JSON.stringify(report)}\n`);
  return 0;
}
