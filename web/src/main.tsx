/** Entry point of the app's code: mounts the app once the boot script (boot.ts) has the opening page ready. */
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { App } from './App.tsx';
import { openingPage } from './boot.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
void openingPage.then((opening) => {
  performance.mark('jixiao:app-code');
  createRoot(root).render(
    <StrictMode>
      <App opening={opening} />
    </StrictMode>,
  );
});
