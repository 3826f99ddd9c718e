import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { editorResources } from './app/i18n-resources';
import { initI18n } from './lib/i18n';
import './styles.css';

initI18n(editorResources());

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
