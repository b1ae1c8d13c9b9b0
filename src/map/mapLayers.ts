/**
 * Builds the deck.gl layers from what the worker streamed and hands them to the overlay. Layer
 * data keeps a stable identity (rebuilt only when the network or a tick changes); the display
 * clock reaches the GPU through scalar props, so time passing regenerates no attribute.
 */
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { onNetwork, onTick, simView } from '../state/simClient';
import { FACILITY_COLORS } from '../ui/palette';

/** Facility marker radius in pixels by kind: FCs biggest, stations smallest. */
const FACILITY_RADIUS_PX = [7, 5, 3, 5];

export interface MapLayers {
  dispose(): void;
}

export function createMapLayers(overlay: MapboxOverlay): MapLayers {
  let facilitiesVersion = 0;

  function render(): void {
    const network = simView.network;
    if (!network) return;
    const facilities = network.facilities;
    const tick = simView.currentTick;
    overlay.setProps({
      layers: [
        new PathLayer({
          id: 'highways',
          data: {
            length: network.highwayPaths.length,
            startIndices: network.highwayPaths.startIndices,
            attributes: { getPath: { value: network.highwayPaths.positions, size: 2 } },
          },
          _pathType: 'open',
          getColor: [90, 110, 135, 110],
          getWidth: 1.5,
          widthUnits: 'pixels',
        }),
        new ScatterplotLayer({
          id: 'facilities',
          data: facilities,
          getPosition: (facility) => [facility.lon, facility.lat],
          getFillColor: (facility) =>
            [...FACILITY_COLORS[facility.kind], 230] as [number, number, number, number],
          getLineColor: [11, 22, 34, 255],
          getRadius: (facility) => {
            const base = FACILITY_RADIUS_PX[facility.kind] ?? 3;
            const backlog = tick?.facilities.backlogParcels[facility.id] ?? 0;
            return base + Math.min(6, Math.sqrt(backlog) / 20);
          },
          radiusUnits: 'pixels',
          stroked: true,
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          pickable: true,
          updateTriggers: { getRadius: facilitiesVersion },
        }),
      ],
    });
  }

  const stopNetwork = onNetwork(() => {
    facilitiesVersion++;
    render();
  });
  const stopTick = onTick(() => {
    facilitiesVersion++;
    render();
  });
  render();
  return {
    dispose() {
      stopNetwork();
      stopTick();
    },
  };
}
