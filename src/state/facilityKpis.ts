/**
 * The selected facility's figures, as the worker sends them (`facilityHours`: one row per sim
 * hour from the run's start, of the model's per-facility delivery ledger and the facility's
 * throughput and backlog at the hour's close, ahead of the display) and as the panels read them:
 * a KpiHistory holding only the hours the display clock has passed, with the ledger's column
 * names (delivered, deliveredOnTime, assignedVan, ...) and the levels' (throughputPerHour,
 * backlogParcels), so a panel reads a facility exactly as it reads the network.
 */
import { FACILITY_DELIVERY_COLUMNS } from '../sim/lastMile/facilityDeliveries';
import { FACILITY_LEVEL_COLUMNS } from '../worker/protocol';
import { KpiHistory } from './kpiHistory';

/** The columns of a `facilityHours` row, in order. */
export const FACILITY_HOUR_COLUMNS: readonly string[] = [
  ...FACILITY_DELIVERY_COLUMNS,
  ...FACILITY_LEVEL_COLUMNS,
];
const WIDTH = FACILITY_HOUR_COLUMNS.length;

export class FacilityKpiFeed {
  /** The facility the rows are for, or -1. */
  facilityId = -1;
  /** What panels read: completed hours the display has passed. */
  readonly history = new KpiHistory();
  /** Hours received, hours x WIDTH from hour 0 (hours before the first sent stay 0). */
  private received = new Float64Array(0);
  private receivedHours = 0;
  /** Hours copied into `history`. */
  private shownHours = 0;
  /**
   * Hours before this one hold folded days as the worker keeps them (facilityHours.ts): flows
   * spread evenly over segments of up to a day, levels 4-hour means. A window from a network
   * edit, a change or a day's start sums exactly; one that starts inside a segment reads a share.
   */
  foldedBeforeHour = 0;

  constructor() {
    this.history.reset(FACILITY_HOUR_COLUMNS);
  }

  /** Forgets everything (a new run, a rebuilt network, another facility). */
  clear(facilityId = -1): void {
    this.facilityId = facilityId;
    this.receivedHours = 0;
    this.shownHours = 0;
    this.foldedBeforeHour = 0;
    this.history.reset(FACILITY_HOUR_COLUMNS);
  }

  /**
   * Rows from the worker for `facilityId` from `firstHour` on (later hours are replaced); the
   * hours before `foldedBeforeHour` are folded days.
   */
  receive(facilityId: number, firstHour: number, hourRows: Float64Array, foldedBeforeHour = 0): void {
    if (facilityId !== this.facilityId) this.clear(facilityId);
    this.foldedBeforeHour = foldedBeforeHour;
    const count = Math.floor(hourRows.length / WIDTH);
    const hours = firstHour + count;
    if (hours * WIDTH > this.received.length) {
      const grown = new Float64Array(Math.max(hours * WIDTH, this.received.length * 2, 48 * WIDTH));
      grown.set(this.received.subarray(0, this.receivedHours * WIDTH));
      this.received = grown;
    }
    if (firstHour > this.receivedHours) this.received.fill(0, this.receivedHours * WIDTH, firstHour * WIDTH);
    this.received.set(hourRows.subarray(0, count * WIDTH), firstHour * WIDTH);
    this.receivedHours = hours;
    // Rows already shown from `firstHour` on were replaced: show them again from there.
    this.shownHours = Math.min(this.shownHours, firstHour);
  }

  /** Drops hours from `hour` on (a seek back, a rewind). */
  truncate(hour: number): void {
    this.receivedHours = Math.min(this.receivedHours, hour);
    if (this.shownHours > hour) {
      this.shownHours = hour;
      this.history.truncate(hour);
      this.updateCumulative();
    }
  }

  /** Shows every received hour that ended at or before `displayTimeS`; returns whether any changed. */
  syncTo(displayTimeS: number): boolean {
    const passed = Math.min(this.receivedHours, Math.floor(displayTimeS / 3600));
    if (passed === this.shownHours && this.history.hours === passed) return false;
    this.history.truncate(Math.min(this.shownHours, passed));
    const from = Math.min(this.shownHours, passed);
    this.history.setRows(from, this.received.slice(from * WIDTH, passed * WIDTH));
    this.shownHours = passed;
    this.updateCumulative();
    return true;
  }

  /** Sum of the hours shown: the facility's ledger row at the last hour the display passed. */
  private updateCumulative(): void {
    const cumulative = new Float64Array(WIDTH);
    for (let hour = 0; hour < this.shownHours; hour++) {
      for (let k = 0; k < WIDTH; k++) cumulative[k] += this.received[hour * WIDTH + k];
    }
    this.history.setCumulative(this.shownHours * 3600, cumulative);
  }
}
