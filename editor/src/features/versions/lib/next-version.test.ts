import { describe, expect, it } from 'vitest';
import { nextVersionDefaults } from './next-version';

describe('nextVersionDefaults', () => {
  it('follows a year label with the next year from the next 1 January', () => {
    expect(nextVersionDefaults({ version: '2020', effectiveFrom: '2020-01-01' })).toEqual({
      version: '2021',
      effectiveFrom: '2021-01-01',
    });
    expect(nextVersionDefaults({ version: '2019', effectiveFrom: '2019-07-01' })).toEqual({
      version: '2020',
      effectiveFrom: '2020-01-01',
    });
  });

  it('leaves any other label for the official to write', () => {
    expect(nextVersionDefaults({ version: '2020-adjusted', effectiveFrom: '2020-07-01' }).version).toBe('');
  });
});
