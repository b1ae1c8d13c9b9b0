/**
 * Pictures of the map view: the maplibre canvas (basemap) with the deck.gl canvas (vehicles,
 * facilities) drawn over it, composited into one 2D canvas, and downloads of what we make.
 */
import { mapHandle } from '../../map/mapHandle';
import { PAGE_BACKGROUND_COLOR, toCss } from '../palette';
import { drawMapKey } from './videoFrames';

/**
 * Draws the current map view into `context` at `width` x `height` (the view is scaled to fit).
 * Returns false when there is no map to draw.
 */
export function drawMapView(context: CanvasRenderingContext2D, width: number, height: number): boolean {
  const map = mapHandle.map;
  if (!map) return false;
  const mapCanvas = map.getCanvas();
  context.fillStyle = toCss(PAGE_BACKGROUND_COLOR);
  context.fillRect(0, 0, width, height);
  // The basemap keeps its buffer (preserveDrawingBuffer), so it reads as last drawn.
  context.drawImage(mapCanvas, 0, 0, width, height);
  mapHandle.redrawOverlay?.();
  const container = map.getContainer();
  for (const canvas of container.querySelectorAll('canvas')) {
    if (canvas === mapCanvas || canvas.width === 0 || canvas.height === 0) continue;
    context.drawImage(canvas, 0, 0, width, height);
  }
  return true;
}

/** The map view's size in device pixels (the basemap canvas's backing size). */
export function getMapViewSize(): { width: number; height: number } | null {
  const canvas = mapHandle.map?.getCanvas();
  return canvas ? { width: canvas.width, height: canvas.height } : null;
}

/** A PNG of the map view as it is on screen now, with its key (drawMapKey) in the corner. */
export async function captureMapViewPng(): Promise<Blob> {
  const size = getMapViewSize();
  if (!size) throw new Error('the map is not ready');
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context || !drawMapView(context, size.width, size.height)) throw new Error('the map is not ready');
  drawMapKey(context, size.width, size.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))),
      'image/png',
    ),
  );
}

/** Saves `blob` through the browser's download with `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; give it a moment before letting the URL go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "parcelscope-day2-1330" for a sim time: file names that sort and say when. */
export function getExportBaseName(timeS: number): string {
  const totalMinutes = Math.floor(Math.max(0, timeS) / 60);
  const day = Math.floor(totalMinutes / 1440) + 1;
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  return `parcelscope-day${day}-${String(hours).padStart(2, '0')}${String(minutes).padStart(2, '0')}`;
}
