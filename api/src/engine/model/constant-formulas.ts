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
function isConstant(
  e: Expression,
  isParameter: (name: string) => boolean,
  constants: ReadonlySet<string>,
): boolean {
  switch (e.kind) {
    case 'name':
      return isParameter(e.name) || constants.has(e.name);
    case 'unary':
      return isConstant(e.operand, isParameter, constants);
    case 'binary':
      return isConstant(e.left, isParameter, constants) && isConstant(e.right, isParameter, constants);
    case 'call':
      return !READS_HOUSEHOLD.has(e.callee) && e.args.every((a) => isConstant(a, isParameter, constants));
    default:
      return true;
  }
}

/**
 * The formula of a derived fact, an outcome detail or a benefit amount: where it is, the scope it
 * is written in and its syntax tree.
 */
export interface FormulaSite {
  path: string;
  scope: 'household' | 'member';
  ast: Expression;
  /** Set for derived facts: the name later formulas read its value by. */
  store?: string;
}

/** A site whose formula compiling computes, with the names it reads and whether it varies by place. */
export type ConstantSite<S extends FormulaSite> = S & {
  /** The names it reads: a formula reading a value that failed is not computed (one fault, one problem). */
  reads: readonly string[];
  /** Whether it reads a parameter that varies by jurisdiction, or a derived fact that does (else it is computed once). */
  varies: boolean;
};

/**
 * The sites, among `sites` (derived facts in document order, then outcome details, then benefit
 * amounts), whose formula reads no household or member fact, only parameters, literals and derived
 * facts of that kind: compiling computes them, in every jurisdiction when they vary by place, else
 * once. The one classification both {@link checkConstantFormulas} and the work estimate
 * (`compileWorkProblem`) use. `isParameter` says whether a name is a parameter in a scope;
 * `varyingParameters` are the keys of the parameters that vary by jurisdiction.
 */
export function constantSites<S extends FormulaSite>(
  sites: readonly S[],
  isParameter: (scope: 'household' | 'member', name: string) => boolean,
  varyingParameters: Iterable<string>,
): ConstantSite<S>[] {
  const constants = { household: new Set<string>(), member: new Set<string>() };
  // Names whose value differs between jurisdictions: per-jurisdiction parameters, and constants reading one.
  const varying = new Set(varyingParameters);
  const found: ConstantSite<S>[] = [];
  for (const site of sites) {
    const { scope, ast, store } = site;
    if (!isConstant(ast, (name) => isParameter(scope, name), constants[scope])) continue;
    const reads = namesIn(ast);
    const varies = reads.some((name) => varying.has(name));
    found.push({ ...site, reads, varies });
    if (store === undefined) continue;
    const names = scope === 'household' ? [store, `household.${store}`] : [store];
    names.forEach((n) => {
      constants[n === store ? scope : 'member'].add(n);
      if (varies) varying.add(n);
    });
  }
  return found;
}

/** One formula computed at compile time: where it is, whose it is, and how to run it. */
interface FormulaToRun extends FormulaSite {
  owner: string;
  run(env: Environment): Value;
  /** Set for benefit amounts, which must not be negative. */
  benefit?: boolean;
}

type ConstantFormula = ConstantSite<FormulaToRun>;

/** The formulas that read no household or member fact, in the order they run. */
function constantFormulas(parts: ConstantFormulaParts): ConstantFormula[] {
  const { version, scopes } = parts;
  const sites: FormulaToRun[] = [];
  const compiled = new Map(parts.derived.map((d) => [d.declaration, d]));
  version.derived.forEach((declaration, i) => {
    const d = compiled.get(declaration);
    if (!d) return;
    sites.push({
      path: pointer('derived', i, 'formula'),
      scope: declaration.scope,
      ast: d.expression.ast,
      owner: `derived fact '${declaration.name}'`,
      run: d.expression.evaluate,
      store: declaration.name,
    });
  });
  version.outcomes.forEach((o, i) =>
    parts.outcomes.get(o.name)?.details.forEach((detail) => {
      const j = (o.details ?? []).findIndex((x) => x.name === detail.name);
      sites.push({
        path: pointer('outcomes', i, 'details', j, 'formula'),
        scope: o.scope,
        ast: detail.expression.ast,
        owner: `outcome detail '${detail.name}' of '${o.name}'`,
        run: detail.expression.evaluate,
      });
    }),
  );
  const benefitIndex = new Map(version.benefits.map((b, i) => [b, i]));
  for (const b of parts.benefits)
    sites.push({
      path: pointer('benefits', benefitIndex.get(b.declaration) ?? -1, 'amount'),
      scope: b.declaration.scope,
      ast: b.amount.ast,
      owner: `benefit '${b.declaration.code}'`,
      run: b.amount.evaluate,
      benefit: true,
    });
  return constantSites(
    sites,
    (scope, name) => scopes[scope].lookup(name)?.kind === 'parameter',
    version.parameters.filter((p) => p.byJurisdiction).map((p) => p.key),
  );
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
