/**
 * Drive-unit traffic on the robot floor grid, by lane discipline: each band has one one-way loop
 * (southbound aisle to its pick station, westward past the pick point, northbound aisle back,
 * eastward along the north cross aisle). Loops share no cell, and a robot moves only into a cell
 * that is empty at that moment, so two robots never occupy one cell and never pass through each
 * other. The pick point holds a robot for `dwellSteps`, so queues form behind it as they do at a
 * real station. Idle robots park under pods in storage cells, one robot per cell.
 *
 * All state is typed columns allocated once for `maxRobots`; `step` and `setCounts` allocate
 * nothing.
 */
import { BAND_COLUMNS, type FcLayout, STORAGE_COLUMNS_PER_BAND } from './fcLayout';

/** Empty cells each loop keeps, so its robots always have somewhere to move. */
export const MIN_FREE_CELLS_PER_LOOP = 8;

const NO_ROBOT = -1;

export interface RobotTrafficOptions {
  /** Steps a robot waits at the pick point while the associate picks; default 1. */
  dwellSteps?: number;
}

export class RobotTraffic {
  readonly layout: FcLayout;
  readonly maxRobots: number;
  readonly loopLength: number;
  /** Grid cell of each loop position, loop-major: loop b's positions at [b * loopLength, ...). */
  readonly loopCells: Int32Array;
  /** Which positions of a loop carry a pod (1) or run empty (0); same for every loop. */
  readonly loopCarries: Uint8Array;
  /** Position index of the pick point within a loop. */
  readonly pickPosition: number;
  readonly dwellSteps: number;

  /** Robot at each loop position (loop-major), or -1. */
  private readonly occupant: Int32Array;
  /** Per robot: its loop (-1 when parked) and position on it. */
  readonly robotLoop: Int32Array;
  readonly robotPosition: Int32Array;
  /** Per robot: the grid cell it occupied at the start of the last step and now. */
  readonly previousCell: Int32Array;
  readonly cell: Int32Array;
  /** Per robot: 1 when it last moved along x (east-west), 0 along z; the renderer turns it. */
  readonly alongX: Uint8Array;
  /** Per robot: steps left to wait at the pick point. */
  private readonly dwell: Int32Array;
  private readonly loopRobotCount: Int32Array;

  /** Robots shown; robots [0, moving) travel the loops, [moving, robots) are parked. */
  robots = 0;
  moving = 0;
  /** Steps taken since creation. */
  steps = 0;

  constructor(layout: FcLayout, maxRobots: number, options: RobotTrafficOptions = {}) {
    const parkingCells = layout.storageCells.length;
    if (maxRobots > parkingCells) {
      throw new Error(`maxRobots ${maxRobots} exceeds the ${parkingCells} storage cells robots park in`);
    }
    this.layout = layout;
    this.maxRobots = maxRobots;
    this.dwellSteps = options.dwellSteps ?? 1;
    const rows = layout.rows;
    this.loopLength = 2 * (rows - 1) + BAND_COLUMNS + STORAGE_COLUMNS_PER_BAND;
    this.loopCells = new Int32Array(layout.bands * this.loopLength);
    this.loopCarries = new Uint8Array(this.loopLength);
    this.pickPosition = rows - 1 + (BAND_COLUMNS - 1 - 2);
    for (let band = 0; band < layout.bands; band++) {
      const base = band * this.loopLength;
      const c0 = band * BAND_COLUMNS;
      const cell = (column: number, row: number) => row * layout.columns + c0 + column;
      let p = 0;
      // Southbound aisle (column 5) from the north end down to row 1: carrying a pod in.
      for (let row = rows - 1; row >= 1; row--) this.loopCells[base + p++] = cell(BAND_COLUMNS - 1, row);
      // Station row westward, past the pick point at column 2.
      for (let column = BAND_COLUMNS - 1; column >= 0; column--) this.loopCells[base + p++] = cell(column, 0);
      // Northbound aisle (column 0): taking the pod back.
      for (let row = 1; row <= rows - 1; row++) this.loopCells[base + p++] = cell(0, row);
      // North cross aisle eastward: the pod is set down and another lifted here.
      for (let column = 1; column <= STORAGE_COLUMNS_PER_BAND; column++)
        this.loopCells[base + p++] = cell(column, rows - 1);
    }
    const crossStart = this.loopLength - STORAGE_COLUMNS_PER_BAND;
    for (let p = 0; p < this.loopLength; p++) this.loopCarries[p] = p < crossStart ? 1 : 0;
    this.occupant = new Int32Array(layout.bands * this.loopLength).fill(NO_ROBOT);
    this.robotLoop = new Int32Array(maxRobots).fill(-1);
    this.robotPosition = new Int32Array(maxRobots);
    this.previousCell = new Int32Array(maxRobots);
    this.cell = new Int32Array(maxRobots);
    this.dwell = new Int32Array(maxRobots);
    this.alongX = new Uint8Array(maxRobots);
    this.loopRobotCount = new Int32Array(layout.bands);
  }

  /** Robots the loops can hold while each keeps MIN_FREE_CELLS_PER_LOOP empty. */
  get movingCapacity(): number {
    return this.layout.bands * (this.loopLength - MIN_FREE_CELLS_PER_LOOP);
  }

  /**
   * Sets how many robots are shown and how many of them move. Robots keep their identity: a robot
   * that starts moving leaves its parking cell for an empty loop cell, one that stops parks in
   * its own storage cell. `moving` is clamped to `robots` and to `movingCapacity`.
   */
  setCounts(robots: number, moving: number): void {
    robots = Math.max(0, Math.min(this.maxRobots, Math.floor(robots)));
    moving = Math.max(0, Math.min(robots, this.movingCapacity, Math.floor(moving)));
    // Park robots that stop moving (from the end, so [0, moving) stays the moving set).
    for (let r = this.moving - 1; r >= moving; r--) this.park(r);
    for (let r = this.robots; r < robots; r++) {
      this.robotLoop[r] = -1;
      this.cell[r] = this.layout.storageCells[r];
      this.previousCell[r] = this.cell[r];
    }
    for (let r = this.moving; r < moving; r++) this.enterLoop(r);
    this.robots = robots;
    this.moving = moving;
  }

  private park(robot: number): void {
    const loop = this.robotLoop[robot];
    if (loop >= 0) {
      this.occupant[loop * this.loopLength + this.robotPosition[robot]] = NO_ROBOT;
      this.loopRobotCount[loop]--;
    }
    this.robotLoop[robot] = -1;
    this.dwell[robot] = 0;
    this.cell[robot] = this.layout.storageCells[robot];
    this.previousCell[robot] = this.cell[robot];
  }

  /** Puts a robot on the least loaded loop, in the empty cell farthest behind its pick point. */
  private enterLoop(robot: number): void {
    let loop = robot % this.layout.bands;
    for (let b = 0; b < this.layout.bands; b++) {
      if (this.loopRobotCount[b] < this.loopRobotCount[loop]) loop = b;
    }
    const base = loop * this.loopLength;
    // Search from the north cross aisle backwards, where new pods are lifted.
    for (let k = 0; k < this.loopLength; k++) {
      const p = (this.loopLength - 1 - k + this.loopLength) % this.loopLength;
      if (this.occupant[base + p] === NO_ROBOT) {
        this.occupant[base + p] = robot;
        this.robotLoop[robot] = loop;
        this.robotPosition[robot] = p;
        this.cell[robot] = this.loopCells[base + p];
        this.previousCell[robot] = this.cell[robot];
        this.dwell[robot] = 0;
        this.loopRobotCount[loop]++;
        return;
      }
    }
    throw new Error(`loop ${loop} is full; setCounts keeps moving within movingCapacity`);
  }

  /**
   * Moves every moving robot one cell forward where the next cell on its loop is free. Each loop
   * is swept backwards from an empty cell, so a line of robots advances together like a train and
   * a robot only ever enters a cell nobody holds.
   */
  step(): void {
    const length = this.loopLength;
    for (let r = 0; r < this.robots; r++) this.previousCell[r] = this.cell[r];
    for (let loop = 0; loop < this.layout.bands; loop++) {
      if (this.loopRobotCount[loop] === 0) continue;
      const base = loop * length;
      let empty = -1;
      for (let p = 0; p < length; p++) {
        if (this.occupant[base + p] === NO_ROBOT) {
          empty = p;
          break;
        }
      }
      if (empty < 0) continue;
      for (let k = 1; k < length; k++) {
        const p = (empty - k + length) % length;
        const robot = this.occupant[base + p];
        if (robot === NO_ROBOT) continue;
        if (this.dwell[robot] > 0) {
          this.dwell[robot]--;
          continue;
        }
        const next = p + 1 === length ? 0 : p + 1;
        if (this.occupant[base + next] !== NO_ROBOT) continue;
        this.occupant[base + p] = NO_ROBOT;
        this.occupant[base + next] = robot;
        this.robotPosition[robot] = next;
        const cell = this.loopCells[base + next];
        this.alongX[robot] = Math.abs(cell - this.cell[robot]) === 1 ? 1 : 0;
        this.cell[robot] = cell;
        if (next === this.pickPosition) this.dwell[robot] = this.dwellSteps;
      }
    }
    this.steps++;
  }

  /** Whether a robot is carrying a pod (moving robots on the loaded part of their loop). */
  isCarrying(robot: number): boolean {
    return this.robotLoop[robot] >= 0 && this.loopCarries[this.robotPosition[robot]] === 1;
  }

  /** Whether a robot is at its pick point being picked from. */
  isAtPickPoint(robot: number): boolean {
    return this.robotLoop[robot] >= 0 && this.robotPosition[robot] === this.pickPosition;
  }
}
