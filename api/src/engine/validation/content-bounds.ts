import { numeralProblem } from '../decimal';
import { capProblems, pointer, type FieldProblem } from '../errors';
import type { Expression } from '../expression/ast';
import { locate, shortNumeral } from '../expression/compile';
import { ExpressionSyntaxError, parseExpression } from '../expression/parse';
import { MAX_LITERAL_DECIMAL_PLACES } from '../limits';
import { membersLimitProblem } from '../model/document-checks';
import { checkDocumentNumerals } from '../model/numerals';
import { compileWorkProblem } from '../model/compile-work';
import { resolutionSizeProblem } from '../model/parameter-resolution';
import { readRulesetVersion } from '../schema/load';
import type { RulesetVersion } from '../schema/ruleset.schema';

/** Every expression of a version with its path: formulas, parameter formulas, details, amounts, assertions. */
function expressionSites(version: RulesetVersion): { path: string; source: string }[] {
  const sites: { path: string; source: string }[] = [];
  version.derived.forEach((d, i) =>
    sites.push({ path: pointer('derived', i, 'formula'), source: d.formula }),
  );
  version.parameters.forEach((p, i) =>
    p.values.forEach((v, j) => {
      if (v.formula !== undefined)
        sites.push({ path: pointer('parameters', i, 'values', j, 'formula'), source: v.formula });
    }),
  );
  version.outcomes.forEach((o, i) =>
    (o.details ?? []).forEach((d, j) =>
      sites.push({ path: pointer('outcomes', i, 'details', j, 'formula'), source: d.formula }),
    ),
  );
  version.benefits.forEach((b, i) =>
    sites.push({ path: pointer('benefits', i, 'amount'), source: b.amount }),
  );
  version.constraints.forEach((c, i) =>
    sites.push({ path: pointer('constraints', i, 'assert'), source: c.assert }),
  );
  return sites;
}

/** The numbers written in an expression (the tree is at most `MAX_EXPRESSION_DEPTH` deep). */
function numbersIn(e: Expression, found: Extract<Expression, { kind: 'number' }>[] = []): typeof found {
  if (e.kind === 'number') found.push(e);
  else if (e.kind === 'unary') numbersIn(e.operand, found);
  else if (e.kind === 'binary') {
    numbersIn(e.left, found);
    numbersIn(e.right, found);
  } else if (e.kind === 'call') e.args.forEach((a) => numbersIn(a, found));
  return found;
}

/**
 * The cheap check of a ruleset version document that a service can run when content is stored
 * (a draft `PUT`), before anything is compiled or evaluated. It reports only what could make later
 * work expensive or unsafe, with the same paths, messages and codes that `compileVersion` and
 * `validateVersion` give for them:
 *
 * - the schema and shape (`readRulesetVersion`: rule conditions at most `MAX_CONDITION_DEPTH` deep,
 *   nothing nested more than `MAX_DOCUMENT_DEPTH` deep);
 * - the work compiling would do: at most `MAX_RESOLVED_VALUES` values (jurisdictions × parameters
 *   and formulas), at most `MAX_COMPILE_WORK` work evaluating formulas (`compileWork`: each
 *   formula's tokens + `COMPILE_WORK_PER_EVALUATION`, × the jurisdictions it is evaluated for,
 *   constraints included), and households of at most `MAX_HOUSEHOLD_MEMBERS` members;
 * - every expression within `MAX_EXPRESSION_LENGTH` characters, `MAX_EXPRESSION_TOKENS` tokens and
 *   `MAX_EXPRESSION_DEPTH` levels (an ordinary syntax error is left to validation: a draft may be
 *   unfinished);
 * - every number written in the document, formulas included, inside the numeric domain
 *   (|x| ≤ 10^15, at most `MAX_LITERAL_DECIMAL_PLACES` decimals).
 *
 * It evaluates nothing, resolves no parameter and gives no hints; its cost is linear in the size of
 * the document plus jurisdictions × parameters, at most `MAX_RESOLVED_VALUES` (a 1 MB document
 * takes a small fraction of a second). At most `MAX_PROBLEMS` problems are returned, then one
 * counting the rest.
 * @returns the problems, each with its JSON Pointer path; an empty list when the content is within bounds.
 * @example checkContentBounds(JSON.parse(body)) // [] or [{ path: '/derived/3/formula', … }]
 */
export function checkContentBounds(document: unknown): FieldProblem[] {
  const read = readRulesetVersion(document);
  if (!read.version) return capProblems(read.problems);
  const problems: FieldProblem[] = [];
  // The work is estimated only for a version of a bounded size (the estimate visits
  // jurisdictions × parameters), as compileVersion does.
  const version = read.version;
  for (const tooLarge of [
    resolutionSizeProblem(version) ?? compileWorkProblem(version),
    membersLimitProblem(version),
  ])
    if (tooLarge) problems.push(tooLarge);
  checkDocumentNumerals(read.version, problems);
  for (const { path, source } of expressionSites(read.version)) {
    let ast: Expression;
    try {
      ast = parseExpression(source);
    } catch (e) {
      if (!(e instanceof ExpressionSyntaxError)) throw e;
      if (e.limit)
        problems.push({ path, message: `${e.message} ${locate(source, e.at)}`, code: 'expression' });
      continue;
    }
    for (const number of numbersIn(ast)) {
      const wrong = numeralProblem(number.text, MAX_LITERAL_DECIMAL_PLACES);
      if (wrong)
        problems.push({
          path,
          message: `the number ${shortNumeral(number.text)} ${wrong} ${locate(source, number.at)}`,
          code: 'expression',
        });
    }
  }
  return capProblems(problems);
}
