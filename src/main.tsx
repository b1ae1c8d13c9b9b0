import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startPlaybackLoop } from './state/playback';
import { mapHandle } from './map/mapHandle';
import { getEditChangeHours } from './sim/networkEdits';
import { channelA, onNetwork, simView, startSimulation } from './state/simClient';
import { appStore, pushNotice, select } from './state/store';
import { placeOrderNow } from './state/orders';
import { readUrlState } from './state/urlState';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { startLinkCompareWhenReady } from './ui/networkEditActions';
import { rememberRunStart } from './ui/PresetPicker';
import { startOrderTracking } from './ui/order/orderTracking';
import { noticeLargeScale } from './ui/paramChanges';
// maplibre's styles come before the page's, which override some of them (the map container's
// position): the map's code loads later, in its own chunk, but its styles may not.
import 'maplibre-gl/dist/maplibre-gl.css';
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
mapHandle.initialCamera = urlState.camera;
rememberRunStart(urlState.params, urlState.presetName);
// One notice for a link's bad values, however many: eleven toasts stacked over the whole map.
if (urlState.errors.length === 1)
  pushNotice('warning', `Link: ${urlState.errors[0]}; using the default instead.`);
else if (urlState.errors.length > 1)
  pushNotice(
    'warning',
    `The link has ${urlState.errors.length} values the page cannot use; each uses its default instead:`,
    [...new Set(urlState.errors)],
  );
noticeLargeScale(urlState.params.scale);
if (!new URLSearchParams(window.location.search).has('t')) {
  // A link without a time opens warm: the address bar says at which time, so a reload or a
  // bookmark opens the same moment.
  const url = new URL(window.location.href);
  url.searchParams.set('t', String(urlState.startTimeS));
  window.history.replaceState(null, '', url);
}
appStore.setState((state) => ({
  presetName: urlState.presetName,
  playback: { playing: !urlState.paused, speed: urlState.speed ?? state.playback.speed },
}));
// A's figures are compared from B's edits on: its worker keeps them exact there from the start
// (the warm start's replay folds the older days before B runs).
if (urlState.networkEditsB !== null) channelA.keepWindowsAt(getEditChangeHours(urlState.networkEditsB));
startSimulation(urlState.params, urlState.seed, urlState.startTimeS, () => {
  // A link's order goes in before the move to the link's time, so the seek replays it.
  const order = urlState.order;
  if (order)
    void placeOrderNow(order.spec, order.atS).then((orderKey) => {
      // The order card, closed, would keep the reason to itself.
      if (orderKey === null)
        pushNotice('warning', `Link: its order was not placed: ${appStore.getState().order.message}`);
    });
});
if (urlState.networkEditsB !== null || urlState.compareB !== null)
  startLinkCompareWhenReady(urlState.params, urlState.networkEditsB, urlState.compareB);
if (urlState.selectedFacility !== null) {
  const wanted = urlState.selectedFacility;
  const stop = onNetwork(() => {
    stop();
    if (wanted < (simView.network?.facilities.length ?? 0)) select({ kind: 'facility', id: wanted });
    else
      pushNotice(
        'warning',
        `Link: sel: facility ${wanted} does not exist in this network; nothing selected.`,
      );
  });
}
startPlaybackLoop();
startOrderTracking();
