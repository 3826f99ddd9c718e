import { contentHash } from '../content-hash';
import { InvalidRulesetError, pointer, type FieldProblem } from '../errors';
import { namesIn } from '../expression/ast';
import { compileExpression, type CompiledExpression } from '../expression/compile';
import { scopeOf, type Binding, type Scope, type ValueType } from '../expression/scope';
import { readRulesetVersion } from '../schema/load';
import type {
  BenefitT,
  ConstraintT,
  DerivedFactT,
  JurisdictionT,
  OutcomeT,
  ParameterT,
  RulesetVersion,
} from '../schema/ruleset.schema';
import { render } from '../evaluation/explain';
import { checkDocumentStructure, checkJustificationsAndTests } from './document-checks';
import { flattenFacts, type FactSpec } from './facts';
import { parameterBindings, resolveAllParameters, type ResolvedParameters } from './parameters';
import { compileRules, type CompiledRules } from './rules';

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
  householdRules: CompiledRules;
  memberRules: CompiledRules;
  benefits: CompiledBenefit[];
  constraints: CompiledConstraint[];
  /** Labels of every name, for explanations. */
  labels: ReadonlyMap<string, string>;
  /** The names visible in each scope once everything is declared (for explanations and editors). */
  scopes: { household: Scope; member: Scope };
}

const BUILTIN_AS_OF: Binding = { type: 'date', kind: 'builtin', read: (env) => env.asOf };

/**
 * Compiles a version document: schema, unique names, parameters, expressions, rules, benefits and
 * constraints are all checked; every problem is reported at once, each with its JSON Pointer path.
 * @throws InvalidRulesetError when anything is wrong.
 */
export function compileVersion(document: unknown): CompiledVersion {
  const read = readRulesetVersion(document);
  if (!read.version) throw new InvalidRulesetError(read.problems);
  const version = read.version;
  const problems: FieldProblem[] = [];
  checkDocumentStructure(version, problems);

  const { resolved, problems: parameterProblems } = resolveAllParameters(version);
  problems.push(...parameterProblems);
  const params = parameterBindings(version.parameters);
  const household = flattenFacts(version.facts.household);
  const member = flattenFacts(version.facts.member);
  const labels = new Map<string, string>();
  version.parameters.forEach((p) => labels.set(p.key, p.label.zh));

  const householdBindings = new Map<string, Binding>([...params, ['asOf', BUILTIN_AS_OF]]);
  const memberBindings = new Map<string, Binding>([...params, ['asOf', BUILTIN_AS_OF]]);
  const addBinding = (scope: 'household' | 'member', name: string, binding: Binding, path: string): void => {
    const target = scope === 'household' ? householdBindings : memberBindings;
    if (target.has(name))
      problems.push({ path, message: `'${name}' is already a name in ${scope} scope`, code: 'duplicate' });
    target.set(name, binding);
    if (scope === 'household')
      memberBindings.set(`household.${name}`, {
        ...binding,
        read: (env) =>
          (binding.kind === 'object' ? (env.household[name] ?? false) : env.household[name]) ?? null,
      });
  };
  const factBinding = (spec: FactSpec, scope: 'household' | 'member'): Binding => ({
    type: spec.type,
    kind: 'fact',
    ...(spec.declaration.values ? { values: spec.declaration.values } : {}),
    ...(spec.declaration.type === 'jurisdiction' ? { values: version.jurisdictions.map((j) => j.code) } : {}),
    read:
      scope === 'household'
        ? (env) => env.household[spec.name] ?? null
        : (env) => env.member?.[spec.name] ?? null,
  });
  version.facts.household.forEach((f, i) => labels.set(f.name, f.label.zh) && void i);
  household.facts.forEach((spec) => {
    labels.set(spec.name, spec.declaration.label.zh);
    addBinding('household', spec.name, factBinding(spec, 'household'), factPath('household', version, spec));
  });
  household.groups.forEach((group) =>
    addBinding(
      'household',
      group,
      { type: 'boolean', kind: 'object', read: (env) => env.household[group] ?? false },
      pointer('facts', 'household'),
    ),
  );
  member.facts.forEach((spec) => {
    labels.set(spec.name, spec.declaration.label.zh);
    addBinding('member', spec.name, factBinding(spec, 'member'), factPath('member', version, spec));
  });

  const memberScope = (): Scope => scopeOf('member', memberBindings);
  const householdScope = (): Scope => scopeOf('household', householdBindings, { members: memberScope() });
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
        message: `${p.message} (at column ${p.at + 1} of "${source}")`,
        code: 'expression',
      }),
    );
    return result.expression;
  };

  const derived: CompiledDerived[] = [];
  version.derived.forEach((d, i) => {
    const path = pointer('derived', i);
    const expected: ValueType = d.type === 'integer' ? 'decimal' : d.type;
    const expression = compileAt(
      d.formula,
      d.scope === 'household' ? householdScope() : memberScope(),
      `${path}/formula`,
      expected,
    );
    if (expression) derived.push({ declaration: d, expression });
    labels.set(d.name, d.label.zh);
    const name = d.name;
    addBinding(
      d.scope,
      name,
      {
        type: expected,
        kind: 'derived',
        read:
          d.scope === 'household'
            ? (env) => env.household[name] ?? null
            : (env) => env.member?.[name] ?? null,
      },
      `${path}/name`,
    );
  });

  const outcomeDeclarations = new Map(version.outcomes.map((o) => [o.name, o]));
  version.outcomes.forEach((o, i) => {
    labels.set(o.name, o.label.zh);
    const name = o.name;
    addBinding(
      o.scope,
      name,
      {
        type: 'boolean',
        kind: 'outcome',
        read:
          o.scope === 'household'
            ? (env) => env.household[name] ?? false
            : (env) => env.member?.[name] ?? false,
      },
      pointer('outcomes', i, 'name'),
    );
  });
  const outcomes = new Map<string, CompiledOutcome>();
  version.outcomes.forEach((o, i) => {
    const details = (o.details ?? []).flatMap((detail, j) => {
      const expected: ValueType =
        detail.type === 'boolean' ? 'boolean' : detail.type === 'string' ? 'string' : 'decimal';
      const expression = compileAt(
        detail.formula,
        o.scope === 'household' ? householdScope() : memberScope(),
        pointer('outcomes', i, 'details', j, 'formula'),
        expected,
      );
      return expression ? [{ name: detail.name, type: detail.type, expression }] : [];
    });
    outcomes.set(o.name, { declaration: o, details });
  });

  // Rules see facts, derived facts, parameters, and (member rules) the household's outcomes.
  const householdRules = compileRules(
    version.rules.household,
    householdScope(),
    'household',
    outcomeDeclarations,
    problems,
  );
  const memberRules = compileRules(
    version.rules.member,
    memberScope(),
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
        message: `'${b.when}' is not a declared outcome; known: ${[...outcomeDeclarations.keys()].join(', ')}`,
        code: 'unknown-outcome',
      });
    else if (outcome.scope !== b.scope)
      problems.push({
        path: pointer('benefits', i, 'when'),
        message: `'${b.when}' is a ${outcome.scope} outcome but the benefit is per ${b.scope}`,
        code: 'scope',
      });
    const amount = compileAt(
      b.amount,
      b.scope === 'household' ? householdScope() : memberScope(),
      pointer('benefits', i, 'amount'),
      'decimal',
    );
    if (amount) benefits.push({ declaration: b, amount, formulaText: render(amount.ast, () => null, true) });
  });

  const constraintScope = scopeOf('constraint', params, { allowsPrevious: true });
  const constraints: CompiledConstraint[] = [];
  version.constraints.forEach((c, i) => {
    const assertion = compileAt(c.assert, constraintScope, pointer('constraints', i, 'assert'), 'boolean');
    if (!assertion) return;
    const perJurisdiction =
      c.forEachJurisdiction === true ||
      namesIn(assertion.ast).some((n) => version.parameters.find((p) => p.key === n)?.byJurisdiction);
    constraints.push({ declaration: c, index: i, assertion, perJurisdiction });
  });
  checkJustificationsAndTests(version, problems);

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
    householdFacts: household.facts,
    householdGroups: household.groups,
    memberFacts: member.facts,
    derived,
    outcomes,
    householdRules,
    memberRules,
    benefits,
    constraints,
    labels,
    scopes: { household: householdScope(), member: memberScope() },
  };
}

function factPath(scope: 'household' | 'member', version: RulesetVersion, spec: FactSpec): string {
  const index = version.facts[scope].findIndex((f) => f.name === (spec.group ?? spec.name));
  return pointer('facts', scope, index, 'name');
}
