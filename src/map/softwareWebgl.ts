/**
 * Whether the map's WebGL runs in software (SwiftShader, llvmpipe: no GPU, as on CI and many
 * virtual machines), read once from the map's own context. There every pixel is drawn on the
 * CPU the model's worker needs too: deck.gl's multisampling costs about half of each frame, and
 * a page that redraws its moving vehicles as fast as frames allow keeps ~1.7 of 2 cores busy
 * drawing, so the worker falls behind the chosen speed. The map therefore draws deck.gl without
 * multisampling there and redraws the moving vehicles at most a few times a second from the
 * start, instead of after seconds of slow frames (frameBudget.ts's getMinRedrawMs), and each
 * drawing waits for the graphics to have rested after the last (drawPacer.ts).
 */

/** Renderer names of WebGL drawn on the CPU: Chromium's SwiftShader, Mesa's llvmpipe and softpipe,
 * Windows' WARP ("Microsoft Basic Render Driver"), and any that calls itself software. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|basic render driver|software/i;

/** Whether a WebGL renderer name is a software rasterizer's. */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERER.test(renderer);
}

/** What the map draws differently on software WebGL. */
export interface WebglDrawing {
  /** The WebGL renderer's name ('' when the browser tells none). */
  renderer: string;
  software: boolean;
  /** Whether deck.gl's canvas asks for multisampling (antialiased edges). */
  antialias: boolean;
}

/** The drawing a renderer name calls for. */
export function getWebglDrawing(renderer: string | null): WebglDrawing {
  const software = isSoftwareRenderer(renderer);
  return {
    renderer: renderer ?? '',
    software,
    antialias: !software,
  };
}

/**
 * The renderer's name from a canvas's existing WebGL context (getContext of the type it already
 * has returns that context; another type returns null, so no second context is made): the
 * unmasked name where the browser gives it, else the plain one (Firefox's is already unmasked).
 */
export function readWebglRenderer(canvas: HTMLCanvasElement): string | null {
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === 'string' ? name : null;
}
