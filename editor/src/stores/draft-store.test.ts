import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { valueAt, withValueAt } from '@/lib/json-merge';
import { useSessionStore } from '@/lib/session';
import { fakeApi } from '@/test/render';
import { isDirty, useDraftStore } from './draft-store';

const KEY = 'sa';
const VERSION = '2031';
const PATH = `/api/v1/rulesets/${KEY}/versions/${VERSION}`;
const A = '/parameters/0/values/0/value';
const B = '/parameters/0/values/1/value';
const doc = (a = '420.00', b = '500.00') =>
  ({
    parameters: [
      {
        key: 'p',
        values: [
          { for: 'x', value: a },
          { for: 'y', value: b },
        ],
      },
    ],
  }) as unknown as RulesetVersion;
const draft = () => useDraftStore.getState().drafts[`${KEY}@${VERSION}`];
const store = () => useDraftStore.getState();

describe('draft store', () => {
  beforeEach(() => {
    useDraftStore.setState({ drafts: {} });
    localStorage.clear();
    useSessionStore
      .getState()
      .signIn({ token: 't', username: 'u', roles: ['editor'], expiresAt: Date.now() + 60_000 });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('keeps unsaved edits in local storage across a reload', async () => {
    store().open(KEY, VERSION, doc(), '"h1"');
    store().setValue(KEY, VERSION, A, '450.00');
    const saved = localStorage.getItem('rules-editor.drafts') ?? '';
    // A reload: memory is empty, local storage is what is left.
    useDraftStore.setState({ drafts: {} });
    localStorage.setItem('rules-editor.drafts', saved);
    await useDraftStore.persist.rehydrate();
    expect(valueAt(draft()?.working, A)).toBe('450.00');
    // Opening the same server content again keeps them.
    store().open(KEY, VERSION, doc(), '"h1"');
    expect(isDirty(draft())).toBe(true);
  });

  it('saves with If-Match and takes the new ETag', async () => {
    const ifMatch: (string | undefined)[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        [`PUT ${PATH}`]: (_body, init) => {
          ifMatch.push((init.headers as Record<string, string>)['If-Match']);
          return { body: { contentHash: 'h2' }, headers: { ETag: '"h2"' } };
        },
      }),
    );
    store().open(KEY, VERSION, doc(), '"h1"');
    store().setValue(KEY, VERSION, A, '450.00');
    expect(await store().save(KEY, VERSION)).toEqual({ kind: 'saved', etag: '"h2"' });
    expect(ifMatch).toEqual(['"h1"']);
    expect(isDirty(draft())).toBe(false);
  });

  it('notices another save before sending a stale one: no refused request, the other figures merged', async () => {
    const puts: (string | undefined)[] = [];
    const theirs = withValueAt(doc(), B, '999.00');
    vi.stubGlobal(
      'fetch',
      fakeApi({
        [`GET ${PATH}`]: () => ({ body: theirs, headers: { ETag: '"h2"' } }),
        [`PUT ${PATH}`]: (_body, init) => {
          puts.push((init.headers as Record<string, string>)['If-Match']);
          return { body: { contentHash: 'h3' }, headers: { ETag: '"h3"' } };
        },
      }),
    );
    store().open(KEY, VERSION, doc(), '"h1"');
    store().setValue(KEY, VERSION, A, '450.00');
    const outcome = await store().save(KEY, VERSION);
    expect(outcome).toEqual({
      kind: 'merged',
      etag: '"h3"',
      theirsOnly: [{ path: B, base: valueAt(doc(), B), value: '999.00' }],
    });
    expect(puts).toEqual(['"h2"']);
    expect(valueAt(draft()?.working, A)).toBe('450.00');
    expect(valueAt(draft()?.working, B)).toBe('999.00');
  });

  it('on 412 merges figures only one side changed, and saves again', async () => {
    const sent: RulesetVersion[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        [`PUT ${PATH}`]: (body, init) => {
          if ((init.headers as Record<string, string>)['If-Match'] !== '"h2"')
            return { status: 412, body: {} };
          sent.push(body as RulesetVersion);
          return { body: { contentHash: 'h3' } };
        },
        [`GET ${PATH}`]: () => ({ body: doc('420.00', '510.00'), headers: { ETag: '"h2"' } }),
      }),
    );
    store().open(KEY, VERSION, doc(), '"h1"');
    store().setValue(KEY, VERSION, A, '450.00');
    expect((await store().save(KEY, VERSION)).kind).toBe('merged');
    expect(valueAt(sent[0], A)).toBe('450.00');
    expect(valueAt(sent[0], B)).toBe('510.00');
  });

  it('on 412 with a figure both changed waits for a choice, then keeps it', async () => {
    vi.stubGlobal(
      'fetch',
      fakeApi({
        [`PUT ${PATH}`]: () => ({ status: 412, body: {} }),
        [`GET ${PATH}`]: () => ({ body: doc('430.00'), headers: { ETag: '"h2"' } }),
      }),
    );
    store().open(KEY, VERSION, doc(), '"h1"');
    store().edit(KEY, VERSION, (d) => withValueAt(withValueAt(d, A, '450.00'), B, '520.00'));
    const outcome = await store().save(KEY, VERSION);
    expect(outcome).toEqual({
      kind: 'conflict',
      conflicts: [{ path: A, base: '420.00', mine: '450.00', theirs: '430.00' }],
    });
    // Nothing typed is lost while the choice is pending.
    expect(valueAt(draft()?.working, A)).toBe('450.00');
    store().resolve(KEY, VERSION, { [A]: 'theirs' });
    expect(valueAt(draft()?.working, A)).toBe('430.00');
    expect(valueAt(draft()?.working, B)).toBe('520.00');
    expect(draft()?.etag).toBe('"h2"');
    expect(draft()?.conflict).toBeNull();
  });
});
