/**
 * A typed column grown to `length`: a new array of the same type, the old values copied in, the
 * new entries `fill` (default 0).
 */
export function growTypedArray<
  T extends Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array,
>(array: T, length: number, fill = 0): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  if (fill !== 0) next.fill(fill);
  next.set(array);
  return next;
}

/** A typed column type. */
export type TypedColumn =
  | Uint8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array;

/** ArrayBuffer.prototype.transfer (ES2024: Chrome 114, Node 21); Node 20, which runs the tests, lacks it. */
type TransferableBuffer = ArrayBufferLike & { transfer?: (newLength?: number) => ArrayBuffer };

/** Whether `array` is the whole of its buffer (a view into part of one cannot take the buffer with it). */
function spansItsBuffer(array: TypedColumn): boolean {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
}

/**
 * `array` grown to `length` (the new entries 0), as growTypedArray, but its buffer is moved into
 * the new one (ArrayBuffer.transfer) where the engine can: `array` is left detached and its bytes
 * are freed at once, not held beside the new column until a garbage collection (a column that
 * doubles from 128 to 256 MB would otherwise hold 384 MB for a while). Only for a column nothing
 * else reads; a copy where the engine lacks transfer.
 */
export function growOwnedTypedArray<T extends TypedColumn>(array: T, length: number): T {
  const buffer = array.buffer as TransferableBuffer;
  if (!buffer.transfer || !spansItsBuffer(array)) return growTypedArray(array, length);
  const Column = array.constructor as new (buffer: ArrayBuffer) => T;
  return new Column(buffer.transfer(length * array.BYTES_PER_ELEMENT));
}

/**
 * Frees `array`'s bytes now where the engine can (a transfer to length 0 detaches its buffer and
 * drops its memory), rather than at some later garbage collection; `array` reads as empty after.
 * Only for a column nothing else reads; where the engine lacks transfer, the collector frees it.
 */
export function releaseTypedArray(array: TypedColumn): void {
  const buffer = array.buffer as TransferableBuffer;
  // Two columns over one buffer: the second finds it detached already.
  if (buffer.byteLength > 0) buffer.transfer?.(0);
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
