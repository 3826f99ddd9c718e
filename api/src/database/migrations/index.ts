import { InitialSchema1764374400000 } from './1764374400000-initial-schema';
import { GuardTruncate1764460800000 } from './1764460800000-guard-truncate';
import { OnePublishedPerDate1764720000000 } from './1764720000000-one-published-per-date';
import { RevocableAccess1764806400000 } from './1764806400000-revocable-access';
import { RoundingAndTotals1764892800000 } from './1764892800000-rounding-and-totals';

/** Every migration, oldest first (imported, not globbed, so tsx, Jest and dist all find them). */
export const MIGRATIONS = [
  InitialSchema1764374400000,
  GuardTruncate1764460800000,
  OnePublishedPerDate1764720000000,
  RevocableAccess1764806400000,
  RoundingAndTotals1764892800000,
];
