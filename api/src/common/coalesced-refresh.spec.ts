import { coalescedRefresh } from './coalesced-refresh';

describe('coalescedRefresh', () => {
  it('never overlaps loads, and calls made during a load share one load after it', async () => {
    let active = 0;
    let overlapped = false;
    let loads = 0;
    const releases: (() => void)[] = [];
    const refresh = coalescedRefresh(async () => {
      active++;
      if (active > 1) overlapped = true;
      loads++;
      await new Promise<void>((resolve) => releases.push(resolve));
      active--;
    });
    const first = refresh();
    const second = refresh();
    const third = refresh();
    expect(second).toBe(third);
    releases.shift()?.();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
    await Promise.all([second, third]);
    expect(loads).toBe(2);
    expect(overlapped).toBe(false);
  });

  it('runs again after a failed load', async () => {
    let calls = 0;
    const refresh = coalescedRefresh(async () => {
      calls++;
      if (calls === 1) throw new Error('database down');
    });
    await expect(refresh()).rejects.toThrow('database down');
    await expect(refresh()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
