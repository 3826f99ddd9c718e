import { boundChanges, SUMMARY_LIMITS } from './version-changes';

const items = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('boundChanges', () => {
  it('keeps a small change set as it is', () => {
    const changes = {
      parameters: [
        {
          parameter: 'p',
          jurisdiction: null,
          old: '1.00',
          new: '2.00',
          change: '1.00',
          changePercent: '100.00',
        },
      ],
      rules: { added: ['r'], removed: [], changed: [] },
    };
    expect(boundChanges(changes as never)).toEqual(changes);
  });

  it('cuts long lists and says how many entries were left out', () => {
    const parameters = items(SUMMARY_LIMITS.parameters + 7, 'p').map((parameter) => ({ parameter }));
    const bounded = boundChanges({
      parameters,
      derived: { added: items(SUMMARY_LIMITS.items + 3, 'd'), removed: [], changed: ['x'] },
    } as never);
    expect((bounded['parameters'] as unknown[]).length).toBe(SUMMARY_LIMITS.parameters);
    expect((bounded['derived'] as { added: string[] }).added).toHaveLength(SUMMARY_LIMITS.items);
    expect((bounded['derived'] as { changed: string[] }).changed).toEqual(['x']);
    expect(bounded['omitted']).toEqual({ parameters: 7, 'derived.added': 3 });
  });
});
