/**
 * How the page reaches a model: one interface, two implementations — a Web Worker in the app
 * (src/state/workerTransport.ts) and the in-process host in Node (inProcessTransport.ts), so the
 * page's channel runs unchanged against either.
 */
import type { PageMessage, WorkerMessage } from './protocol';

export interface SimTransport {
  /** Sends a message; typed arrays in `transfer` move to the model's side (detached here). */
  post(message: PageMessage, transfer?: Transferable[]): void;
  /** Stops the model and drops whatever it still had to say. */
  terminate(): void;
}

export interface TransportEvents {
  onMessage(message: unknown): void;
  /** The model failed outside any message (an uncaught error, a reply that could not be read). */
  onFailure(reason: string): void;
}

/** Starts a model and connects `events` to it. */
export type TransportFactory = (events: TransportEvents) => SimTransport;

export type { WorkerMessage };
