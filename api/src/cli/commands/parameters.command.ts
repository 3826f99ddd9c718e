import { parametersFor } from '../../engine';
import { catalogFor, requireOption, UsageError, writeOut, type CliOptions } from '../cli-context';
import { checkDate } from './evaluate.command';

/** `rules parameters --ruleset K --as-of D --jurisdiction J [--version V]`: the parameters route's body. */
export async function parametersCommand(options: CliOptions): Promise<number> {
  const key = requireOption(options, 'ruleset', 'shiyan-social-assistance');
  const asOf = checkDate(requireOption(options, 'as-of', '2019-06-30'));
  const jurisdiction = requireOption(options, 'jurisdiction', '420325');
  const catalog = catalogFor(options, key);
  const label = options.values['version'];
  const version = typeof label === 'string' ? catalog.byLabel(label) : catalog.versionInForce(asOf);
  if (!version) throw new UsageError(`ruleset ${key} has no version '${String(label)}'`);
  if (!version.jurisdictions.has(jurisdiction)) {
    throw new UsageError(`--jurisdiction must be one of ${[...version.jurisdictions.keys()].join(', ')}`);
  }
  const body = {
    version: {
      key: version.key,
      version: version.version,
      effectiveFrom: version.effectiveFrom,
      contentHash: version.contentHash,
    },
    jurisdiction,
    parameters: parametersFor(version, jurisdiction),
  };
  await writeOut(`${JSON.stringify(body)}\n`);
  return 0;
}
