/**
 * The model in this thread behind the same interface as the worker: messages are cloned (and
 * transferred) as postMessage would, and queued, so the page's channel sees what it sees in the
 * browser. Nothing runs until `pump()`: tests decide when the "worker" works, and the result does
 * not depend on timing. Node tests, the CLI and benchmarks use it; the page never imports it.
 */
import type { PageMessage, WorkerMessage } from './protocol';
import { type HostScheduler, SimHost, type WarmStateSource } from './simHost';
import type { SimTransport, TransportEvents, TransportFactory } from './transport';

export class InProcessWorker implements SimTransport {
  readonly host: SimHost;
  private readonly tasks: Array<() => void> = [];
  private terminated = false;
  /** Messages the host posted, in order (tests read what the page was told). */
  readonly sent: WorkerMessage[] = [];

  constructor(
    private readonly events: TransportEvents,
    /** Wall clock the host sees, in ms. Fixed by default: each slice then runs to its target. */
    clockMs: () => number = () => 0,
    /** Where precomputed warm states come from (none by default: every warm start replays). */
    warmStates: WarmStateSource | null = null,
  ) {
    const scheduler: HostScheduler = {
      schedule: (task) => this.tasks.push(task),
      // No wall time passes here but what `clockMs` says: a wait ends at the next task.
      scheduleAfter: (_ms, task) => this.tasks.push(task),
      nowMs: clockMs,
      nowEpochMs: clockMs,
    };
    this.host = new SimHost(
      {
        post: (message, transfer) => {
          if (this.terminated) return;
          const copy = structuredClone(message, { transfer });
          this.sent.push(copy);
          this.tasks.push(() => events.onMessage(copy));
        },
      },
      scheduler,
      warmStates,
    );
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  post(message: PageMessage, transfer: Transferable[] = []): void {
    if (this.terminated) return;
    const copy = structuredClone(message, { transfer });
    this.tasks.push(() => this.host.receive(copy));
  }

  terminate(): void {
    this.terminated = true;
    this.tasks.length = 0;
  }

  /**
   * Runs queued messages (both ways) and model slices until none are left, or `maxTasks`. A
   * throw from the host is a worker failure, reported as a browser would (`onFailure`).
   */
  pump(maxTasks = 100_000): number {
    let ran = 0;
    while (this.tasks.length > 0 && ran < maxTasks && !this.terminated) {
      const task = this.tasks.shift() as () => void;
      ran++;
      try {
        task();
      } catch (error) {
        this.terminate();
        this.events.onFailure((error as Error).message);
      }
    }
    return ran;
  }
}

/**
 * A transport factory for in-process models, remembering each one it made (a recovered channel
 * makes a new one per failure); `pump()` runs them all until every queue is empty.
 */
export function createInProcessTransports(clockMs?: () => number): {
  factory: TransportFactory;
  workers: InProcessWorker[];
  pump(): void;
} {
  const workers: InProcessWorker[] = [];
  return {
    factory: (events) => {
      const worker = new InProcessWorker(events, clockMs);
      workers.push(worker);
      return worker;
    },
    workers,
    pump() {
      for (let round = 0; round < 1000; round++) {
        let ran = 0;
        for (const worker of workers) ran += worker.pump();
        if (ran === 0) return;
      }
      throw new Error('The in-process models never went idle (1000 rounds)');
    },
  };
}
