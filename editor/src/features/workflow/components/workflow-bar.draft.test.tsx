import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderScreen } from '@/test/render';
import { useDraftStore } from '@/stores/draft-store';
import type { RulesetVersion } from '@engine/schema/ruleset.schema';
import { CONTENT_PATH, KEY, VERSION, header, resetDrafts, sampleDocument, summary } from '../test/fixtures';
import { WorkflowBar } from './workflow-bar';

const RURAL = '/parameters/0/values/0/value';
const setRural = (value: string) => act(() => useDraftStore.getState().setValue(KEY, VERSION, RURAL, value));

function serve(extra: Parameters<typeof fakeApi>[0] = {}, content = sampleDocument(), etag = '"h1"') {
  const fetch = vi.fn(
    fakeApi({
      [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [summary()] }),
      [`GET ${CONTENT_PATH}`]: () => ({ body: content, headers: { ETag: etag } }),
      ...extra,
    }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const opened = () => screen.findByText('没有未保存的修改');

describe('WorkflowBar on a draft', () => {
  beforeEach(resetDrafts);
  afterEach(() => vi.unstubAllGlobals());

  it('counts unsaved figures and saves them with If-Match', async () => {
    const puts: { body: unknown; ifMatch?: string }[] = [];
    serve({
      [`PUT ${CONTENT_PATH}`]: (body, init) => {
        puts.push({ body, ifMatch: header(init, 'If-Match') });
        return { body: { contentHash: 'h2' }, headers: { ETag: '"h2"' } };
      },
    });
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await opened();
    setRural('450.00');
    expect(await screen.findByText('1 处未保存的修改')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    expect(await screen.findByText('已保存')).toBeInTheDocument();
    expect(puts).toHaveLength(1);
    expect(puts[0]?.ifMatch).toBe('"h1"');
    expect((puts[0]?.body as RulesetVersion).parameters[0]?.values[0]?.value).toBe('450.00');
    expect(await screen.findByText('没有未保存的修改')).toBeInTheDocument();
  });

  it('discards local edits after confirmation', async () => {
    serve();
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await opened();
    setRural('999.00');
    await userEvent.click(await screen.findByRole('button', { name: '放弃本地修改' }));
    await userEvent.click(await screen.findByRole('button', { name: '放弃修改' }));
    await opened();
    const draft = useDraftStore.getState().drafts[`${KEY}@${VERSION}`];
    expect(draft?.working.parameters[0]?.values[0]?.value).toBe('420.00');
  });

  it('on 412 lists each conflicting figure in words and saves the chosen values', async () => {
    let serverContent = sampleDocument();
    let etag = '"h1"';
    const puts: { body: RulesetVersion; ifMatch?: string }[] = [];
    const fetch = vi.fn(
      fakeApi({
        [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [summary()] }),
        [`GET ${CONTENT_PATH}`]: () => ({ body: serverContent, headers: { ETag: etag } }),
        [`PUT ${CONTENT_PATH}`]: (body, init) => {
          if (header(init, 'If-Match') !== etag)
            return { status: 412, body: { title: 'Precondition Failed', status: 412 } };
          puts.push({ body: body as RulesetVersion, ifMatch: header(init, 'If-Match') });
          return { body: { contentHash: 'h3' }, headers: { ETag: '"h3"' } };
        },
      }),
    );
    vi.stubGlobal('fetch', fetch);
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await opened();
    setRural('450.00');
    // Another official saves 430.00 for the same figure meanwhile.
    serverContent = sampleDocument('430.00');
    etag = '"h2"';
    await userEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    const dialog = await screen.findByRole('dialog', { name: '其他人已保存了这份草稿' });
    expect(within(dialog).getByText('农村低保标准 · 房县 · 数值')).toBeInTheDocument();
    expect(within(dialog).getByText('420.00 → 430.00')).toBeInTheDocument();
    expect(within(dialog).getByText('420.00 → 450.00')).toBeInTheDocument();
    const choice = within(dialog).getByRole('radiogroup', { name: /农村低保标准 · 房县 · 数值/ });
    expect(within(choice).getByRole('radio', { name: '保留我的修改' })).toBeChecked();
    await userEvent.click(within(dialog).getByRole('button', { name: '确认并保存' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.ifMatch).toBe('"h2"');
    expect(puts[0]?.body.parameters[0]?.values[0]?.value).toBe('450.00');
  });

  it('can take the other official’s value instead', async () => {
    let serverContent = sampleDocument();
    let etag = '"h1"';
    const puts: RulesetVersion[] = [];
    vi.stubGlobal(
      'fetch',
      fakeApi({
        [`GET /api/v1/rulesets/${KEY}/versions`]: () => ({ body: [summary()] }),
        [`GET ${CONTENT_PATH}`]: () => ({ body: serverContent, headers: { ETag: etag } }),
        [`PUT ${CONTENT_PATH}`]: (body, init) => {
          if (header(init, 'If-Match') !== etag) return { status: 412, body: { status: 412 } };
          puts.push(body as RulesetVersion);
          return { body: { contentHash: 'h3' } };
        },
      }),
    );
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await opened();
    // Two figures: one only mine (kept without asking), one both changed.
    act(() => {
      useDraftStore.getState().setValue(KEY, VERSION, RURAL, '450.00');
      useDraftStore.getState().setValue(KEY, VERSION, '/parameters/0/values/1/value', '510.00');
    });
    serverContent = sampleDocument('430.00');
    etag = '"h2"';
    await userEvent.click(screen.getByRole('button', { name: /^保\s*存$/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: '采用对方的修改' }));
    await userEvent.click(within(dialog).getByRole('button', { name: '确认并保存' }));
    await waitFor(() => expect(puts).toHaveLength(1));
    expect(puts[0]?.parameters[0]?.values[0]?.value).toBe('430.00');
    expect(puts[0]?.parameters[0]?.values[1]?.value).toBe('510.00');
  });

  it('opening a draft whose server content changed since the local edits shows the merge', async () => {
    const base = sampleDocument();
    useDraftStore.setState({
      drafts: {
        [`${KEY}@${VERSION}`]: {
          key: KEY,
          version: VERSION,
          base,
          etag: '"h1"',
          working: sampleDocument('450.00'),
          conflict: null,
          updatedAt: 1,
        },
      },
    });
    serve({}, sampleDocument('430.00'), '"h2"');
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    const dialog = await screen.findByRole('dialog', { name: '其他人已保存了这份草稿' });
    expect(within(dialog).getByText('农村低保标准 · 房县 · 数值')).toBeInTheDocument();
    // Closing it keeps the edits and leaves a way back.
    await userEvent.click(within(dialog).getByRole('button', { name: '稍后处理' }));
    await userEvent.click(await screen.findByRole('button', { name: '处理冲突' }));
    expect(await screen.findByRole('dialog', { name: '其他人已保存了这份草稿' })).toBeInTheDocument();
    expect(
      useDraftStore.getState().drafts[`${KEY}@${VERSION}`]?.working.parameters[0]?.values[0]?.value,
    ).toBe('450.00');
  });

  it('keeps unsaved edits across a reload and warns before leaving', async () => {
    serve();
    const first = await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await opened();
    setRural('455.00');
    await screen.findByText('1 处未保存的修改');
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
    first.unmount();
    // A reload: the store starts again from local storage.
    const stored = localStorage.getItem('rules-editor.drafts') ?? '';
    expect(stored).toContain('455.00');
    useDraftStore.setState({ drafts: {} });
    localStorage.setItem('rules-editor.drafts', stored);
    await act(() => useDraftStore.persist.rehydrate());
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    expect(await screen.findByText('1 处未保存的修改')).toBeInTheDocument();
    expect(
      useDraftStore.getState().drafts[`${KEY}@${VERSION}`]?.working.parameters[0]?.values[0]?.value,
    ).toBe('455.00');
  });

  it('does not warn before leaving without unsaved edits', async () => {
    serve();
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />);
    await opened();
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(false);
  });

  it('labels every action in English too', async () => {
    serve();
    await renderScreen(<WorkflowBar rulesetKey={KEY} version={VERSION} />, { language: 'en' });
    expect(await screen.findByText('No unsaved changes')).toBeInTheDocument();
    for (const name of ['Save', 'Discard local changes', 'Validate', 'Submit for review'])
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
  });
});
