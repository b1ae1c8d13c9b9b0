/**
 * "Copy link": the URL that reproduces this run (parameters, seed, sim time, speed and whether
 * it is paused, camera, selection and the followed order). It is also written to the address bar, so a bookmark or reload keeps the run.
 */
import { useState } from 'react';
import { mapHandle } from '../map/mapHandle';
import { simView } from '../state/simClient';
import { appStore, displayClock } from '../state/store';
import { getFollowedOrderSpec } from '../state/orders';
import { buildShareUrl, formatCompareB, formatOrderLink } from '../state/urlState';
import { HeaderButton } from './HeaderButton';
import { HeaderMessage } from './Notices';

export function currentShareUrl(): string | null {
  const { params, playback, selection, presetName, compare } = appStore.getState();
  if (!params) return null;
  const extra: Record<string, string> = {};
  const map = mapHandle.map;
  if (map) {
    const center = map.getCenter();
    extra.cam = `${center.lng.toFixed(4)},${center.lat.toFixed(4)},${map.getZoom().toFixed(2)}`;
  }
  if (selection?.kind === 'facility') extra.sel = `f${selection.id}`;
  // Paused when copied, paused when opened: the link shows the same moment, not one after it.
  if (!playback.playing) extra.paused = '1';
  const order = getFollowedOrderSpec();
  if (order) extra.order = formatOrderLink(order.spec, order.atS);
  if (compare.active && compare.params)
    Object.assign(
      extra,
      formatCompareB(params, compare.params, compare.mode === 'fork' ? compare.forkTimeS : null),
    );
  const style = new URLSearchParams(window.location.search).get('style');
  if (style) extra.style = style;
  return buildShareUrl(
    window.location.href,
    params,
    simView.seed,
    displayClock.timeS,
    playback.speed,
    extra,
    presetName,
  );
}

export function ShareButton() {
  const [status, setStatus] = useState('');

  async function share() {
    const url = currentShareUrl();
    if (!url) return;
    window.history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied');
    } catch {
      // Clipboard access needs permission; the address bar already holds the link.
      setStatus('Link is in the address bar');
    }
    setTimeout(() => setStatus(''), 2500);
  }

  return (
    <span className="share">
      <HeaderButton onClick={share} testId="share-link" title="Copy a link to this exact run">
        Copy link
      </HeaderButton>
      {status && (
        <HeaderMessage>
          <span className="share-status" role="status">
            {status}
          </span>
        </HeaderMessage>
      )}
    </span>
  );
}
