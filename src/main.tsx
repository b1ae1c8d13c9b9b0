import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startPlaybackLoop } from './state/playback';
import { startSimulation } from './state/simClient';
import { appStore, pushNotice } from './state/store';
import { readUrlState } from './state/urlState';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import './ui/styles.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
const urlState = readUrlState(window.location.search);
for (const error of urlState.errors) pushNotice('warning', `Link: ${error}; using the default instead.`);
appStore.setState((state) => ({
  playback: { playing: !urlState.paused, speed: urlState.speed ?? state.playback.speed },
}));
startSimulation(urlState.params, urlState.seed, urlState.startTimeS);
startPlaybackLoop();
