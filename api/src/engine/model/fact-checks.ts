import { isDecimalText, numeralProblem, toDecimal, type Decimal } from '../decimal';
import { listText, pointer, type FieldProblem } from '../errors';
import { isCalendarDate } from '../expression/dates';
import { MAX_LITERAL_DECIMAL_PLACES, MONEY_DECIMAL_PLACES, MONEY_PLACES_MESSAGE } from '../limits';
import type { FactDeclarationT, RulesetVersion } from '../schema/ruleset.schema';

const shown = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 36)}…` : text;
};

/** A numeral inside the numeric domain as a Decimal; null for anything else (reported elsewhere). */
function numberOf(value: unknown): Decimal | null {
  if (typeof value !== 'number' && !(typeof value === 'string' && isDecimalText(value))) return null;
  return numeralProblem(value, MAX_LITERAL_DECIMAL_PLACES) ? null : toDecimal(value);
}

/** What is wrong with a default for a fact of this type, or null when it fits. */
function defaultProblem(
  fact: FactDeclarationT,
  value: unknown,
  jurisdictions: ReadonlySet<string>,
): string | null {
  const got = ` (got ${shown(value)})`;
  switch (fact.type) {
    case 'decimal':
    case 'money':
    case 'integer': {
      if (typeof value !== 'number' && !(typeof value === 'string' && isDecimalText(value)))
        return `must be a ${fact.type === 'integer' ? 'whole number' : 'decimal'}, such as "0", like the fact${got}`;
      const d = numberOf(value);
      if (!d) return null; // outside the numeric domain: a numeral problem
      if (fact.type === 'integer' && !d.isInteger()) return `must be a whole number, like the fact${got}`;
      if (fact.type === 'money' && d.decimalPlaces() > MONEY_DECIMAL_PLACES)
        return `${MONEY_PLACES_MESSAGE}, like the fact${got}`;
      const minimum = numberOf(fact.minimum);
      const maximum = numberOf(fact.maximum);
      if (minimum && d.lt(minimum)) return `must be at least the minimum ${fact.minimum}${got}`;
      if (maximum && d.gt(maximum)) return `must be at most the maximum ${fact.maximum}${got}`;
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, like the fact${got}`;
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? null
        : `must be a date written YYYY-MM-DD, like the fact${got}`;
    case 'enum':
      return typeof value === 'string' && (fact.values ?? []).includes(value)
        ? null
        : `must be one of the fact's values ${listText(fact.values ?? [], true)}${got}`;
    case 'jurisdiction':
      return typeof value === 'string' && jurisdictions.has(value)
        ? null
        : `must be a jurisdiction code of this version${got}`;
    case 'string':
      return typeof value === 'string' && value.length > 0 ? null : `must be a non-empty string${got}`;
    default:
      return 'an object fact has no default: give defaults to its properties';
  }
}

/** The fact types whose values are numbers, the only ones a unit describes. */
const NUMBER_TYPES: ReadonlySet<string> = new Set(['decimal', 'money', 'integer']);

/**
 * What is wrong with a fact's `unit`, or null: only a number fact (decimal, money, integer) has one;
 * a yes/no, a date or a text counts nothing (zh first, then en).
 */
function unitProblem(fact: { name: string; type: string; unit?: string | undefined }): string | null {
  if (fact.unit === undefined || NUMBER_TYPES.has(fact.type)) return null;
  return (
    `只有数值事实(decimal、money、integer)才有单位:'${fact.name}' 的类型是 ${fact.type},不能有单位 "${fact.unit}" / ` +
    `only a number fact (decimal, money, integer) has a unit: '${fact.name}' is a ${fact.type} fact and cannot have the unit "${fact.unit}"`
  );
}

function checkFact(
  fact: FactDeclarationT,
  at: (field: string) => string,
  jurisdictions: ReadonlySet<string>,
  problems: FieldProblem[],
): void {
  const problem = (field: string, message: string): void => {
    problems.push({ path: at(field), message, code: 'facts' });
  };
  const isNumber = fact.type === 'decimal' || fact.type === 'money' || fact.type === 'integer';
  for (const bound of ['minimum', 'maximum'] as const) {
    const value = fact[bound];
    if (value === undefined) continue;
    if (!isNumber) problem(bound, `only a decimal, money or integer fact has a ${bound}`);
    else if (fact.type === 'integer' && numberOf(value)?.isInteger() === false)
      problem(bound, `must be a whole number: '${fact.name}' is an integer fact`);
    else if (fact.type === 'money' && (numberOf(value)?.decimalPlaces() ?? 0) > MONEY_DECIMAL_PLACES)
      problem(bound, `${MONEY_PLACES_MESSAGE}: '${fact.name}' is a money fact`);
  }
  const minimum = isNumber ? numberOf(fact.minimum) : null;
  const maximum = isNumber ? numberOf(fact.maximum) : null;
  if (minimum && maximum && minimum.gt(maximum))
    problem('maximum', `must not be below the minimum ${fact.minimum}`);
  if (fact.values !== undefined && fact.type !== 'enum') problem('values', 'only an enum fact lists values');
  const wrongUnit = unitProblem(fact);
  if (wrongUnit) problem('unit', wrongUnit);
  if (fact.default !== undefined) {
    const wrong = defaultProblem(fact, fact.default, jurisdictions);
    if (wrong) problem('default', wrong);
  }
}

/**
 * Checks every fact declaration's values against its type, so that a default that could never be
 * read (a boolean fact defaulting to "no", an enum default outside its values, a number outside its
 * bounds) is a problem at `/facts/<scope>/<i>/default` instead of a failure of every evaluation.
 * Also: bounds only on number facts and whole on integer facts, minimum not above maximum, values
 * only on enum facts, a `unit` only on number facts (input facts and derived facts). Numerals outside the numeric domain are left to the numeral checks.
 */
export function checkFactValues(version: RulesetVersion, problems: FieldProblem[]): void {
  const jurisdictions = new Set(version.jurisdictions.map((j) => j.code));
  version.derived.forEach((d, i) => {
    const wrongUnit = unitProblem(d);
    if (wrongUnit) problems.push({ path: pointer('derived', i, 'unit'), message: wrongUnit, code: 'facts' });
  });
  (['household', 'member'] as const).forEach((scope) =>
    version.facts[scope].forEach((fact, i) => {
      // A household's `id` (the caller's case number) and `members`, and a member's `id`, are not facts.
      const reserved = scope === 'household' ? ['id', 'members'] : ['id'];
      if (reserved.includes(fact.name))
        problems.push({
          path: pointer('facts', scope, i, 'name'),
          message: `'${fact.name}' is reserved in a ${scope}: ${scope === 'household' ? 'a household carries its case number as "id" and its members as "members"' : 'a member carries its "id"'}; name the fact otherwise`,
          code: 'facts',
        });
      checkFact(fact, (field) => pointer('facts', scope, i, field), jurisdictions, problems);
      fact.properties?.forEach((property, k) =>
        checkFact(
          property as FactDeclarationT,
          (field) => pointer('facts', scope, i, 'properties', k, field),
          jurisdictions,
          problems,
        ),
      );
    }),
  );
}
