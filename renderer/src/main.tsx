// First: switch zod to jitless before the contract's schemas are built (see the module for why).
import '../../contract/zod-without-eval';
// Second: the shared stylesheet, so each page's stylesheet (imported by its components) comes after it and wins ties.
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installWebAssistant } from './host/install-web-assistant';
import { AppFrame } from './frame/AppFrame';

// Before anything renders: provide window.assistant if no preload did (i.e. in a browser on the web host).
installWebAssistant();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppFrame />
  </StrictMode>,
);
