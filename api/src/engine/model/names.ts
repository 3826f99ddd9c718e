import { pointer, type FieldProblem } from '../errors';
import { scopeOf, type Binding, type Scope, type Value, type ValueType } from '../expression/scope';
import type { HintBudget } from '../expression/suggest';
import type { RulesetVersion } from '../schema/ruleset.schema';
import { flattenFacts, type FactSpec } from './facts';

const BUILTIN_AS_OF: Binding = { type: 'date', kind: 'builtin', read: (env) => env.asOf };

/**
 * The names of a version's household and member scopes, as they are declared (parameters and input
 * facts first, then derived facts and outcomes in document order), and their labels. Every lookup
 * goes through a `Map`; no name can reach a JavaScript prototype.
 */
export class NameTable {
  readonly household: Map<string, Binding>;
  readonly member: Map<string, Binding>;
  /** The Chinese label of every name, for explanations. */
  readonly labels = new Map<string, string>();
  readonly householdFacts: FactSpec[];
  readonly householdGroups: string[];
  readonly memberFacts: FactSpec[];

  constructor(
    version: RulesetVersion,
    parameters: ReadonlyMap<string, Binding>,
    private readonly problems: FieldProblem[],
    private readonly hints: HintBudget,
  ) {
    this.household = new Map([...parameters, ['asOf', BUILTIN_AS_OF]]);
    this.member = new Map([...parameters, ['asOf', BUILTIN_AS_OF]]);
    version.parameters.forEach((p) => this.labels.set(p.key, p.label.zh));
    version.facts.household.forEach((f) => this.labels.set(f.name, f.label.zh));
    const household = flattenFacts(version.facts.household);
    const member = flattenFacts(version.facts.member);
    this.householdFacts = household.facts;
    this.householdGroups = household.groups;
    this.memberFacts = member.facts;
    const codes = version.jurisdictions.map((j) => j.code);
    const index = {
      household: new Map(version.facts.household.map((f, i) => [f.name, i])),
      member: new Map(version.facts.member.map((f, i) => [f.name, i])),
    };
    const factPath = (scope: 'household' | 'member', spec: FactSpec): string =>
      pointer('facts', scope, index[scope].get(spec.group ?? spec.name) ?? -1, 'name');
    const declare = (scope: 'household' | 'member', spec: FactSpec): void => {
      this.labels.set(spec.name, spec.declaration.label.zh);
      const values = spec.declaration.type === 'jurisdiction' ? codes : spec.declaration.values;
      this.addStored(scope, spec.name, spec.type, 'fact', factPath(scope, spec), null, values);
    };
    household.facts.forEach((spec) => declare('household', spec));
    household.groups.forEach((group) =>
      this.add(
        'household',
        group,
        { type: 'boolean', kind: 'object', read: (env) => env.household.get(group) ?? false },
        pointer('facts', 'household'),
      ),
    );
    member.facts.forEach((spec) => declare('member', spec));
  }

  /**
   * Declares a name in a scope (a household name is also `household.<name>` in member scope);
   * a name declared twice in one scope is a problem at `path`.
   */
  add(scope: 'household' | 'member', name: string, binding: Binding, path: string): void {
    const target = scope === 'household' ? this.household : this.member;
    if (target.has(name))
      this.problems.push({
        path,
        message: `'${name}' is already a name in ${scope} scope`,
        code: 'duplicate',
      });
    target.set(name, binding);
    if (scope === 'household')
      this.member.set(`household.${name}`, {
        ...binding,
        read: (env) =>
          (binding.kind === 'object' ? (env.household.get(name) ?? false) : env.household.get(name)) ?? null,
      });
  }

  /**
   * Declares a value the evaluation stores under its name (an input fact, a derived fact, an
   * outcome); reading it when absent gives `absent` (null, or false for an outcome).
   */
  addStored(
    scope: 'household' | 'member',
    name: string,
    type: ValueType,
    kind: 'fact' | 'derived' | 'outcome',
    path: string,
    absent: Value,
    values?: readonly string[],
  ): void {
    this.add(
      scope,
      name,
      {
        type,
        kind,
        ...(values ? { values } : {}),
        read:
          scope === 'household'
            ? (env) => env.household.get(name) ?? absent
            : (env) => env.member?.get(name) ?? absent,
      },
      path,
    );
  }

  /** The member scope: its names so far (the map keeps growing as names are declared). */
  memberScope(): Scope {
    return scopeOf('member', this.member, { hints: this.hints });
  }

  /** The household scope, with the member scope for `count`, `sum`, `any` and `all`. */
  householdScope(): Scope {
    return scopeOf('household', this.household, { members: this.memberScope(), hints: this.hints });
  }

  /** The scope of a formula of one scope. */
  scope(scope: 'household' | 'member'): Scope {
    return scope === 'household' ? this.householdScope() : this.memberScope();
  }
}
