import { Decimal, formatMoney, isDecimal } from '../decimal';
import { EvaluationError, OutOfRangeError, pointer, type FieldProblem } from '../errors';
import { namesIn, type Expression } from '../expression/ast';
import type { Environment, Scope, Value } from '../expression/scope';
import type { RulesetVersion } from '../schema/ruleset.schema';
import type { CompiledBenefit, CompiledDerived, CompiledOutcome } from './compile-version';
import { FailureReport, failureFor, type ResolvedParameters } from './parameter-resolution';

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
  /** Whether it reads a parameter that varies by jurisdiction (else it is computed once). */
  varies: boolean;
  run(env: Environment): Value;
  /** Set for benefit amounts, which must not be negative. */
  benefit?: boolean;
  /** Set for derived facts: the name later formulas read its value by. */
  store?: string;
}

/** The formulas that read no household or member fact, in the order they run. */
function constantFormulas(parts: ConstantFormulaParts): ConstantFormula[] {
  const { version, scopes } = parts;
  const constants = { household: new Set<string>(), member: new Set<string>() };
  // Names whose value differs between jurisdictions: per-jurisdiction parameters, and constants reading one.
  const varying = new Set(version.parameters.filter((p) => p.byJurisdiction).map((p) => p.key));
  const found: ConstantFormula[] = [];
  const add = (
    ast: Expression,
    scope: 'household' | 'member',
    formula: Omit<ConstantFormula, 'reads' | 'scope' | 'varies'>,
  ): boolean => {
    if (!isConstant(ast, scopes[scope], constants[scope])) return false;
    const reads = namesIn(ast);
    found.push({ ...formula, reads, scope, varies: reads.some((name) => varying.has(name)) });
    return true;
  };
  const compiled = new Map(parts.derived.map((d) => [d.declaration, d]));
  version.derived.forEach((declaration, i) => {
    const d = compiled.get(declaration);
    const { scope, name } = declaration;
    const path = pointer('derived', i, 'formula');
    if (
      !d ||
      !add(d.expression.ast, scope, {
        path,
        owner: `derived fact '${name}'`,
        run: d.expression.evaluate,
        store: name,
      })
    )
      return;
    const names = scope === 'household' ? [name, `household.${name}`] : [name];
    names.forEach((n) => {
      constants[n === name ? scope : 'member'].add(n);
      if (found[found.length - 1]?.varies) varying.add(n);
    });
  });
  version.outcomes.forEach((o, i) =>
    parts.outcomes.get(o.name)?.details.forEach((detail) => {
      const j = (o.details ?? []).findIndex((x) => x.name === detail.name);
      add(detail.expression.ast, o.scope, {
        path: pointer('outcomes', i, 'details', j, 'formula'),
        owner: `outcome detail '${detail.name}' of '${o.name}'`,
        run: detail.expression.evaluate,
      });
    }),
  );
  const benefitIndex = new Map(version.benefits.map((b, i) => [b, i]));
  for (const b of parts.benefits)
    add(b.amount.ast, b.declaration.scope, {
      path: pointer('benefits', benefitIndex.get(b.declaration) ?? -1, 'amount'),
      owner: `benefit '${b.declaration.code}'`,
      run: b.amount.evaluate,
      benefit: true,
    });
  return found;
}

/** What running a constant formula gave: its value, or what is wrong (a failure message and code). */
type Outcome = { value: Value } | { message: string; code: string } | { skipped: true };

function runFormula(formula: ConstantFormula, env: Environment, code: string): Outcome {
  try {
    const value = formula.run(env);
    if (formula.benefit && isDecimal(value)) {
      const amount = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      if (amount.isNegative() && !amount.isZero())
        return {
          message: `${formula.owner} in ${code}: the amount is negative (${formatMoney(amount)}) for every household`,
          code: 'expression',
        };
    }
    return { value };
  } catch (e) {
    if (!(e instanceof EvaluationError)) throw e;
    return {
      message: `${formula.owner} ${failureFor(code, e)}`,
      code: e instanceof OutOfRangeError ? 'numeric-domain' : 'expression',
    };
  }
}

/**
 * Computes, in every jurisdiction, each derived fact, outcome detail and benefit amount whose
 * formula reads only parameters, literals and such derived facts (no household or member fact),
 * so that a value outside the numeric domain, a division by zero or a negative amount that every
 * household would meet is a validation problem at the formula's path, naming its owner, the first
 * jurisdiction where it fails (and how many others) and, for a value too large, its magnitude.
 * A formula reading no per-jurisdiction parameter is computed once.
 */
export function checkConstantFormulas(parts: ConstantFormulaParts, problems: FieldProblem[]): void {
  const formulas = constantFormulas(parts);
  if (formulas.length === 0) return;
  const report = new FailureReport();
  const once = new Map<ConstantFormula, Outcome>();
  for (const [code, parameters] of parts.resolved) {
    const values = { household: new Map<string, Value>(), member: new Map<string, Value>() };
    const env: Environment = {
      asOf: parts.version.metadata.effectiveFrom,
      parameters,
      household: values.household,
      members: [],
      member: values.member,
    };
    const failed = { household: new Set<string>(), member: new Set<string>() };
    for (const formula of formulas) {
      let outcome = once.get(formula);
      if (!outcome) {
        outcome = formula.reads.some((name) => failed[formula.scope].has(name))
          ? { skipped: true }
          : runFormula(formula, env, code);
        if (!formula.varies) once.set(formula, outcome);
      }
      if ('value' in outcome) {
        if (formula.store !== undefined) values[formula.scope].set(formula.store, outcome.value);
        continue;
      }
      if ('message' in outcome) report.add(formula.path, outcome.message, outcome.code);
      if (formula.store === undefined) continue;
      failed[formula.scope].add(formula.store);
      if (formula.scope === 'household') failed.member.add(`household.${formula.store}`);
    }
  }
  problems.push(...report.problems());
}
