import { Rule, type Engine, type Event, type RuleProperties, type RuleResult } from 'json-rules-engine';
import { createRulesEngine } from './operators';

/** How many idle json-rules-engine engines one scope's rules keep for reuse; more are dropped. */
const MAX_IDLE_ENGINES = 16;

/** The event every rule emits: a constant type, so no outcome name reaches json-rules-engine's event emitter. */
const EVENT_TYPE = 'outcome';

/** What one run of a scope's rules gives: the rules that held and those that did not. */
export interface RulesRun {
  results: RuleResult[];
  failureResults: RuleResult[];
}

/**
 * A scope's checked rules and the facts they read. json-rules-engine keeps the state of a run on
 * its Engine object, so no two runs share one: each {@link CompiledRules.run} takes an idle engine
 * of its own (or builds one from the checked rule definitions) and gives it back when it is done.
 * Runs of one compiled version may therefore overlap freely.
 */
export class CompiledRules {
  private readonly idle: Engine[] = [];
  /** Each rule's place in the ruleset, by name (names are unique in a scope). */
  private readonly order: ReadonlyMap<string, number>;

  constructor(
    /** The checked rules, as json-rules-engine definitions. */
    readonly definitions: readonly RuleProperties[],
    /** Every fact name the rules read, so a run passes only those. */
    readonly facts: readonly string[],
    /** The outcomes these rules decide. */
    readonly outcomes: readonly string[] = [],
  ) {
    this.order = new Map(definitions.map((d, i) => [d.name ?? '', i]));
    // Building one engine up front checks that json-rules-engine accepts every rule.
    this.idle.push(this.build());
  }

  private build(): Engine {
    const engine = createRulesEngine();
    for (const definition of this.definitions) engine.addRule(new Rule(definition));
    return engine;
  }

  /**
   * Runs the rules on facts given by name (read once, before the run), on an engine no other run
   * uses at the same time. Results are in the order of the ruleset, whatever order json-rules-engine
   * finished them in (which depends on how deeply each rule's conditions nest).
   */
  async run(facts: ReadonlyMap<string, unknown>): Promise<RulesRun> {
    const engine = this.idle.pop() ?? this.build();
    const given: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, value] of facts) given[name] = value;
    const { results, failureResults } = await engine.run(given);
    // An engine whose run failed is dropped (the error propagates); one that finished is reused.
    if (this.idle.length < MAX_IDLE_ENGINES) this.idle.push(engine);
    const byOrder = (a: RuleResult, b: RuleResult): number =>
      (this.order.get(a.name) ?? 0) - (this.order.get(b.name) ?? 0);
    return { results: results.sort(byOrder), failureResults: failureResults.sort(byOrder) };
  }

  /** How many idle engines are kept for reuse (for tests). */
  get idleEngines(): number {
    return this.idle.length;
  }
}

/**
 * A scope's rules in tiers: a rule whose conditions read an outcome of its own scope runs in a later
 * tier than every rule deciding that outcome, so it sees the outcome decided. Rules that read no
 * such outcome are in the first tier; a version whose rules read none has one tier, as before.
 */
export class RuleTiers {
  constructor(
    /** The tiers, in the order they run; at least one (possibly with no rules). */
    readonly tiers: readonly CompiledRules[],
  ) {}

  /** The most idle engines any one tier keeps for reuse (for tests). */
  get idleEngines(): number {
    return Math.max(0, ...this.tiers.map((t) => t.idleEngines));
  }
}

/** The event of a rule deciding `outcome`. */
export function ruleEvent(outcome: string): Event {
  return { type: EVENT_TYPE, params: { outcome } };
}

/** The outcome a rule result decides. */
export function outcomeOf(result: RuleResult): string {
  const params = result.event?.params as { outcome?: unknown } | undefined;
  return typeof params?.outcome === 'string' ? params.outcome : '';
}
