/**
 * Drives a SimHost in Node as the page would, through the in-process transport: post, pump,
 * read what came back.
 */
import type { Params } from '../../src/sim/params';
import type { SimSnapshot } from '../../src/sim/simulation';
import { InProcessWorker } from '../../src/worker/inProcessTransport';
import type { WarmStateSource } from '../../src/worker/simHost';
import {
  type KpiHourRows,
  type PageMessage,
  PROTOCOL_VERSION,
  type ResumeState,
  type WorkerMessage,
} from '../../src/worker/protocol';

export type TickMessage = Extract<WorkerMessage, { type: 'tick' }>;

export class HostDriver {
  readonly worker: InProcessWorker;
  readonly received: WorkerMessage[] = [];
  readonly failures: string[] = [];
  /** Hourly KPI rows as the page would hold them (rows replaced from `firstHour` on). */
  readonly hourRows: number[][] = [];

  constructor(warmStates: WarmStateSource | null = null) {
    this.worker = new InProcessWorker(
      {
        onMessage: (message) => {
          const typed = message as WorkerMessage;
          this.received.push(typed);
          if (typed.type === 'tick') this.collectRows(typed);
          if (typed.type === 'progress' && typed.hours) this.mergeRows(typed.hours);
          if (typed.type === 'ready') {
            this.hourRows.length = 0;
            if (typed.hoursBeforeStart) this.mergeRows(typed.hoursBeforeStart);
          }
        },
        onFailure: (reason) => this.failures.push(reason),
      },
      undefined,
      warmStates,
    );
  }

  static start(params: Params, seed: number, resume?: ResumeState): HostDriver {
    const driver = new HostDriver();
    driver.send({ type: 'init', version: PROTOCOL_VERSION, params, seed, resume });
    return driver;
  }

  static fork(snapshot: SimSnapshot, params: Params, resume?: ResumeState): HostDriver {
    const driver = new HostDriver();
    driver.send({ type: 'initFromSnapshot', version: PROTOCOL_VERSION, snapshot, params, resume });
    return driver;
  }

  /** Posts one message and lets the host work until it is idle. */
  send(message: PageMessage | unknown): this {
    this.worker.post(message as PageMessage);
    this.worker.pump();
    return this;
  }

  /** Moves the page's display clock to `displayTimeS` and lets the worker run `lookaheadS` past it. */
  playTo(displayTimeS: number, lookaheadS = 0, tickIntervalS = 300): this {
    return this.send({ type: 'advance', displayTimeS, lookaheadS, tickIntervalS });
  }

  /** The host's model now (throws before `init`). */
  model() {
    const model = this.worker.host.model;
    if (!model) throw new Error('the host has no model');
    return model;
  }

  messagesOf<T extends WorkerMessage['type']>(type: T): Array<Extract<WorkerMessage, { type: T }>> {
    return this.received.filter((message) => message.type === type) as Array<
      Extract<WorkerMessage, { type: T }>
    >;
  }

  /** The latest tick at sim time `timeS` (after a seek or a rewind, the one that now holds). */
  tickAt(timeS: number): TickMessage | undefined {
    return this.messagesOf('tick').findLast((tick) => tick.timeS === timeS);
  }

  lastTick(): TickMessage {
    const ticks = this.messagesOf('tick');
    return ticks[ticks.length - 1];
  }

  /** Everything since message `from` (to look at what one action brought). */
  since(from: number): WorkerMessage[] {
    return this.received.slice(from);
  }

  cumulativeAt(timeS: number): number[] {
    const tick = this.tickAt(timeS);
    if (!tick)
      throw new Error(
        `no tick at ${timeS} s (ticks at ${this.messagesOf('tick')
          .map((t) => t.timeS)
          .join(', ')})`,
      );
    return Array.from(tick.kpis.cumulative);
  }

  kpiNames(): string[] {
    return this.messagesOf('ready')[0].kpiNames;
  }

  /** A replay's hours (a warm start's progress): written in, later hours kept, as the page does. */
  private mergeRows(hours: KpiHourRows): void {
    const width = this.kpiNames().length;
    for (let row = 0; row < hours.hourRows.length / width; row++)
      this.hourRows[hours.firstHour + row] = Array.from(
        hours.hourRows.subarray(row * width, (row + 1) * width),
      );
  }

  private collectRows(tick: TickMessage): void {
    const width = tick.kpis.cumulative.length;
    const count = tick.kpis.hourRows.length / width;
    this.hourRows.length = Math.min(this.hourRows.length, tick.kpis.firstHour);
    for (let row = 0; row < count; row++) {
      this.hourRows[tick.kpis.firstHour + row] = Array.from(
        tick.kpis.hourRows.subarray(row * width, (row + 1) * width),
      );
    }
  }
}
