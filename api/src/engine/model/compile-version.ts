import { contentHash } from '../content-hash';
import { InvalidRulesetError, listText, pointer, type FieldProblem } from '../errors';
import { compileExpression, locate, type CompiledExpression } from '../expression/compile';
import { scopeOf, type Scope, type ValueType } from '../expression/scope';
import { HintBudget } from '../expression/suggest';
import { readRulesetVersion } from '../schema/load';
import type {
  BenefitT,
  ConstraintT,
  DerivedFactT,
  JurisdictionT,
  OutcomeT,
  ParameterT,
  RoundingT,
  RulesetVersion,
  TotalsT,
} from '../schema/ruleset.schema';
import { render } from '../evaluation/explain';
import { checkConstantFormulas } from './constant-formulas';
import { checkDocumentStructure, checkJustificationsAndTests } from './document-checks';
import { checkFactValues } from './fact-checks';
import type { FactSpec } from './facts';
import { NameTable } from './names';
import { compileWorkProblem, constraintPerJurisdiction } from './compile-work';
import { resolutionSizeProblem } from './parameter-resolution';
import { checkDocumentNumerals } from './numerals';
import { parameterBindings, resolveAllParameters, type ResolvedParameters } from './parameters';
import { compileRules, type RuleTiers } from './rules';

/** A derived fact with its checked formula. */
export interface CompiledDerived {
  declaration: DerivedFactT;
  expression: CompiledExpression;
}

/** An outcome with its checked report formulas. */
export interface CompiledOutcome {
  declaration: OutcomeT;
  details: { name: string; type: string; expression: CompiledExpression }[];
}

/** A benefit with its checked amount formula. */
export interface CompiledBenefit {
  declaration: BenefitT;
  amount: CompiledExpression;
  /** The amount formula as explanations print it (`×`, `÷`, `−`), written once. */
  formulaText: string;
  /** How its line is rounded: its own `rounding`, or else the version's. */
  rounding: RoundingT;
}

/** A constraint with its checked assertion; per jurisdiction when it reads per-jurisdiction values. */
export interface CompiledConstraint {
  declaration: ConstraintT;
  index: number;
  assertion: CompiledExpression;
  perJurisdiction: boolean;
}

/** Everything the engine needs to evaluate a version, checked once and reused for every household. */
export interface CompiledVersion {
  document: RulesetVersion;
  key: string;
  version: string;
  effectiveFrom: string;
  contentHash: string;
  jurisdictions: ReadonlyMap<string, JurisdictionT>;
  parameters: ReadonlyMap<string, ParameterT>;
  resolvedParameters: ResolvedParameters;
  householdFacts: FactSpec[];
  householdGroups: string[];
  memberFacts: FactSpec[];
  derived: CompiledDerived[];
  outcomes: ReadonlyMap<string, CompiledOutcome>;
  /** Household rules, in tiers (a rule reading a household outcome runs after the rules deciding it). */
  householdRules: RuleTiers;
  /** Member rules, in tiers; they also see the household's outcomes. */
  memberRules: RuleTiers;
  benefits: CompiledBenefit[];
  /** How the totals are formed from the rounded lines (the version's `totals`). */
  totals: TotalsT;
  constraints: CompiledConstraint[];
  /** Labels of every name, for explanations. */
  labels: ReadonlyMap<string, string>;
  /** The names visible in each scope once everything is declared (for explanations and editors). */
  scopes: { household: Scope; member: Scope };
}

/**
 * Compiles a version document: schema and shape, unique names, fact declarations, every number
 * (inside the numeric domain), parameters, expressions (within the size limits), rules, benefits
 * and constraints are all checked; formulas that read only parameters and literals are computed for
 * every jurisdiction, so a value outside the domain is found here. Every problem is reported at
 * once, each with its JSON Pointer path (at most `MAX_PROBLEMS`, then one counting the rest).
 * The work is bounded whatever the document: no recursion deeper than the limits, at most
 * `MAX_RESOLVED_VALUES` values computed, at most `MAX_COMPILE_WORK` work evaluating formulas
 * (`compileWork`: tokens + `COMPILE_WORK_PER_EVALUATION` per evaluation, counting the constraints
 * `checkConstraints` evaluates next), both decided before anything is evaluated, at most
 * `MAX_HINT_DISTANCES` edit distances for hints.
 * @throws InvalidRulesetError when anything is wrong.
 */
export function compileVersion(document: unknown): CompiledVersion {
  const read = readRulesetVersion(document);
  if (!read.version) throw new InvalidRulesetError(read.problems);
  const version = read.version;
  // Bounded before anything is evaluated: how many values, then how much formula work.
  const tooLarge = resolutionSizeProblem(version) ?? compileWorkProblem(version);
  if (tooLarge) throw new InvalidRulesetError([tooLarge]);
  const problems: FieldProblem[] = [];
  const hints = new HintBudget();
  checkDocumentStructure(version, problems);
  checkFactValues(version, problems);
  checkDocumentNumerals(version, problems);

  const { resolved, problems: parameterProblems } = resolveAllParameters(version, hints);
  problems.push(...parameterProblems);
  const byJurisdiction = new Set(version.parameters.filter((p) => p.byJurisdiction).map((p) => p.key));
  const params = parameterBindings(version.parameters);
  const names = new NameTable(version, params, problems, hints);
  const { labels } = names;
  const compileAt = (
    source: string,
    scope: Scope,
    path: string,
    expected?: ValueType,
  ): CompiledExpression | null => {
    const result = compileExpression(source, scope, expected);
    result.problems.forEach((p) =>
      problems.push({
        path,
        message: `${p.message} ${locate(source, p.at)}`,
        code: 'expression',
      }),
    );
    return result.expression;
  };

  const derived: CompiledDerived[] = [];
  version.derived.forEach((d, i) => {
    const path = pointer('derived', i);
    const expected: ValueType = d.type === 'integer' ? 'decimal' : d.type;
    const expression = compileAt(d.formula, names.scope(d.scope), `${path}/formula`, expected);
    if (expression) derived.push({ declaration: d, expression });
    labels.set(d.name, d.label.zh);
    names.addStored(d.scope, d.name, expected, 'derived', `${path}/name`, null);
  });

  const outcomeDeclarations = new Map(version.outcomes.map((o) => [o.name, o]));
  version.outcomes.forEach((o, i) => {
    labels.set(o.name, o.label.zh);
    names.addStored(o.scope, o.name, 'boolean', 'outcome', pointer('outcomes', i, 'name'), false);
  });
  const outcomes = new Map<string, CompiledOutcome>();
  version.outcomes.forEach((o, i) => {
    const details = (o.details ?? []).flatMap((detail, j) => {
      const expected: ValueType =
        detail.type === 'boolean' ? 'boolean' : detail.type === 'string' ? 'string' : 'decimal';
      const expression = compileAt(
        detail.formula,
        names.scope(o.scope),
        pointer('outcomes', i, 'details', j, 'formula'),
        expected,
      );
      return expression ? [{ name: detail.name, type: detail.type, expression }] : [];
    });
    outcomes.set(o.name, { declaration: o, details });
  });

  // Rules see facts, derived facts, parameters, outcomes of their own scope decided by other rules
  // (in tiers, cycles refused), and (member rules) the household's outcomes.
  const householdRules = compileRules(
    version.rules.household,
    names.householdScope(),
    'household',
    outcomeDeclarations,
    problems,
  );
  const memberRules = compileRules(
    version.rules.member,
    names.memberScope(),
    'member',
    outcomeDeclarations,
    problems,
  );
  const decided = new Set([...version.rules.household, ...version.rules.member].map((r) => r.event.type));
  version.outcomes.forEach((o, i) => {
    if (!decided.has(o.name))
      problems.push({
        path: pointer('outcomes', i, 'name'),
        message: `no rule decides the outcome '${o.name}'`,
        code: 'unused-outcome',
      });
  });

  const benefits: CompiledBenefit[] = [];
  version.benefits.forEach((b, i) => {
    const outcome = outcomeDeclarations.get(b.when);
    if (!outcome)
      problems.push({
        path: pointer('benefits', i, 'when'),
        message: `'${b.when}' is not a declared outcome; known: ${listText(outcomeDeclarations.keys())}`,
        code: 'unknown-outcome',
      });
    else if (outcome.scope !== b.scope)
      problems.push({
        path: pointer('benefits', i, 'when'),
        message: `'${b.when}' is a ${outcome.scope} outcome but the benefit is per ${b.scope}`,
        code: 'scope',
      });
    if (b.instalmentsPerYear !== undefined && b.period !== 'month')
      problems.push({
        path: pointer('benefits', i, 'instalmentsPerYear'),
        message: `只有按月发放的待遇可以分期发放年标准 / only a benefit paid by the month (period "month") pays a yearly standard in instalments; '${b.code}' is paid per ${b.period}`,
        code: 'benefit',
      });
    const amount = compileAt(b.amount, names.scope(b.scope), pointer('benefits', i, 'amount'), 'decimal');
    if (amount)
      benefits.push({
        declaration: b,
        amount,
        formulaText: render(amount.ast, () => null, true),
        rounding: b.rounding ?? version.rounding,
      });
  });

  const constraintScope = scopeOf('constraint', params, { allowsPrevious: true, hints });
  const constraints: CompiledConstraint[] = [];
  version.constraints.forEach((c, i) => {
    const assertion = compileAt(c.assert, constraintScope, pointer('constraints', i, 'assert'), 'boolean');
    if (!assertion) return;
    const perJurisdiction = constraintPerJurisdiction(c, assertion.ast, byJurisdiction);
    constraints.push({ declaration: c, index: i, assertion, perJurisdiction });
  });
  checkJustificationsAndTests(version, problems);
  if (problems.length === 0)
    checkConstantFormulas(
      {
        version,
        resolved,
        derived,
        outcomes,
        benefits,
        scopes: { household: names.householdScope(), member: names.memberScope() },
      },
      problems,
    );

  if (problems.length > 0) throw new InvalidRulesetError(problems);
  return {
    document: version,
    key: version.metadata.key,
    version: version.metadata.version,
    effectiveFrom: version.metadata.effectiveFrom,
    contentHash: contentHash(version),
    jurisdictions: new Map(version.jurisdictions.map((j) => [j.code, j])),
    parameters: new Map(version.parameters.map((p) => [p.key, p])),
    resolvedParameters: resolved,
    householdFacts: names.householdFacts,
    householdGroups: names.householdGroups,
    memberFacts: names.memberFacts,
    derived,
    outcomes,
    householdRules,
    memberRules,
    benefits,
    totals: version.totals,
    constraints,
    labels,
    scopes: { household: names.householdScope(), member: names.memberScope() },
  };
}
