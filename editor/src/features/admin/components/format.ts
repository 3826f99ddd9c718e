import { chinaTime } from '@/lib/time';

/** An ISO 8601 instant in China time (2026-11-28 17:30); empty for null. */
export const dateTime = chinaTime;
