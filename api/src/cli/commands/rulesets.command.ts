import { loadCatalogs } from '../../ruleset-files/ruleset-files';
import { rulesetsRoot, writeOut, type CliOptions } from '../cli-context';

/** `rules rulesets`: every ruleset with its jurisdictions and versions. */
export async function rulesetsCommand(options: CliOptions): Promise<number> {
  const result = [...loadCatalogs(rulesetsRoot(options)).values()].map((catalog) => {
    const latest = catalog.latest;
    return {
      key: catalog.key,
      title: latest?.document.metadata.title,
      jurisdictionGroups: latest?.document.jurisdictionGroups ?? [],
      jurisdictions: latest?.document.jurisdictions ?? [],
      versions: catalog.versions.map((v) => ({
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        contentHash: v.contentHash,
      })),
    };
  });
  await writeOut(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
