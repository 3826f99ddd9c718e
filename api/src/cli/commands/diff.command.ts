import { diffVersions } from '../../engine';
import { catalogFor, UsageError, writeOut, type CliOptions } from '../cli-context';

/** `rules diff KEY A B`: what changed from version A to version B. */
export async function diffCommand(options: CliOptions): Promise<number> {
  const [key, a, b] = options.positionals;
  if (!key || !a || !b)
    throw new UsageError(
      'diff needs a ruleset key and two version labels, such as: rules diff shiyan-social-assistance 2019 2020',
    );
  const catalog = catalogFor(options, key);
  const from = catalog.byLabel(a);
  const to = catalog.byLabel(b);
  const known = catalog.versions.map((v) => v.version).join(', ');
  if (!from) throw new UsageError(`ruleset ${key} has no version '${a}'; known: ${known}`);
  if (!to) throw new UsageError(`ruleset ${key} has no version '${b}'; known: ${known}`);
  await writeOut(`${JSON.stringify(diffVersions(from, to), null, 2)}\n`);
  return 0;
}
