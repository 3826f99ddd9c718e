/**
 * The amounts-only answer of the compiled path, for simulations, written from a run of the fast
 * core ({@link FastCore}): the lines and totals the reference writes, nothing else.
 */
import type { CompiledVersion } from '../model/compile-version';
import { versionReference } from '../model/parameter-report';
import type { AmountLine, AmountsDetermination } from './determination';
import { FastCore, forEachLine } from './fast-core';
import { moneyText } from './scaled';

/**
 * A version compiled for amounts only. {@link FastAmounts.amounts} answers a household or throws
 * `NOT_FAST` when the general path must answer it.
 */
export class FastAmounts {
  private readonly core: FastCore;

  /** @throws Error when a formula has no fast form (the version is then answered on the general path). */
  constructor(version: CompiledVersion, core: FastCore = new FastCore(version)) {
    this.core = core;
  }

  /**
   * The amounts of one household on `asOf`, as the reference writes them.
   * @throws NOT_FAST when the general path must answer (any input or computation off the common case).
   */
  amounts(input: unknown, asOf: string): AmountsDetermination {
    const run = this.core.run(input, asOf, false);
    const { f, ids } = run;
    const benefits: AmountLine[] = [];
    const totals = forEachLine(this.core, f, (b, { amount, standard }, memberIndex) => {
      const memberId = memberIndex === null ? null : (ids[memberIndex] as string);
      // Two literals rather than a key added to one: each line then has its shape from the start.
      benefits.push(
        standard === null
          ? { code: b.code, memberId, period: b.period, amount: moneyText(amount) }
          : {
              code: b.code,
              memberId,
              period: b.period,
              amount: moneyText(amount),
              yearlyAmount: moneyText(standard),
            },
      );
    });
    this.core.checkDetails(f);
    const ruleset = versionReference(this.core.version);
    const { jurisdiction } = run;
    // Two literals rather than a spread: the keys in the reference's order either way.
    return run.id === undefined
      ? { ruleset, asOf, jurisdiction, benefits, totals }
      : { householdId: run.id, ruleset, asOf, jurisdiction, benefits, totals };
  }
}
