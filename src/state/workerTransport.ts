/**
 * The app's transport: a module Web Worker running src/worker/sim.worker.ts.
 */
import type { SimTransport, TransportFactory } from '../worker/transport';

export const createWorkerTransport: TransportFactory = (events): SimTransport => {
  const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<unknown>) => events.onMessage(event.data);
  worker.onerror = (event) => {
    // Handled here: the page says so in one line and starts a new worker.
    event.preventDefault();
    events.onFailure(event.message || 'an error without a message');
  };
  worker.onmessageerror = () => events.onFailure('a message from it could not be read');
  return {
    post: (message, transfer = []) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
  };
};
