import './app/app.css';
// First: starts what the first screen needs downloading (see the file).
import './app/early-downloads.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/app.tsx';
import { startI18n } from './i18n/i18n.ts';
import { startOfflineSupport } from './offline/start-offline-support.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

startOfflineSupport();
void startI18n().then((i18n) =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  ),
);
