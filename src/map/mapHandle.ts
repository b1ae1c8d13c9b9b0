/**
 * The live map objects other parts of the page act on (fly to a facility, follow a vehicle),
 * set by MapView while it is mounted. Not React state: nothing re-renders when they change.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { TripStore } from './tripStore';

export const mapHandle = {
  map: null as MapLibreMap | null,
  /** Where the map opens (from a shared link); null opens on the contiguous US. */
  initialCamera: null as { lon: number; lat: number; zoom: number } | null,
  tripStore: null as TripStore | null,
  /**
   * Draws the deck.gl layers now (set by the map layers while mounted). Exports call it right
   * before reading the deck canvas, whose drawing buffer is not preserved between frames.
   */
  redrawOverlay: null as null | (() => void),
};

/** Counts of what the map's summing layers draw. */
export interface MapLayerStats {
  /** Line-haul lanes with trucks in the last sim hour. */
  flowLanes: number;
  /** Stations whose service area has doors in the window. */
  areasWithDoors: number;
  /** Hexagons with late deliveries in the window. */
  lateHexagons: number;
  /** Stations whose street grid is drawn. */
  streetStations: number;
  storms: number;
  /** Whether the street grid is drawn (switched on, at street zoom). */
  streetsDrawn: boolean;
  /** Whether the highway links and the lane arcs are drawn (they step aside at street zoom). */
  highwaysDrawn: boolean;
  flowsDrawn: boolean;
  /** Layers (sublayers included) the overlay's deck.gl holds now: 0 while its context is lost. */
  deckLayers: number;
}

/** Where a trip is at `timeS`: interpolates its path; false when it is not on the road then. */
export function writeTripPosition(
  out: [number, number],
  positions: Float32Array,
  timestamps: Float32Array,
  firstVertex: number,
  endVertex: number,
  timeSinceEpochS: number,
): boolean {
  if (endVertex - firstVertex < 1) return false;
  if (timeSinceEpochS < timestamps[firstVertex] || timeSinceEpochS > timestamps[endVertex - 1]) return false;
  for (let vertex = firstVertex; vertex < endVertex - 1; vertex++) {
    const startS = timestamps[vertex];
    const endS = timestamps[vertex + 1];
    if (timeSinceEpochS <= endS) {
      const fraction = endS > startS ? (timeSinceEpochS - startS) / (endS - startS) : 0;
      out[0] = positions[vertex * 2] + (positions[vertex * 2 + 2] - positions[vertex * 2]) * fraction;
      out[1] = positions[vertex * 2 + 1] + (positions[vertex * 2 + 3] - positions[vertex * 2 + 1]) * fraction;
      return true;
    }
  }
  out[0] = positions[(endVertex - 1) * 2];
  out[1] = positions[(endVertex - 1) * 2 + 1];
  return true;
}
