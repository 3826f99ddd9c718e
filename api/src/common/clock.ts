import { Global, Injectable, Module } from '@nestjs/common';

/** China Standard Time (Asia/Shanghai) is UTC+8 all year: China has kept no daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar date in China (Asia/Shanghai) at `now`, written `YYYY-MM-DD`: the service's "today",
 * whatever the time zone of the machine it runs on.
 * @example chinaToday(new Date('2026-02-28T16:30:00Z')) // '2026-03-01' (00:30 in Shiyan)
 */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date `days` calendar days after `date` (both `YYYY-MM-DD`; `days` may be negative). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The one clock of the service. Code that needs "today" injects it instead of reading the system
 * time, so that tests can fix the date (`jest.spyOn(app.get(Clock), 'now')`).
 */
@Injectable()
export class Clock {
  /** The current instant. */
  now(): Date {
    return new Date();
  }

  /** Today's calendar date in China (Asia/Shanghai), `YYYY-MM-DD`. */
  today(): string {
    return chinaToday(this.now());
  }
}

/** Provides the one {@link Clock} to every module (global). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
