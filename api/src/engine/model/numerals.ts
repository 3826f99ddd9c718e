import { isDecimalText, numeralProblem } from '../decimal';
import { pointer, type FieldProblem } from '../errors';
import { MAX_LITERAL_DECIMAL_PLACES, MAX_MAGNITUDE_TEXT } from '../limits';
import type { ConditionT, FactDeclarationT, RulesetVersion } from '../schema/ruleset.schema';
import { RULE_OPERATORS } from './operators';

const RULE = `a number in a ruleset is at most ${MAX_MAGNITUDE_TEXT} in magnitude, with at most ${MAX_LITERAL_DECIMAL_PLACES} decimals`;

/**
 * Checks a numeral written in the document: a decimal string or a JSON number. Other values are
 * left to the type checks.
 */
function checkNumeral(value: unknown, path: string, problems: FieldProblem[]): void {
  const numeral =
    typeof value === 'number' || (typeof value === 'string' && isDecimalText(value)) ? value : null;
  if (numeral === null) return;
  const wrong = numeralProblem(numeral, MAX_LITERAL_DECIMAL_PLACES);
  if (wrong) problems.push({ path, message: `${wrong} (${RULE})`, code: 'numeric-domain' });
}

function checkFact(fact: FactDeclarationT, at: (field: string) => string, problems: FieldProblem[]): void {
  checkNumeral(fact.minimum, at('minimum'), problems);
  checkNumeral(fact.maximum, at('maximum'), problems);
  if (fact.type === 'decimal' || fact.type === 'money' || fact.type === 'integer')
    checkNumeral(fact.default, at('default'), problems);
}

function checkCondition(condition: ConditionT, path: string, problems: FieldProblem[]): void {
  for (const kind of ['all', 'any'] as const)
    condition[kind]?.forEach((c, i) => checkCondition(c, `${path}/${kind}/${i}`, problems));
  if (condition.not) checkCondition(condition.not, `${path}/not`, problems);
  const value = condition.value;
  const decimalOperator = RULE_OPERATORS.get(condition.operator ?? '')?.kind === 'decimal';
  if (typeof value === 'number' || (decimalOperator && typeof value === 'string'))
    checkNumeral(value, `${path}/value`, problems);
  if (Array.isArray(value))
    value.forEach((item, i) => {
      if (typeof item === 'number') checkNumeral(item, `${path}/value/${i}`, problems);
    });
}

/**
 * Checks every number written in a version document outside its formulas against the numeric
 * domain (|x| ≤ 10^15, at most 10 decimals): parameter values, fact bounds and number defaults,
 * rule condition values, and test expectations. (Numbers in formulas are checked when the formula
 * is checked.) Linear in the document; each problem has the numeral's path and code `numeric-domain`.
 */
export function checkDocumentNumerals(version: RulesetVersion, problems: FieldProblem[]): void {
  version.parameters.forEach((p, i) =>
    p.values.forEach((v, j) =>
      checkNumeral(v.value, pointer('parameters', i, 'values', j, 'value'), problems),
    ),
  );
  (['household', 'member'] as const).forEach((scope) =>
    version.facts[scope].forEach((fact, i) => {
      checkFact(fact, (field) => pointer('facts', scope, i, field), problems);
      fact.properties?.forEach((property, k) =>
        checkFact(
          property as FactDeclarationT,
          (field) => pointer('facts', scope, i, 'properties', k, field),
          problems,
        ),
      );
    }),
  );
  (['household', 'member'] as const).forEach((scope) =>
    version.rules[scope].forEach((rule, i) =>
      checkCondition(rule.conditions, pointer('rules', scope, i, 'conditions'), problems),
    ),
  );
  version.tests.forEach((test, i) => {
    const at = (...rest: (string | number)[]) => pointer('tests', i, 'expected', ...rest);
    test.expected.benefits.forEach((line, k) =>
      checkNumeral(line.amount, at('benefits', k, 'amount'), problems),
    );
    const totals = test.expected.totals;
    if (totals)
      for (const period of ['monthly', 'annual', 'oneOff'] as const)
        checkNumeral(totals[period], at('totals', period), problems);
  });
}
