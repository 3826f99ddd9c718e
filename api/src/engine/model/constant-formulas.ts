import { Decimal, formatMoney, isDecimal } from '../decimal';
import { EvaluationError, OutOfRangeError, pointer, type FieldProblem } from '../errors';
import { namesIn, type Expression } from '../expression/ast';
import type { Environment, Scope, Value } from '../expression/scope';
import type { RulesetVersion } from '../schema/ruleset.schema';
import type { CompiledBenefit, CompiledDerived, CompiledOutcome } from './compile-version';
import { failureFor, type ResolvedParameters } from './parameters';

/** What {@link checkConstantFormulas} reads of a compiled version. */
export interface ConstantFormulaParts {
  version: RulesetVersion;
  resolved: ResolvedParameters;
  derived: readonly CompiledDerived[];
  outcomes: ReadonlyMap<string, CompiledOutcome>;
  benefits: readonly CompiledBenefit[];
  scopes: { household: Scope; member: Scope };
}

/** Functions whose value depends on the household: a call to one is never constant. */
const READS_HOUSEHOLD = new Set(['count', 'sum', 'any', 'all', 'present', 'previous']);

/** Whether an expression reads only parameters, literals and constant derived facts. */
function isConstant(e: Expression, scope: Scope, constants: ReadonlySet<string>): boolean {
  switch (e.kind) {
    case 'name':
      return scope.lookup(e.name)?.kind === 'parameter' || constants.has(e.name);
    case 'unary':
      return isConstant(e.operand, scope, constants);
    case 'binary':
      return isConstant(e.left, scope, constants) && isConstant(e.right, scope, constants);
    case 'call':
      return !READS_HOUSEHOLD.has(e.callee) && e.args.every((a) => isConstant(a, scope, constants));
    default:
      return true;
  }
}

/** One formula computed at compile time: where it is, whose it is, and how to run it. */
interface ConstantFormula {
  path: string;
  owner: string;
  /** The names it reads: a formula reading a value that failed is not computed (one fault, one problem). */
  reads: readonly string[];
  scope: 'household' | 'member';
  run(env: Environment): Value;
  /** Set for benefit amounts, which must not be negative. */
  benefit?: boolean;
  /** Set for derived facts: where the value goes, so later formulas can read it. */
  store?: { name: string };
}

/** The formulas that read no household or member fact, in the order they run. */
function constantFormulas(parts: ConstantFormulaParts): ConstantFormula[] {
  const { version, scopes } = parts;
  const constants = { household: new Set<string>(), member: new Set<string>() };
  const found: ConstantFormula[] = [];
  const compiled = new Map(parts.derived.map((d) => [d.declaration, d]));
  version.derived.forEach((declaration, i) => {
    const d = compiled.get(declaration);
    if (!d || !isConstant(d.expression.ast, scopes[declaration.scope], constants[declaration.scope])) return;
    constants[declaration.scope].add(declaration.name);
    if (declaration.scope === 'household') constants.member.add(`household.${declaration.name}`);
    found.push({
      path: pointer('derived', i, 'formula'),
      owner: `derived fact '${declaration.name}'`,
      reads: namesIn(d.expression.ast),
      scope: declaration.scope,
      run: d.expression.evaluate,
      store: { name: declaration.name },
    });
  });
  version.outcomes.forEach((o, i) =>
    parts.outcomes.get(o.name)?.details.forEach((detail) => {
      const j = (o.details ?? []).findIndex((x) => x.name === detail.name);
      if (isConstant(detail.expression.ast, scopes[o.scope], constants[o.scope]))
        found.push({
          path: pointer('outcomes', i, 'details', j, 'formula'),
          owner: `outcome detail '${detail.name}' of '${o.name}'`,
          reads: namesIn(detail.expression.ast),
          scope: o.scope,
          run: detail.expression.evaluate,
        });
    }),
  );
  const benefitIndex = new Map(version.benefits.map((b, i) => [b, i]));
  for (const b of parts.benefits) {
    const scope = b.declaration.scope;
    if (isConstant(b.amount.ast, scopes[scope], constants[scope]))
      found.push({
        path: pointer('benefits', benefitIndex.get(b.declaration) ?? -1, 'amount'),
        owner: `benefit '${b.declaration.code}'`,
        reads: namesIn(b.amount.ast),
        scope,
        run: b.amount.evaluate,
        benefit: true,
      });
  }
  return found;
}

/**
 * Computes, in every jurisdiction, each derived fact, outcome detail and benefit amount whose
 * formula reads only parameters, literals and such derived facts (no household or member fact),
 * so that a value outside the numeric domain, a division by zero or a negative amount that every
 * household would meet is a validation problem at the formula's path, naming its owner, the first
 * jurisdiction where it fails (and how many others) and, for a value too large, its magnitude.
 */
export function checkConstantFormulas(parts: ConstantFormulaParts, problems: FieldProblem[]): void {
  const formulas = constantFormulas(parts);
  if (formulas.length === 0) return;
  const failures = new Map<ConstantFormula, { message: string; code: string; places: number }>();
  for (const [code, parameters] of parts.resolved) {
    const household = new Map<string, Value>();
    const member = new Map<string, Value>();
    const env: Environment = {
      asOf: parts.version.metadata.effectiveFrom,
      parameters,
      household,
      members: [],
      member,
    };
    const failed = { household: new Set<string>(), member: new Set<string>() };
    const fail = (formula: ConstantFormula): void => {
      if (!formula.store) return;
      failed[formula.scope].add(formula.store.name);
      if (formula.scope === 'household') failed.member.add(`household.${formula.store.name}`);
    };
    for (const formula of formulas) {
      if (formula.reads.some((name) => failed[formula.scope].has(name))) {
        fail(formula);
        continue;
      }
      let message: string | null = null;
      let problemCode = 'expression';
      try {
        const value = formula.run(env);
        if (formula.store)
          (formula.scope === 'household' ? household : member).set(formula.store.name, value);
        if (formula.benefit && isDecimal(value)) {
          const amount = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          if (amount.isNegative() && !amount.isZero())
            message = `${formula.owner} in ${code}: the amount is negative (${formatMoney(amount)}) for every household`;
        }
      } catch (e) {
        if (!(e instanceof EvaluationError)) throw e;
        fail(formula);
        message = `${formula.owner} ${failureFor(code, e)}`;
        if (e instanceof OutOfRangeError) problemCode = 'numeric-domain';
      }
      if (message === null) continue;
      const earlier = failures.get(formula);
      if (earlier) earlier.places++;
      else failures.set(formula, { message, code: problemCode, places: 1 });
    }
  }
  for (const [formula, failure] of failures) {
    const others = failure.places - 1;
    problems.push({
      path: formula.path,
      message: `${failure.message}${others > 0 ? ` (and in ${others} other jurisdiction${others === 1 ? '' : 's'})` : ''}`,
      code: failure.code,
    });
  }
}
