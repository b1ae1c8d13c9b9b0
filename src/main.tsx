import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultParams } from './sim/params';
import { startPlaybackLoop } from './state/playback';
import { startSimulation } from './state/simClient';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './ui/styles.css';

const DEFAULT_SEED = 1;

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
startSimulation(defaultParams(), DEFAULT_SEED);
startPlaybackLoop();
