/**
 * The amounts-only answer of the compiled path, for simulations, written from a run of the fast
 * core ({@link FastCore}): the lines and totals the reference writes, nothing else.
 */
import type { CompiledVersion } from '../model/compile-version';
import { versionReference } from '../model/parameter-report';
import type { AmountLine, AmountsDetermination } from './determination';
import { FastCore, lineAmount, notFast, type FastBenefit } from './fast-core';
import { moneyText } from './scaled';

/**
 * A version compiled for amounts only. {@link FastAmounts.amounts} answers a household or throws
 * `NOT_FAST` when the general path must answer it.
 */
export class FastAmounts {
  private readonly core: FastCore;
  private readonly monthsPerYear: number;

  /** @throws Error when a formula has no fast form (the version is then answered on the general path). */
  constructor(version: CompiledVersion, core: FastCore = new FastCore(version)) {
    this.core = core;
    this.monthsPerYear = version.totals.monthsPerYear;
  }

  /**
   * The amounts of one household on `asOf`, as the reference writes them.
   * @throws NOT_FAST when the general path must answer (any input or computation off the common case).
   */
  amounts(input: unknown, asOf: string): AmountsDetermination {
    const run = this.core.run(input, asOf, false);
    const { f, ids } = run;
    const benefits: AmountLine[] = [];
    let monthly = 0;
    let monthlyPlain = 0;
    let yearly = 0;
    let oneOff = 0;
    const addLine = (b: FastBenefit, memberId: string | null): void => {
      const line = lineAmount(b, f);
      if (line === null) return;
      const { amount, standard } = line;
      const written: AmountLine = { code: b.code, memberId, period: b.period, amount: moneyText(amount) };
      if (standard !== null) written.yearlyAmount = moneyText(standard);
      benefits.push(written);
      if (b.period === 'month') {
        monthly += amount;
        if (standard === null) monthlyPlain += amount;
        else yearly += standard;
      } else if (b.period === 'year') yearly += amount;
      else oneOff += amount;
    };
    for (const b of this.core.benefits) if (!b.member && f.h[b.whenSlot] === true) addLine(b, null);
    f.ms.forEach((m, i) => {
      f.m = m;
      for (const b of this.core.benefits)
        if (b.member && m[b.whenSlot] === true) addLine(b, ids[i] as string);
    });
    this.core.checkDetails(f);
    const annual = monthlyPlain * this.monthsPerYear + yearly;
    if (!Number.isSafeInteger(annual) || !Number.isSafeInteger(monthly) || !Number.isSafeInteger(oneOff))
      return notFast();
    return {
      ...(run.id === undefined ? {} : { householdId: run.id }),
      ruleset: versionReference(this.core.version),
      asOf,
      jurisdiction: run.jurisdiction,
      benefits,
      totals: { monthly: moneyText(monthly), annual: moneyText(annual), oneOff: moneyText(oneOff) },
    };
  }
}
