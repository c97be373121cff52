// First: switch zod to jitless before the contract's schemas are built (see the module for why).
import './host/zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installWebAssistant } from './host/install-web-assistant';
import { AppFrame } from './shell/AppFrame';
import './styles/app.css';

// Before anything renders: provide window.assistant if no preload did (i.e. in a browser on the web host).
installWebAssistant();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppFrame />
  </StrictMode>,
);
