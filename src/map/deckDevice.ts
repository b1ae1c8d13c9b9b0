/**
 * deck.gl's WebGL device, made by the map rather than by deck.gl. Left to itself, deck.gl makes
 * its device through luma.gl's createDevice, whose WebGL adapter first awaits a dynamic import()
 * of its own device module. Chromium settles even an import of a module it already holds in a
 * task of its own (the module map's notification, queued with the page's loading tasks), and at
 * the opening the main thread ran the worker's messages and the map's frames first: deck.gl's
 * device, and with it every layer's shaders, came 0.1-2.8 s after the overlay (software WebGL,
 * 2 cores), mostly after the first trips had arrived. Made here, it exists with the overlay.
 */
import { WebGLDevice } from '@luma.gl/webgl';

/**
 * A WebGL device on a new canvas of `container`'s size, set up as deck.gl sets up the devices it
 * makes for MapboxOverlay (shader and pipeline caches, the drawing buffer sized from the CSS size
 * and the device pixel ratio). The canvas is born at that size: a WebGL canvas resized once its
 * context exists reallocates its drawing buffer, a wait on the graphics process, which in
 * software WebGL is busy drawing the basemap at the opening. deck.gl puts the canvas in its
 * container (not its own: deck.gl leaves it in place when finalized).
 * @param antialias multisampling (softwareWebgl.ts: off where WebGL is software).
 */
export function createDeckDevice(container: HTMLElement, antialias: boolean): WebGLDevice {
  const canvas = document.createElement('canvas');
  const pixelRatio = window.devicePixelRatio || 1;
  canvas.width = Math.max(1, Math.round(container.clientWidth * pixelRatio));
  canvas.height = Math.max(1, Math.round(container.clientHeight * pixelRatio));
  return new WebGLDevice({
    _cacheShaders: true,
    _cachePipelines: true,
    webgl: { antialias },
    createCanvasContext: { canvas, useDevicePixels: true, autoResize: true, pixelSizeSource: 'css-dpr' },
  });
}

/** Lets go of a device made by createDeckDevice, and takes its canvas off the page. */
export function destroyDeckDevice(device: WebGLDevice): void {
  const canvas = device.canvasContext.canvas;
  if (canvas instanceof HTMLCanvasElement) canvas.remove();
  device.destroy();
}
