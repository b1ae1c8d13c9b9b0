/**
 * Columns in the binary form deck.gl layers take in place of per-object accessors: one typed array
 * for every object (or path vertex), `size` values each, no per-object JavaScript.
 */

/** `size` floats an object or vertex: positions (2), times, widths (1). */
export interface FloatColumn<Size extends number> {
  value: Float32Array;
  size: Size;
}

/** RGBA colours as bytes, which deck.gl reads as 0-1 (normalized). */
export interface ColorColumn {
  value: Uint8Array;
  size: 4;
  normalized: true;
}

export function toColorColumn(value: Uint8Array): ColorColumn {
  return { value, size: 4, normalized: true };
}
