/**
 * Trailers at the outbound doors: which doors hold one, how full each is, and trailers pulling in
 * and leaving. The model gives the count of loading trailers and their mean fill per tick; when
 * the count drops (or the mean fill falls sharply, meaning full trailers were replaced by empty
 * ones) the fullest trailers drive off, and new ones back in to free doors. Pure, typed columns.
 */

/** Seconds (wall) a trailer takes to pull in or leave. */
export const TRAILER_MOVE_S = 3;
/** A drop in mean fill at least this large, count unchanged, means a full trailer was swapped. */
const SWAP_FILL_DROP = 0.25;

export const DOOR_EMPTY = 0;
export const DOOR_ARRIVING = 1;
export const DOOR_LOADING = 2;
export const DOOR_DEPARTING = 3;

export class DockYard {
  readonly doors: number;
  /** Per door: DOOR_* state, seconds into the current move, fill 0-1. */
  readonly state: Uint8Array;
  readonly moveS: Float32Array;
  readonly fill: Float32Array;
  /** Departures seen since creation (for labels and tests). */
  departures = 0;
  private lastMeanFill = 0;

  /** Order in which free doors take trailers: spread along the wall, not packed at one end. */
  private readonly doorOrder: Uint8Array;

  constructor(doors: number) {
    this.doors = doors;
    this.doorOrder = new Uint8Array(doors);
    // Bit-reversal-like spread: halves, then quarters, ... (0, 6, 3, 9, 1, 7, ... for 12 doors).
    let n = 0;
    const taken = new Uint8Array(doors);
    for (let step = doors; step >= 1; step = Math.floor(step / 2)) {
      for (let d = 0; d < doors; d += step) {
        if (!taken[d]) {
          taken[d] = 1;
          this.doorOrder[n++] = d;
        }
      }
      if (step === 1) break;
    }
    this.state = new Uint8Array(doors);
    this.moveS = new Float32Array(doors);
    this.fill = new Float32Array(doors);
  }

  /** Trailers at doors that count as present (pulling in or loading). */
  get present(): number {
    let n = 0;
    for (let d = 0; d < this.doors; d++)
      if (this.state[d] === DOOR_ARRIVING || this.state[d] === DOOR_LOADING) n++;
    return n;
  }

  /** Whether any trailer is moving (the scene keeps rendering while one is). */
  get isMoving(): boolean {
    for (let d = 0; d < this.doors; d++)
      if (this.state[d] === DOOR_ARRIVING || this.state[d] === DOOR_DEPARTING) return true;
    return false;
  }

  /** Applies a tick: `count` trailers loading (clamped to the doors), `meanFill` 0-1. */
  setTarget(count: number, meanFill: number): void {
    const target = Math.max(0, Math.min(this.doors, Math.round(count)));
    let present = this.present;
    let swaps = present > 0 && target > 0 && this.lastMeanFill - meanFill >= SWAP_FILL_DROP ? 1 : 0;
    while (present > target || swaps > 0) {
      const door = this.fullestPresentDoor();
      if (door < 0) break;
      this.state[door] = DOOR_DEPARTING;
      this.moveS[door] = 0;
      this.departures++;
      present--;
      if (swaps > 0) swaps--;
    }
    for (let k = 0; k < this.doors && present < target; k++) {
      const d = this.doorOrder[k];
      if (this.state[d] !== DOOR_EMPTY) continue;
      this.state[d] = DOOR_ARRIVING;
      this.moveS[d] = 0;
      this.fill[d] = 0;
      present++;
    }
    // Spread the mean over the doors with a fixed per-door offset so they do not look identical.
    for (let d = 0; d < this.doors; d++) {
      if (this.state[d] === DOOR_LOADING || this.state[d] === DOOR_ARRIVING) {
        const offset = ((d * 7) % 5) / 10 - 0.2;
        this.fill[d] = Math.min(1, Math.max(0.05, meanFill + offset * Math.min(meanFill, 1 - meanFill)));
      }
    }
    this.lastMeanFill = meanFill;
  }

  private fullestPresentDoor(): number {
    let best = -1;
    for (let d = 0; d < this.doors; d++) {
      if (this.state[d] !== DOOR_LOADING && this.state[d] !== DOOR_ARRIVING) continue;
      if (best < 0 || this.fill[d] > this.fill[best]) best = d;
    }
    return best;
  }

  /** Advances the moves by `dtS` wall seconds. */
  advance(dtS: number): void {
    for (let d = 0; d < this.doors; d++) {
      const state = this.state[d];
      if (state !== DOOR_ARRIVING && state !== DOOR_DEPARTING) continue;
      this.moveS[d] += dtS;
      if (this.moveS[d] >= TRAILER_MOVE_S) {
        this.state[d] = state === DOOR_ARRIVING ? DOOR_LOADING : DOOR_EMPTY;
        this.moveS[d] = 0;
      }
    }
  }

  /** How far out of its door a trailer stands, 0 (docked) to 1 (gone), eased. */
  getPullOut(door: number): number {
    const state = this.state[door];
    const t = Math.min(1, this.moveS[door] / TRAILER_MOVE_S);
    const eased = t * t * (3 - 2 * t);
    if (state === DOOR_ARRIVING) return 1 - eased;
    if (state === DOOR_DEPARTING) return eased;
    return state === DOOR_LOADING ? 0 : 1;
  }
}
