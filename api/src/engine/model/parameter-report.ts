import { formatAtLeastTwoPlaces, formatPlain, type Decimal } from '../decimal';
import { InvalidInputError, listText } from '../errors';
import type { ParameterT } from '../schema/ruleset.schema';
import type { CompiledVersion } from './compile-version';

/**
 * Writes a resolved parameter for the API: money and ratios with two or more decimals, counts as
 * integers (never in exponent notation).
 * @throws EvaluationError for a value outside the numeric domain (no resolved parameter is).
 */
export function formatParameterValue(parameter: ParameterT, value: Decimal): string {
  return parameter.unit === 'years' || parameter.unit === 'months' || parameter.unit === 'count'
    ? formatPlain(value)
    : formatAtLeastTwoPlaces(value);
}

/** How a determination or a parameters answer names the version it used. */
export interface VersionReference {
  key: string;
  version: string;
  effectiveFrom: string;
  contentHash: string;
}

/** The reference to a compiled version. */
export function versionReference(version: CompiledVersion): VersionReference {
  return {
    key: version.key,
    version: version.version,
    effectiveFrom: version.effectiveFrom,
    contentHash: version.contentHash,
  };
}

/**
 * What a resolved parameter means, beside its value in a parameters answer: the value's `unit`
 * (`yuan/month`, `yuan/year`, `yuan` for a one-off sum, `ratio`, `years`, `months`, `count`), its
 * labels and its legal basis, as the version declares them.
 */
export interface ParameterDefinition {
  unit: ParameterT['unit'];
  label: { zh: string; en: string };
  basis: string;
}

/**
 * The parameters route's body: the version, the place, every parameter resolved there (`parameters`,
 * key → decimal string) and, under the same keys, what each one is (`definitions`).
 */
export interface ParametersReport {
  version: VersionReference;
  jurisdiction: string;
  parameters: Record<string, string>;
  definitions: Record<string, ParameterDefinition>;
}

/**
 * The parameters route's body for one jurisdiction.
 * @throws InvalidInputError when the jurisdiction is not one of the version's.
 */
export function parametersReport(version: CompiledVersion, jurisdiction: string): ParametersReport {
  const parameters = parametersFor(version, jurisdiction);
  return {
    version: versionReference(version),
    jurisdiction,
    parameters,
    definitions: parameterDefinitions(version, (key) => Object.hasOwn(parameters, key)),
  };
}

/**
 * What each parameter of a version is (unit, labels, basis), by key, in document order: those for
 * which `wanted` holds (all by default).
 */
export function parameterDefinitions(
  version: CompiledVersion,
  wanted: (key: string) => boolean = () => true,
): Record<string, ParameterDefinition> {
  const definitions: [string, ParameterDefinition][] = [];
  for (const parameter of version.document.parameters) {
    if (!wanted(parameter.key)) continue;
    definitions.push([
      parameter.key,
      {
        unit: parameter.unit,
        label: { zh: parameter.label.zh, en: parameter.label.en },
        basis: parameter.basis,
      },
    ]);
  }
  // Object.fromEntries defines own properties: no key can reach a prototype.
  return Object.fromEntries(definitions);
}

/** Every parameter of a version in every jurisdiction: code → key → decimal string. */
export type JurisdictionParameters = Record<string, Record<string, string>>;

/**
 * Every parameter of a version resolved in each of its jurisdictions (formulas computed), in the
 * document's order of jurisdictions and parameters.
 */
export function parametersByJurisdiction(version: CompiledVersion): JurisdictionParameters {
  return Object.fromEntries(
    [...version.jurisdictions.keys()].map((code) => [code, parametersFor(version, code)]),
  );
}

/**
 * All the parameters of a version: the date they hold from (`asOf`, its effectiveFrom), their values
 * in each jurisdiction, and what each is.
 */
export interface VersionParameters {
  asOf: string;
  jurisdictions: JurisdictionParameters;
  definitions: Record<string, ParameterDefinition>;
}

/** Every parameter of a version, in every jurisdiction, with their definitions. */
export function versionParameters(version: CompiledVersion): VersionParameters {
  return {
    asOf: version.effectiveFrom,
    jurisdictions: parametersByJurisdiction(version),
    definitions: parameterDefinitions(version),
  };
}

/**
 * Every parameter of a version resolved for one jurisdiction, formulas computed, as decimal strings.
 * @throws InvalidInputError when the jurisdiction is not one of the version's.
 */
export function parametersFor(version: CompiledVersion, jurisdiction: string): Record<string, string> {
  const values = version.resolvedParameters.get(jurisdiction);
  if (!values) {
    throw new InvalidInputError([
      {
        path: '/jurisdiction',
        message: `must be a jurisdiction code of this ruleset: ${listText(version.jurisdictions.keys())}`,
      },
    ]);
  }
  const entries: [string, string][] = [];
  for (const parameter of version.document.parameters) {
    const value = values.get(parameter.key);
    if (value) entries.push([parameter.key, formatParameterValue(parameter, value)]);
  }
  // Object.fromEntries defines own properties: no key can reach a prototype.
  return Object.fromEntries(entries);
}
