import { addDays, chinaToday, Clock } from './clock';

describe('chinaToday', () => {
  it('is the date in Shiyan (UTC+8): 16:30 UTC on 28 February is already 1 March there', () => {
    expect(chinaToday(new Date('2026-02-28T16:30:00Z'))).toBe('2026-03-01');
    expect(chinaToday(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02-28');
  });

  it('turns the year at 16:00 UTC on 31 December', () => {
    expect(chinaToday(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
});

describe('addDays', () => {
  it('crosses months, leap days and years', () => {
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(addDays('2019-03-01', -1)).toBe('2019-02-28');
    expect(addDays('2017-10-01', -1)).toBe('2017-09-30');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
  });
});

describe('Clock', () => {
  it("gives today's China date from its now(), which tests may fix", () => {
    const clock = new Clock();
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2021-06-30T20:00:00Z'));
    expect(clock.today()).toBe('2021-07-01');
  });
});
