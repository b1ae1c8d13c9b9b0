/**
 * The main view: maplibre-gl basemap (offline style unless `?style=` says otherwise) with deck.gl
 * layers drawn over it by MapboxOverlay. The map object lives in a ref, not React state, and the
 * layers are pushed by `createMapLayers` outside React's render.
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import * as maplibregl from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { debugHandle } from '../state/debugHandle';
import { appStore, pushNotice } from '../state/store';
import { createDeckDevice, destroyDeckDevice } from './deckDevice';
import { DrawingIndicator } from './DrawingIndicator';
import { mapHandle } from './mapHandle';
import { LEGEND_FOLDED_CLASS, MapLegend, NARROW_MAP_PX } from './MapLegend';
import { createMapLayers } from './mapLayers';
import { getWebglDrawing, readWebglRenderer } from './softwareWebgl';
import { CONTIGUOUS_US_BOUNDS, createOfflineStyle, parseStyleParam } from './offlineStyle';

maplibregl.setWorkerUrl(maplibreWorkerUrl);

/** Margin round the country in the opening view, px. */
const OPENING_MARGIN_PX = 20;

/**
 * The opening view fits the contiguous US beside the legend, not under it: the legend docks on
 * the right, so the right padding is its width; folded, it is a title bar in the top right
 * corner, and the top padding is its height.
 */
function getOpeningPadding(legend: HTMLElement | null): Required<maplibregl.PaddingOptions> {
  const padding = {
    top: OPENING_MARGIN_PX,
    bottom: OPENING_MARGIN_PX,
    left: OPENING_MARGIN_PX,
    right: OPENING_MARGIN_PX,
  };
  if (!legend) return padding;
  const box = legend.getBoundingClientRect();
  if (legend.classList.contains(LEGEND_FOLDED_CLASS)) padding.top += box.height;
  else padding.right += box.width + OPENING_MARGIN_PX;
  return padding;
}

/**
 * While the camera still shows the opening view, a change of the map's size (the parameter drawer
 * opened or closed, the 3D pane resized, the window) fits the country into the new size again:
 * maplibre keeps the centre and zoom, so opening the drawer cut the West Coast off on the left
 * with the East Coast under the legend. Once anything moves the camera (a drag, a zoom, a fly to
 * a facility, the tour) the view is that person's and stays as it is.
 */
function keepFittingCountryWhileUntouched(
  map: maplibregl.Map,
  getLegend: () => HTMLElement | null,
): () => void {
  let fitted = { lng: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() };
  const refit = () => {
    const center = map.getCenter();
    const untouched = center.lng === fitted.lng && center.lat === fitted.lat && map.getZoom() === fitted.zoom;
    if (!untouched) return;
    const padding = getOpeningPadding(getLegend());
    const canvas = map.getCanvas();
    // A map squeezed smaller than its margins (the 3D view full screen) keeps its view for later.
    if (
      canvas.clientWidth <= padding.left + padding.right + 100 ||
      canvas.clientHeight <= padding.top + padding.bottom + 100
    )
      return;
    map.fitBounds(CONTIGUOUS_US_BOUNDS, { padding, animate: false });
    fitted = { lng: map.getCenter().lng, lat: map.getCenter().lat, zoom: map.getZoom() };
  };
  map.on('resize', refit);
  // The legend folding or opening (by itself on a narrow map, or by a click) moves the room left.
  const legend = getLegend();
  const legendSize = new ResizeObserver(refit);
  if (legend) legendSize.observe(legend);
  return () => legendSize.disconnect();
}

export function MapView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [narrow, setNarrow] = useState(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const observer = new ResizeObserver(() => setNarrow(container.clientWidth < NARROW_MAP_PX));
    observer.observe(container);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const styleParam = parseStyleParam(window.location.search);
    if (styleParam.error) pushNotice('warning', `${styleParam.error} Using the offline basemap.`);

    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container,
        style: styleParam.url ?? createOfflineStyle(import.meta.env.BASE_URL),
        ...(mapHandle.initialCamera
          ? {
              center: [mapHandle.initialCamera.lon, mapHandle.initialCamera.lat],
              zoom: mapHandle.initialCamera.zoom,
            }
          : {
              bounds: CONTIGUOUS_US_BOUNDS,
              fitBoundsOptions: { padding: getOpeningPadding(legendRef.current) },
            }),
        attributionControl: false,
        // Keeps the canvas readable for PNG export and screenshot checks.
        canvasContextAttributes: { preserveDrawingBuffer: true },
      });
    } catch (error) {
      setFailure(
        `The map needs WebGL, which this browser could not start (${(error as Error).message}). ` +
          'Try another browser or enable hardware acceleration; the model and the charts still run.',
      );
      return;
    }
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
    map.addControl(new maplibregl.ScaleControl({ unit: 'imperial' }), 'bottom-left');
    // A listener here replaces maplibre's default console.error, so a broken online style becomes
    // a notice in the page rather than a console error.
    map.on('error', (event) => {
      pushNotice('warning', `Map: ${event.error?.message ?? 'unknown error'}`);
    });

    // Software WebGL (no GPU) draws every pixel on the CPU the model needs: no multisampling
    // there, and the moving vehicles redrawn less often (softwareWebgl.ts).
    const webgl = getWebglDrawing(readWebglRenderer(map.getCanvas()));
    if (webgl.software) appStore.setState((state) => ({ drawing: { ...state.drawing, software: true } }));
    // deck.gl draws on a device the map makes at once, on a canvas born at the map's size
    // (deckDevice.ts): one deck.gl makes itself came 0.1-2.8 s later at the opening.
    let deckDevice = createDeckDevice(container, webgl.antialias);
    const overlay = new MapboxOverlay({ interleaved: false, layers: [], device: deckDevice });
    map.addControl(overlay);
    mapHandle.map = map;
    const layers = createMapLayers(overlay);
    debugHandle.map = map;

    map.once('idle', () => {
      container.dataset.mapReady = 'true';
    });
    const stopFitting = mapHandle.initialCamera
      ? () => {}
      : keepFittingCountryWhileUntouched(map, () => legendRef.current);
    // A lost WebGL context (GPU reset, out of memory) on the basemap's canvas or deck.gl's: both
    // come back when the browser restores the context, without a reload. maplibre rebuilds its
    // painter and its style (it drops the style while the context is lost); deck.gl does not,
    // and its overlay reads the basemap's style. So the overlay leaves the map while either is
    // lost (it keeps its props; layer updates only store them) and is added again once both are
    // back: a new Deck, device and canvas (the old canvas leaves the page with the overlay), no
    // layers drawn on the lost context, the layers drawn afresh.
    // The basemap's loss and restore are maplibre's own events, fired once it has handled them
    // (a restore heard on the canvas comes before maplibre has its style back). deck.gl's loss is
    // heard on the container in the capture phase (the event does not bubble), and its restore
    // on its own canvas, which has left the page by then.
    const basemapCanvas = map.getCanvas();
    let basemapLost = false;
    let deckLost = false;
    let overlayOnMap = true;
    const addOverlayWhenBack = () => {
      if (basemapLost || deckLost || overlayOnMap) return;
      deckDevice = createDeckDevice(container, webgl.antialias);
      overlay.setProps({ layers: [], device: deckDevice });
      map.addControl(overlay);
      overlayOnMap = true;
      // The layer module redraws on a change of the layer toggles: the same toggles, anew.
      appStore.setState((state) => ({ layers: { ...state.layers } }));
      setFailure(null);
    };
    const removeOverlayWhileLost = () => {
      if (overlayOnMap) {
        map.removeControl(overlay);
        destroyDeckDevice(deckDevice);
        overlayOnMap = false;
      }
      setFailure(
        'The map lost its WebGL context (the GPU was reset or ran out of memory); it comes back when the browser restores it. The run goes on.',
      );
    };
    const handleDeckRestored = () => {
      deckLost = false;
      addOverlayWhenBack();
    };
    const handleDeckContextLost = (event: Event) => {
      if (event.target === basemapCanvas) return;
      // Cancelled, or the browser would not give the context back.
      event.preventDefault();
      deckLost = true;
      event.target?.addEventListener('webglcontextrestored', handleDeckRestored, { once: true });
      removeOverlayWhileLost();
    };
    map.on('webglcontextlost', () => {
      basemapLost = true;
      removeOverlayWhileLost();
    });
    map.on('webglcontextrestored', () => {
      basemapLost = false;
      addOverlayWhenBack();
    });
    container.addEventListener('webglcontextlost', handleDeckContextLost, true);

    return () => {
      container.removeEventListener('webglcontextlost', handleDeckContextLost, true);
      stopFitting();
      layers.dispose();
      debugHandle.map = null;
      mapHandle.map = null;
      map.remove();
      if (overlayOnMap) destroyDeckDevice(deckDevice);
    };
  }, []);

  return (
    <div className="map-pane">
      <div ref={containerRef} className="map-container" data-testid="map" />
      <MapLegend ref={legendRef} narrow={narrow} />
      <DrawingIndicator />
      {failure && (
        <div className="pane-message pane-message--error" role="alert" data-testid="map-message">
          {failure}
        </div>
      )}
    </div>
  );
}
