import { describe, expect, it } from 'vitest';
import { chinaTime } from './time';

describe('chinaTime', () => {
  it('writes an instant in China time, whatever the browser’s zone', () => {
    expect(chinaTime('2026-12-01T01:31:00.000Z')).toBe('2026-12-01 09:31');
    expect(chinaTime('2026-12-31T16:05:00Z')).toBe('2027-01-01 00:05');
    expect(chinaTime(null)).toBe('');
    expect(chinaTime('not a date')).toBe('not a date');
  });
});
