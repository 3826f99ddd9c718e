import type DecimalJs from 'decimal.js';
import { Decimal } from '../decimal';
import type { RoundingModeT, RoundingT } from '../schema/ruleset.schema';

/** decimal.js's rounding constant for each rounding mode a ruleset may name. */
const MODES: Readonly<Record<RoundingModeT, DecimalJs.Rounding>> = {
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceil: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
  halfUp: Decimal.ROUND_HALF_UP,
  halfDown: Decimal.ROUND_HALF_DOWN,
  halfEven: Decimal.ROUND_HALF_EVEN,
};

/**
 * Rounds an exact amount (yuan) as a ruleset says: to `places` decimals (0 to 2) in `mode`.
 * @example roundAmount(new Decimal('606.665'), { places: 2, mode: 'halfEven' }).toFixed(2) // '606.66'
 */
export function roundAmount(value: Decimal, rounding: RoundingT): Decimal {
  return value.toDecimalPlaces(rounding.places, MODES[rounding.mode]);
}
