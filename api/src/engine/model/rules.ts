import type { RuleProperties } from 'json-rules-engine';
import { isDecimalText } from '../decimal';
import { isCalendarDate } from '../expression/dates';
import { listText, pointer, type FieldProblem } from '../errors';
import type { Binding, Scope } from '../expression/scope';
import { suggestName } from '../expression/suggest';
import type { ConditionT, OutcomeT, RuleT, ScopeT } from '../schema/ruleset.schema';
import { FLOAT_OPERATORS, RULE_OPERATORS } from './operators';
import { CompiledRules, RuleTiers, ruleEvent } from './rule-engines';

export { CompiledRules, outcomeOf, RuleTiers, type RulesRun } from './rule-engines';

/** Where a rule's conditions read an outcome of its own scope. */
interface OutcomeRead {
  outcome: string;
  path: string;
}

/**
 * Checks each rule of one scope (facts visible in that scope, operators of {@link RULE_OPERATORS}
 * fit for the fact's type, values of the right kind, events naming an outcome of the scope) and
 * keeps the valid ones for json-rules-engine, in tiers: a rule may read outcomes of its own scope
 * decided by other rules, and runs after every rule deciding them (see {@link ruleTiers}); rules
 * whose outcomes depend on each other in a cycle are a problem naming the cycle. Conditions are at
 * most `MAX_CONDITION_DEPTH` deep (the document's shape is checked before).
 */
export function compileRules(
  rules: readonly RuleT[],
  scope: Scope,
  scopeName: ScopeT,
  outcomes: ReadonlyMap<string, OutcomeT>,
  problems: FieldProblem[],
): RuleTiers {
  const definitions: { definition: RuleProperties; outcome: string; facts: Set<string> }[] = [];
  const names = new Set<string>();
  /** The outcomes of this scope each rule's conditions read, by rule index. */
  const reads = new Map<number, OutcomeRead[]>();
  const ownOutcome = (name: string): boolean => outcomes.get(name)?.scope === scopeName;
  rules.forEach((rule, i) => {
    const facts = new Set<string>();
    const at = (...rest: (string | number)[]) => pointer('rules', scopeName, i, ...rest);
    if (names.has(rule.name))
      problems.push({
        path: at('name'),
        message: `duplicates the rule name '${rule.name}'`,
        code: 'duplicate',
      });
    names.add(rule.name);
    const outcome = outcomes.get(rule.event.type);
    if (!outcome) {
      const hint = suggestName(rule.event.type, outcomes.keys(), scope.hints);
      problems.push({
        path: at('event', 'type'),
        message: `'${rule.event.type}' is not a declared outcome${hint ? `; did you mean '${hint}'?` : ''}`,
        code: 'unknown-outcome',
      });
    } else if (outcome.scope !== scopeName) {
      problems.push({
        path: at('event', 'type'),
        message: `'${rule.event.type}' is a ${outcome.scope} outcome; decide it with a ${outcome.scope} rule`,
        code: 'scope',
      });
    }
    const before = problems.length;
    const top = rule.conditions;
    if (top.all === undefined && top.any === undefined && top.not === undefined) {
      problems.push({
        path: at('conditions'),
        message: 'the top level must be "all", "any" or "not"',
        code: 'condition',
      });
    }
    checkCondition(top, scope, at('conditions'), problems, facts);
    const outcomeReads: OutcomeRead[] = [];
    collectReads(top, at('conditions'), ownOutcome, outcomeReads);
    reads.set(i, outcomeReads);
    if (problems.length === before) {
      definitions.push({
        definition: {
          name: rule.name,
          priority: rule.priority ?? 1,
          conditions: top as never,
          event: ruleEvent(rule.event.type),
        },
        outcome: rule.event.type,
        facts,
      });
    }
  });
  const tierOf = ruleTiers(rules, reads, scopeName, problems);
  const tiers: (typeof definitions)[] = [];
  for (const d of definitions) {
    const tier = tierOf.get(d.outcome) ?? 0;
    while (tiers.length <= tier) tiers.push([]);
    tiers[tier]?.push(d);
  }
  if (tiers.length === 0) tiers.push([]);
  return new RuleTiers(
    tiers.map((tier) => {
      const facts = new Set<string>();
      for (const d of tier) d.facts.forEach((f) => facts.add(f));
      const decided = [...new Set(tier.map((d) => d.outcome))];
      return new CompiledRules(
        tier.map((d) => d.definition),
        [...facts],
        decided,
      );
    }),
  );
}

/** Every place a condition reads an outcome of the rule's own scope, by fact or by `{"fact": …}` value. */
function collectReads(
  condition: ConditionT,
  path: string,
  ownOutcome: (name: string) => boolean,
  found: OutcomeRead[],
): void {
  for (const kind of ['all', 'any'] as const)
    if (Array.isArray(condition[kind]))
      condition[kind].forEach((c, i) => collectReads(c, `${path}/${kind}/${i}`, ownOutcome, found));
  if (condition.not !== undefined) collectReads(condition.not, `${path}/not`, ownOutcome, found);
  if (typeof condition.fact === 'string' && ownOutcome(condition.fact))
    found.push({ outcome: condition.fact, path: `${path}/fact` });
  const value = condition.value as { fact?: unknown } | undefined;
  if (typeof value === 'object' && value !== null && typeof value.fact === 'string' && ownOutcome(value.fact))
    found.push({ outcome: value.fact, path: `${path}/value/fact` });
}

/**
 * The tier of each outcome of one scope: 0 for an outcome whose rules read no outcome of the scope,
 * else one more than the highest tier of the outcomes its rules read. Every rule deciding an
 * outcome runs in that outcome's tier. When outcomes depend on each other in a cycle (`a` read by a
 * rule deciding `b`, `b` by a rule deciding `a`, or a rule reading the outcome it decides), each
 * cycle found is a problem at the condition that closes it, naming the cycle, zh first. Linear in
 * the rules and their reads.
 */
function ruleTiers(
  rules: readonly RuleT[],
  reads: ReadonlyMap<number, OutcomeRead[]>,
  scopeName: ScopeT,
  problems: FieldProblem[],
): Map<string, number> {
  /** outcome → the outcomes its deciding rules read, each with where it is read. */
  const edges = new Map<string, OutcomeRead[]>();
  rules.forEach((rule, i) => {
    const list = edges.get(rule.event.type) ?? [];
    list.push(...(reads.get(i) ?? []));
    edges.set(rule.event.type, list);
  });
  const tier = new Map<string, number>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  // Iterative depth-first search, so that no chain of outcomes can exhaust the call stack.
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const work: { outcome: string; next: number }[] = [{ outcome: start, next: 0 }];
    state.set(start, 'open');
    stack.push(start);
    while (work.length > 0) {
      const top = work[work.length - 1] as { outcome: string; next: number };
      const out = edges.get(top.outcome) ?? [];
      if (top.next < out.length) {
        const read = out[top.next++] as OutcomeRead;
        const s = state.get(read.outcome);
        if (s === 'open') {
          const cycle = [...stack.slice(stack.indexOf(read.outcome)), read.outcome];
          const key = [...cycle.slice(0, -1)].sort().join('\u0000');
          if (!reported.has(key)) {
            reported.add(key);
            const text = cycle.join(' → ');
            problems.push({
              path: read.path,
              message: `规则结果循环依赖:${text};请打破循环 / rules decide ${scopeName} outcomes that depend on each other in a cycle: ${text}; break the cycle`,
              code: 'rule-cycle',
            });
          }
        } else if (s === undefined) {
          state.set(read.outcome, 'open');
          stack.push(read.outcome);
          work.push({ outcome: read.outcome, next: 0 });
        }
        continue;
      }
      let level = 0;
      for (const read of out) level = Math.max(level, (tier.get(read.outcome) ?? 0) + 1);
      tier.set(top.outcome, level);
      state.set(top.outcome, 'done');
      stack.pop();
      work.pop();
    }
  }
  return tier;
}

function checkCondition(
  condition: ConditionT,
  scope: Scope,
  path: string,
  problems: FieldProblem[],
  facts: Set<string>,
): void {
  const kinds = (['all', 'any', 'not', 'fact'] as const).filter((k) => condition[k] !== undefined);
  if (kinds.length !== 1) {
    problems.push({
      path,
      message: 'a condition has exactly one of "all", "any", "not" or "fact"',
      code: 'condition',
    });
    return;
  }
  const kind = kinds[0];
  if (kind === 'all' || kind === 'any') {
    const list = condition[kind] as ConditionT[];
    if (list.length === 0)
      problems.push({
        path: `${path}/${kind}`,
        message: 'must list at least one condition',
        code: 'condition',
      });
    list.forEach((c, i) => checkCondition(c, scope, `${path}/${kind}/${i}`, problems, facts));
    return;
  }
  if (kind === 'not') {
    checkCondition(condition.not as ConditionT, scope, `${path}/not`, problems, facts);
    return;
  }
  checkLeaf(condition, scope, path, problems, facts);
}

function lookupFact(name: string, scope: Scope, path: string, problems: FieldProblem[]): Binding | undefined {
  const binding = scope.lookup(name);
  if (binding?.kind === 'object') {
    problems.push({
      path,
      message: `'${name}' is a group of facts: compare one of its facts, or a derived fact such as present(${name})`,
      code: 'unknown-name',
    });
    return undefined;
  }
  if (!binding) {
    const candidates = scope.hints?.exhausted
      ? []
      : [...scope.names()].filter((n) => scope.lookup(n)?.kind !== 'object');
    const hint = suggestName(name, candidates, scope.hints);
    problems.push({
      path,
      message: `'${name}' is not a fact of ${scope.name} scope${hint ? `; did you mean '${hint}'?` : ''}`,
      code: 'unknown-name',
    });
    return undefined;
  }
  return binding;
}

function checkLeaf(
  condition: ConditionT,
  scope: Scope,
  path: string,
  problems: FieldProblem[],
  facts: Set<string>,
): void {
  const name = condition.fact as string;
  const operator = condition.operator;
  const binding = lookupFact(name, scope, `${path}/fact`, problems);
  // An outcome of this scope is read once the rules deciding it have run (see ruleTiers).
  if (binding) facts.add(name);
  if (operator === undefined) {
    problems.push({
      path: `${path}/operator`,
      message: 'is required, such as "decimalLessThan" or "equal"',
      code: 'condition',
    });
    return;
  }
  const replacement = FLOAT_OPERATORS.get(operator);
  if (replacement) {
    problems.push({
      path: `${path}/operator`,
      message: `'${operator}' compares binary floating-point numbers; use '${replacement}'`,
      code: 'operator',
    });
    return;
  }
  const known = RULE_OPERATORS.get(operator);
  const isDecimalOperator = known?.kind === 'decimal';
  if (!known) {
    const hint = suggestName(operator, RULE_OPERATORS.keys(), scope.hints);
    problems.push({
      path: `${path}/operator`,
      message: `'${operator}' is not an operator${hint ? `; did you mean '${hint}'?` : ''}`,
      code: 'operator',
    });
    return;
  }
  if (condition.value === undefined) {
    problems.push({
      path: `${path}/value`,
      message: 'is required: a value, or {"fact": "name"} to compare with another fact',
      code: 'condition',
    });
    return;
  }
  if (!binding) return;
  if (binding.type === 'decimal' && !isDecimalOperator) {
    problems.push({
      path: `${path}/operator`,
      message: `'${name}' is a number: compare it with a decimal operator such as 'decimalEqual'`,
      code: 'operator',
    });
    return;
  }
  if (binding.type !== 'decimal' && isDecimalOperator) {
    problems.push({
      path: `${path}/operator`,
      message: `'${name}' is a ${binding.type}: use 'equal' or 'notEqual'`,
      code: 'operator',
    });
    return;
  }
  const value = condition.value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (known.takesList) {
      problems.push({
        path: `${path}/value`,
        message: `'${operator}' 需要一个取值列表,不能与另一事实比较 / '${operator}' needs a list of values, such as ["scattered", "concentrated"], not another fact`,
        code: 'condition',
      });
      return;
    }
    const other = (value as { fact?: unknown }).fact;
    if (typeof other !== 'string' || Object.keys(value).length !== 1) {
      problems.push({
        path: `${path}/value`,
        message: 'an object value must be {"fact": "name"}',
        code: 'condition',
      });
      return;
    }
    const otherBinding = lookupFact(other, scope, `${path}/value/fact`, problems);
    if (otherBinding) {
      facts.add(other);
      if (otherBinding.type !== binding.type)
        problems.push({
          path: `${path}/value/fact`,
          message: `'${other}' is a ${otherBinding.type}; '${name}' is a ${binding.type}`,
          code: 'type',
        });
    }
    return;
  }
  const list = known.takesList;
  if (list && !Array.isArray(value)) {
    problems.push({
      path: `${path}/value`,
      message: `'${operator}' needs a list, such as ["scattered", "concentrated"]`,
      code: 'condition',
    });
    return;
  }
  const items = list ? (value as unknown[]) : [value];
  items.forEach((item, i) => {
    const itemPath = list ? `${path}/value/${i}` : `${path}/value`;
    const problem = literalProblem(item, binding);
    if (problem) problems.push({ path: itemPath, message: problem, code: 'type' });
  });
}

function literalProblem(value: unknown, binding: Binding): string | null {
  switch (binding.type) {
    case 'decimal':
      return (typeof value === 'string' && isDecimalText(value)) ||
        (typeof value === 'number' && Number.isFinite(value))
        ? null
        : 'must be a decimal, such as "0" or "420.00"';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? null
        : 'must be a date written YYYY-MM-DD, such as "2019-01-01"';
    default:
      if (typeof value !== 'string') return 'must be a string';
      if (binding.values && !binding.values.includes(value))
        return `must be one of ${listText(binding.values, true)}`;
      return null;
  }
}
