import { collectTransferables } from './protocol';

/**
 * Bytes of the array buffers a message carries, transferred or cloned, each buffer once: what
 * it holds in memory while in flight. The worker counts what it posts and the page what it
 * received (the soak benchmark compares them).
 */
export function getMessageBytes(message: unknown): number {
  let bytes = 0;
  for (const buffer of collectTransferables(message)) bytes += (buffer as ArrayBuffer).byteLength;
  return bytes;
}
