/**
 * Whether what the hourly panels show of the page's channels changed: the hourly rows of each
 * channel's network history, its selected facility's and its edited area's (KpiHistory's
 * `rowsVersion`), and whether it has a tick on screen (a B with none is not compared yet). A tick
 * inside an hour changes none of these, so a chart of hours is redrawn once a sim hour (and on a
 * reset, a replay or a seek back) instead of a few times a second.
 */
import type { SimChannel } from '../state/simChannel';

/** Figures read per channel: three histories' rowsVersion, then 1 with a tick on screen, else 0. */
const FIGURES_PER_CHANNEL = 4;

/** Writes each channel's figures into `out` (FIGURES_PER_CHANNEL a channel, in `channels` order). */
function writeRowsKey(out: Float64Array, channels: readonly SimChannel[]): void {
  for (let index = 0; index < channels.length; index++) {
    const channel = channels[index];
    const at = index * FIGURES_PER_CHANNEL;
    out[at] = channel.kpiHistory.rowsVersion;
    out[at + 1] = channel.facilityKpis.history.rowsVersion;
    out[at + 2] = channel.areaKpis.history.rowsVersion;
    out[at + 3] = channel.view.currentTick ? 1 : 0;
  }
}

/** What a panel of hours last saw of `channels`' rows, and whether they have changed since. */
export class KpiRowsWatch {
  private readonly seen: Float64Array;
  private readonly now: Float64Array;

  /** Starts from what `channels` hold now (what a panel rendered from). */
  constructor(private readonly channels: readonly SimChannel[]) {
    this.seen = new Float64Array(channels.length * FIGURES_PER_CHANNEL);
    this.now = new Float64Array(this.seen.length);
    writeRowsKey(this.seen, channels);
  }

  /** Whether the rows changed since the last call (or the watch began); it then holds them as seen. */
  hasChanged(): boolean {
    writeRowsKey(this.now, this.channels);
    let changed = false;
    for (let k = 0; k < this.now.length; k++) if (this.now[k] !== this.seen[k]) changed = true;
    if (changed) this.seen.set(this.now);
    return changed;
  }
}
