import { NoVersionInForceError } from './errors';
import type { CompiledVersion } from './model/compile-version';

/**
 * The versions of one ruleset, ordered by `effectiveFrom`: which is in force on a date, and which
 * came before a given one.
 */
export class RulesetCatalog {
  private readonly ordered: CompiledVersion[];

  constructor(
    readonly key: string,
    versions: readonly CompiledVersion[],
  ) {
    this.ordered = [...versions].sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
    );
  }

  /** Every version, oldest first. */
  get versions(): readonly CompiledVersion[] {
    return this.ordered;
  }

  /** The newest version, whose names and jurisdictions describe the ruleset. */
  get latest(): CompiledVersion | undefined {
    return this.ordered[this.ordered.length - 1];
  }

  /**
   * The version in force on `asOf`: the latest `effectiveFrom` on or before it.
   * @throws NoVersionInForceError when `asOf` is before the first version (naming its `effectiveFrom`).
   */
  versionInForce(asOf: string): CompiledVersion {
    let found: CompiledVersion | undefined;
    for (const v of this.ordered) if (v.effectiveFrom <= asOf) found = v;
    if (!found) throw new NoVersionInForceError(this.key, asOf, this.ordered[0]?.effectiveFrom ?? null);
    return found;
  }

  /** The version with this label, if any. */
  byLabel(label: string): CompiledVersion | undefined {
    return this.ordered.find((v) => v.version === label);
  }

  /**
   * The version in force just before `effectiveFrom`, for year-on-year constraints: the one with
   * the latest earlier `effectiveFrom`, leaving out the version labelled `excluding` (the version
   * being checked, when it is itself in the catalogue). The one answer to "which version came before".
   * @example catalog.previousOf('2020-01-01')?.version // '2019'
   */
  previousOf(effectiveFrom: string, excluding?: string): CompiledVersion | null {
    let found: CompiledVersion | null = null;
    for (const v of this.ordered) if (v.effectiveFrom < effectiveFrom && v.version !== excluding) found = v;
    return found;
  }
}
