import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { valueAt } from '@/lib/json-merge';
import { useDraftStore } from '@/stores/draft-store';
import { renderScreen } from '@/test/render';
import { documentText } from '../lib/json-text';
import { versionApi } from '../test/api';
import { fixtureDocument } from '../test/fixture';
import { JsonTab } from './json-tab';
import type { MonacoJsonEditorProps } from './monaco-json-editor';

// Monaco cannot run in jsdom: a text area stands in, showing what the tab hands to the editor.
vi.mock('./monaco-json-editor', () => ({
  MonacoJsonEditor: (props: MonacoJsonEditorProps) => (
    <div>
      <textarea
        aria-label={props.ariaLabel}
        value={props.value}
        readOnly={props.readOnly}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <output data-testid="markers">{JSON.stringify(props.markers)}</output>
      <output data-testid="reveal">{props.reveal ? props.reveal.lineNumber : ''}</output>
    </div>
  ),
}));

const doc = fixtureDocument();
const KEY = doc.metadata.key;
const VERSION = doc.metadata.version;
const CHECK = `POST /api/v1/rulesets/${KEY}/versions/${VERSION}/check`;
const working = () => useDraftStore.getState().drafts[`${KEY}@${VERSION}`]?.working;
const clean = { valid: true, errors: [], warnings: [], parameters: null };

beforeEach(() => useDraftStore.setState({ drafts: {} }));
afterEach(() => vi.unstubAllGlobals());

describe('JsonTab', () => {
  it('shows a published version read-only', async () => {
    vi.stubGlobal('fetch', versionApi(doc, 'published', { [CHECK]: () => ({ body: clean }) }));
    await renderScreen(<JsonTab rulesetKey={KEY} version={VERSION} />);
    const editor = await screen.findByRole('textbox', { name: /版本文件\(JSON\) 只读/ });
    expect(editor).toHaveValue(documentText(doc));
    expect(editor).toHaveAttribute('readonly');
    expect(await screen.findByText('检查通过,没有问题')).toBeInTheDocument();
  });

  it('keeps text that does not parse, says where it breaks, and writes the draft once it parses', async () => {
    const check = vi.fn(() => ({ body: clean }));
    vi.stubGlobal('fetch', versionApi(doc, 'draft', { [CHECK]: check }));
    await renderScreen(<JsonTab rulesetKey={KEY} version={VERSION} />);
    const editor = await screen.findByRole('textbox', { name: '版本文件(JSON)' });
    await waitFor(() => expect(working()).toBeDefined());
    const broken = documentText(doc).replace('"annualNetIncome",', '"annualNetIncome"');
    fireEvent.change(editor, { target: { value: broken } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /JSON 格式错误\(第 \d+ 行第 \d+ 列\):缺少逗号/,
    );
    expect(sessionStorage.getItem(`rules-editor.json-text:${KEY}@${VERSION}`)).toBe(broken);
    expect(editor).toHaveValue(broken);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(valueAt(working(), '/facts/household/0/name')).toBe('annualNetIncome');

    const fixed = documentText(doc).replace('"annualNetIncome",', '"netIncome",');
    fireEvent.change(editor, { target: { value: fixed } });
    await waitFor(() => expect(valueAt(working(), '/facts/household/0/name')).toBe('netIncome'), {
      timeout: 3000,
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(sessionStorage.getItem(`rules-editor.json-text:${KEY}@${VERSION}`)).toBeNull();
    // Each check is sent the text that parsed, once typing has paused.
    await waitFor(
      () => {
        const sent = check.mock.calls.at(-1) as unknown as [unknown] | undefined;
        expect(valueAt(sent?.[0], '/facts/household/0/name')).toBe('netIncome');
      },
      { timeout: 3000 },
    );
  });

  it('follows a change made elsewhere unless typed text is waiting', async () => {
    vi.stubGlobal('fetch', versionApi(doc, 'draft', { [CHECK]: () => ({ body: clean }) }));
    await renderScreen(<JsonTab rulesetKey={KEY} version={VERSION} />);
    const editor = await screen.findByRole('textbox', { name: '版本文件(JSON)' });
    await waitFor(() => expect(working()).toBeDefined());
    act(() => useDraftStore.getState().setValue(KEY, VERSION, '/metadata/title/zh', '新标题'));
    expect(editor).toHaveValue(
      documentText({
        ...doc,
        metadata: { ...doc.metadata, title: { zh: '新标题', en: doc.metadata.title.en } },
      }),
    );
    fireEvent.change(editor, { target: { value: '{ "broken": ' } });
    act(() => useDraftStore.getState().discard(KEY, VERSION));
    expect(editor).toHaveValue('{ "broken": ');
  });

  it('restores unparsed text after a reload', async () => {
    sessionStorage.setItem(`rules-editor.json-text:${KEY}@${VERSION}`, '{ "formatVersion": ');
    vi.stubGlobal('fetch', versionApi(doc, 'draft', { [CHECK]: () => ({ body: clean }) }));
    await renderScreen(<JsonTab rulesetKey={KEY} version={VERSION} />, { language: 'en' });
    const editor = await screen.findByRole('textbox', { name: 'Version document (JSON)' });
    expect(editor).toHaveValue('{ "formatVersion": ');
    expect(screen.getByRole('alert')).toHaveTextContent('The JSON is not well formed (line 1, column 20)');
  });

  it('marks the problems of the check at their lines and moves there when one is chosen', async () => {
    const path = '/rules/household/0/conditions/all/0/value';
    const line =
      documentText(doc)
        .split('\n')
        .findIndex((l) => l.includes('"value": "1"')) + 1;
    vi.stubGlobal(
      'fetch',
      versionApi(doc, 'draft', {
        [CHECK]: () => ({
          body: {
            valid: false,
            errors: [{ path, message: '值必须大于 0', code: 'x' }],
            warnings: [{ path: '/rules/household/9', message: '规则缺失' }],
            parameters: null,
          },
        }),
      }),
    );
    const user = userEvent.setup();
    await renderScreen(<JsonTab rulesetKey={KEY} version={VERSION} />);
    expect(await screen.findByText('1 个错误,1 个警告')).toBeInTheDocument();
    const markers = JSON.parse(screen.getByTestId('markers').textContent ?? '[]') as {
      severity: string;
      startLineNumber: number;
      message: string;
    }[];
    expect(markers[0]).toMatchObject({ severity: 'error', startLineNumber: line, message: '值必须大于 0' });
    expect(markers[1]).toMatchObject({ severity: 'warning' });
    await user.click(screen.getByRole('button', { name: `跳到第 ${line} 行:值必须大于 0` }));
    expect(screen.getByTestId('reveal')).toHaveTextContent(String(line));
    expect(screen.getByText(path)).toBeInTheDocument();
  });

  it('shows a failed check as a problem', async () => {
    vi.stubGlobal(
      'fetch',
      versionApi(doc, 'draft', {
        [CHECK]: () => ({ status: 422, body: { title: '内容不属于此规则集', status: 422 } }),
      }),
    );
    await renderScreen(<JsonTab rulesetKey={KEY} version={VERSION} />);
    expect(await screen.findByText('内容不属于此规则集')).toBeInTheDocument();
  });
});
