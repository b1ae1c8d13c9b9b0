import { describe, expect, test } from 'vitest';
import { collectTransferables } from '../../src/worker/protocol';

describe('messages between page and worker', () => {
  test('transfer every typed array buffer once, wherever it sits in the message', () => {
    const shared = new Float32Array(8);
    const message = {
      type: 'trips',
      batch: {
        positions: shared,
        view: shared.subarray(2),
        ids: new Uint32Array(4),
        nested: [{ t: new Float64Array(2) }],
      },
      count: 3,
    };
    const transfer = collectTransferables(message);
    expect(transfer).toHaveLength(3);
    expect(transfer).toContain(shared.buffer);
  });
});
