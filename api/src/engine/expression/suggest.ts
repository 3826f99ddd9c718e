import { MAX_HINT_DISTANCES, MAX_HINT_NAME_LENGTH } from '../limits';

let computed = 0;

/**
 * How many edit distances "did you mean" hints have computed in this process so far (a counter
 * for tests and benchmarks: compare it before and after a call).
 */
export function distanceComputations(): number {
  return computed;
}

/**
 * Levenshtein distance of `a` and `b` when it is at most `limit`, else `limit + 1`. Only the band
 * of cells within `limit` of the diagonal is computed, and it stops as soon as a whole row of the
 * band exceeds the limit: at most `(a.length + 1) × (2 × limit + 1)` steps.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  computed++;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const over = limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => (j <= limit ? j : over));
  let current = new Array<number>(b.length + 1).fill(over);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    // Only the cells next to the band are reset: the next row reads nothing further out.
    current[0] = i <= limit ? i : over;
    if (from > 1) current[from - 1] = over;
    if (to < b.length) current[to + 1] = over;
    let best = current[0] as number;
    for (let j = from; j <= to; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
        over,
      );
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] as number, over);
}

/**
 * A budget of edit distances for "did you mean" hints, shared by everything compiled from one
 * document: once {@link MAX_HINT_DISTANCES} distances are spent, no more hints are looked for.
 */
export class HintBudget {
  private remaining: number;

  constructor(distances: number = MAX_HINT_DISTANCES) {
    this.remaining = distances;
  }

  /** True once the budget is spent. */
  get exhausted(): boolean {
    return this.remaining <= 0;
  }

  /** Takes one distance from the budget; false when none is left. */
  spend(): boolean {
    if (this.remaining <= 0) return false;
    this.remaining--;
    return true;
  }
}

/**
 * The known name closest to `name`, when it is close enough to be a likely typo: at most
 * max(2, ⌊length / 3⌋) edits, case ignored. Cheap whatever the input: no hint for names longer
 * than {@link MAX_HINT_NAME_LENGTH}, candidates whose length differs by more than the allowed
 * edits are skipped without computing a distance, distances are banded, and each one computed is
 * taken from `budget` (none left: no hint).
 * @example suggestName('dibao.standrd.rural', ['dibao.standard.rural']) // 'dibao.standard.rural'
 */
export function suggestName(
  name: string,
  known: Iterable<string>,
  budget: HintBudget = new HintBudget(),
): string | undefined {
  if (name.length > MAX_HINT_NAME_LENGTH || budget.exhausted) return undefined;
  const target = name.toLowerCase();
  let best: string | undefined;
  let limit = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) > limit) continue;
    if (!budget.spend()) break;
    const d = boundedDistance(target, candidate.toLowerCase(), limit);
    if (d <= limit) {
      best = candidate;
      if (d === 0) break;
      limit = d - 1;
    }
  }
  return best;
}
