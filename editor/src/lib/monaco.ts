/**
 * Monaco, set up once for the whole editor: bundled from the `monaco-editor` package with its web
 * workers (built by Vite into /assets), and handed to `@monaco-editor/react`, whose default would
 * load Monaco from a public CDN that a government intranet cannot reach.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

loader.config({ monaco });

export { monaco };
