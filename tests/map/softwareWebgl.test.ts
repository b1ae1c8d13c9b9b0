import { describe, expect, test } from 'vitest';
import { getWebglDrawing, isSoftwareRenderer } from '../../src/map/softwareWebgl';
import { getMinRedrawMs, LIGHTEST_DRAW_LEVEL, SOFTWARE_MIN_REDRAW_MS } from '../../src/state/frameBudget';

/** Unmasked renderer names as browsers report them. */
const SOFTWARE = [
  // Chromium headless here and on CI (--use-angle=swiftshader).
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  'Google SwiftShader',
  // Mesa without a GPU (Linux virtual machines), directly and through ANGLE.
  'llvmpipe (LLVM 15.0.7, 256 bits)',
  'ANGLE (Mesa, llvmpipe (LLVM 15.0.7 256 bits), OpenGL 4.5)',
  'softpipe',
  // Windows without a GPU driver (WARP), and macOS's software renderer.
  'ANGLE (Microsoft, Microsoft Basic Render Driver (0x0000008C) Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'Apple Software Renderer',
];
const HARDWARE = [
  'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002503) Direct3D11 vs_5_0 ps_5_0, D3D11)',
  'ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)',
  'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
  'AMD Radeon Pro 5500M OpenGL Engine',
  // Firefox's sanitized names, and Chromium's masked one.
  'Intel(R) HD Graphics 400, or similar',
  'WebKit WebGL',
];

describe('software WebGL', () => {
  test('software rasterizers are told from GPUs by their renderer name', () => {
    expect(SOFTWARE.filter((name) => !isSoftwareRenderer(name))).toEqual([]);
    expect(HARDWARE.filter((name) => isSoftwareRenderer(name))).toEqual([]);
    // A browser that names no renderer is taken to have a GPU: full drawing, as before.
    expect(isSoftwareRenderer(null)).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
  });

  test('software WebGL draws deck.gl without multisampling; a GPU keeps it', () => {
    expect(getWebglDrawing(SOFTWARE[0])).toEqual({ renderer: SOFTWARE[0], software: true, antialias: false });
    expect(getWebglDrawing(HARDWARE[0])).toMatchObject({ software: false, antialias: true });
    expect(getWebglDrawing(null)).toEqual({ renderer: '', software: false, antialias: true });
  });

  test('software WebGL caps the moving vehicles redraws from the first frame, at every level', () => {
    // A GPU at full drawing redraws every frame; lighter levels redraw less.
    expect(getMinRedrawMs(0, false)).toBe(0);
    expect(getMinRedrawMs(1, false)).toBeGreaterThan(0);
    expect(getMinRedrawMs(LIGHTEST_DRAW_LEVEL, false)).toBeGreaterThan(getMinRedrawMs(1, false));
    // Software: never more often than the software cap, and never more often than the level says.
    expect(SOFTWARE_MIN_REDRAW_MS).toBeGreaterThan(0);
    for (let level = 0; level <= LIGHTEST_DRAW_LEVEL; level++) {
      expect(getMinRedrawMs(level, true)).toBe(
        Math.max(SOFTWARE_MIN_REDRAW_MS, getMinRedrawMs(level, false)),
      );
    }
  });
});
