/**
 * Where last-mile trips need their streets: the map draws the street grids from STREETS_ZOOM
 * (StreetsLayer.ts, zoom 11) and vans one by one from zoom 7, but below the streets a van's path
 * between two doors a few hundred metres apart is a pixel or two either way. So the worker draws
 * a trip street by street only when the map is at street zoom and the trip's path meets the view
 * widened by a margin (a short pan needs nothing new); elsewhere stop to stop. The page asks for
 * the streets of trips it already holds as the view comes to them (`drawStreets`).
 */
import type { LonLatBounds } from '../sim/simulation';

/** From this zoom trips in view are drawn street by street: one below the streets, so they are there as the streets fade in. */
export const STREET_DETAIL_ZOOM = 10;
/** The view is widened by this share of its width and height on each side. */
const VIEW_MARGIN = 0.5;

/** The bounds within which trips keep their streets for a view, or null (none: zoomed out). */
export function getStreetDetailBounds(view: LonLatBounds, zoom: number): LonLatBounds | null {
  if (!(zoom >= STREET_DETAIL_ZOOM)) return null;
  const marginLon = (view.east - view.west) * VIEW_MARGIN;
  const marginLat = (view.north - view.south) * VIEW_MARGIN;
  return {
    west: view.west - marginLon,
    south: view.south - marginLat,
    east: view.east + marginLon,
    north: view.north + marginLat,
  };
}
