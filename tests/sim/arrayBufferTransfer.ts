/**
 * ArrayBuffer.prototype.transfer (ES2024) for tests on Node 20, which lacks it: the worker's
 * engines have it, and there columns given up are detached (typedArrays.ts releaseTypedArray,
 * growOwnedTypedArray). A column read after it was given up then reads as empty: running code
 * under this finds such a read as the browser would.
 */
type TransferableBuffer = ArrayBuffer & { transfer?: (newLength?: number) => ArrayBuffer };

/** Runs `run` with ArrayBuffer.prototype.transfer, installed for the call where the engine lacks it. */
export function withArrayBufferTransfer<T>(run: () => T): T {
  const prototype = ArrayBuffer.prototype as TransferableBuffer;
  if (prototype.transfer) return run();
  Object.defineProperty(prototype, 'transfer', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, newLength = this.byteLength): ArrayBuffer {
      // structuredClone with a transfer list detaches the buffer, as transfer does.
      const moved = structuredClone(this, { transfer: [this] });
      const out = new ArrayBuffer(newLength);
      new Uint8Array(out).set(new Uint8Array(moved, 0, Math.min(newLength, moved.byteLength)));
      return out;
    },
  });
  try {
    return run();
  } finally {
    delete (prototype as { transfer?: unknown }).transfer;
  }
}
