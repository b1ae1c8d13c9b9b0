/**
 * Per-facility series the page records from ticks, one row per sim hour: throughput and backlog
 * of every facility, so selecting one can chart its past at once. ~7 kB per sim hour for 900
 * facilities; the model itself keeps only network-wide hourly KPIs.
 */
export class FacilityHistory {
  facilityCount = 0;
  hours = 0;
  /** hours x facilityCount, row-major. */
  throughputPerHour = new Float32Array(0);
  backlogParcels = new Float32Array(0);

  reset(facilityCount: number): void {
    this.facilityCount = facilityCount;
    this.hours = 0;
    this.throughputPerHour = new Float32Array(facilityCount * 48);
    this.backlogParcels = new Float32Array(facilityCount * 48);
  }

  /** Records the state at the end of sim hour `hour` (earlier hours are kept, later dropped). */
  record(hour: number, throughputPerHour: Float32Array, backlogParcels: Float32Array): void {
    const width = this.facilityCount;
    if (width === 0 || hour < 0) return;
    if ((hour + 1) * width > this.throughputPerHour.length) {
      const capacity = Math.max((hour + 1) * width, this.throughputPerHour.length * 2);
      const throughput = new Float32Array(capacity);
      throughput.set(this.throughputPerHour.subarray(0, this.hours * width));
      const backlog = new Float32Array(capacity);
      backlog.set(this.backlogParcels.subarray(0, this.hours * width));
      this.throughputPerHour = throughput;
      this.backlogParcels = backlog;
    }
    // Hours skipped (a seek forward replays them silently) are unknown: NaN, drawn as a gap,
    // where zero would read as an idle facility.
    this.throughputPerHour.fill(Number.NaN, this.hours * width, hour * width);
    this.backlogParcels.fill(Number.NaN, this.hours * width, hour * width);
    this.throughputPerHour.set(throughputPerHour.subarray(0, width), hour * width);
    this.backlogParcels.set(backlogParcels.subarray(0, width), hour * width);
    this.hours = hour + 1;
  }

  truncate(hour: number): void {
    this.hours = Math.max(0, Math.min(this.hours, hour));
  }

  /** One facility's series as new arrays, for the charts. */
  series(facilityId: number): { throughputPerHour: Float64Array; backlogParcels: Float64Array } {
    const throughput = new Float64Array(this.hours);
    const backlog = new Float64Array(this.hours);
    for (let hour = 0; hour < this.hours; hour++) {
      throughput[hour] = this.throughputPerHour[hour * this.facilityCount + facilityId];
      backlog[hour] = this.backlogParcels[hour * this.facilityCount + facilityId];
    }
    return { throughputPerHour: throughput, backlogParcels: backlog };
  }
}

export const facilityHistory = new FacilityHistory();
