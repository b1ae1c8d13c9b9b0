/**
 * A typed column grown to `length`: a new array of the same type, the old values copied in, the
 * new entries `fill` (default 0).
 */
export function growTypedArray<
  T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array,
>(array: T, length: number, fill = 0): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  if (fill !== 0) next.fill(fill);
  next.set(array);
  return next;
}

/** Bytes of the typed arrays in `value`, walked through plain objects and arrays. */
export function countTypedArrayBytes(value: unknown): number {
  if (!value || typeof value !== 'object') return 0;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let bytes = 0;
  for (const item of Object.values(value)) bytes += countTypedArrayBytes(item);
  return bytes;
}

/**
 * Bytes of the array buffers reachable from `root` through object fields, arrays and Maps (each
 * buffer once, a room beyond a view's length included): what a live structure holds, where
 * countTypedArrayBytes counts what a copy of it would.
 */
export function countHeldBytes(root: unknown): number {
  const seen = new Set<object>();
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [root];
  let bytes = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (!value || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      if (!buffers.has(value.buffer)) {
        buffers.add(value.buffer);
        bytes += value.buffer.byteLength;
      }
    } else if (value instanceof Map) for (const item of value.values()) stack.push(item);
    else for (const item of Object.values(value)) stack.push(item);
  }
  return bytes;
}

/**
 * Copies every typed column of `from` into the same column of `into`, a store of the same columns
 * at a larger capacity (fields that are not typed arrays, such as a capacity, are left alone): a
 * store that grows keeps each column, including one added later, without listing them.
 */
export function copyColumnsInto<Columns extends object>(into: Columns, from: Columns): void {
  for (const key of Object.keys(from) as (keyof Columns)[]) {
    const column = from[key];
    if (ArrayBuffer.isView(column)) (into[key] as Uint8Array).set(column as unknown as Uint8Array);
  }
}
