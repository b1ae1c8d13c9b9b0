/**
 * Street detail where the map shows it: tells a run's worker what the map shows (`viewport`, at
 * start and when the map stops moving), and asks for the streets of trips the page holds stop to
 * stop once the view comes to them at street zoom (`drawStreets`), then swaps their paths in the
 * trip store. So a van in view at street zoom follows the streets, and the thousands out of view
 * cost the worker, the transfer and the GPU their stops only (streetDetailView.ts).
 */
import type { LonLatBounds, TripBatch } from '../sim/simulation';
import type { SimChannel } from '../state/simChannel';
import { getStreetDetailBounds } from '../worker/streetDetailView';
import type { TripStore } from './tripStore';

export class StreetDetailSync {
  /** Where trips should have their streets now; null when the map is zoomed out. */
  private detailBounds: LonLatBounds | null = null;
  /** Vehicles whose streets were asked for (each once; a new run or a rewind forgets them). */
  private readonly asked = new Set<number>();

  constructor(
    private readonly channel: SimChannel,
    private readonly store: TripStore,
  ) {}

  /** The map shows `view` at `zoom`: the worker is told, and trips now in view get their streets. */
  showView(view: LonLatBounds, zoom: number, displayTimeS: number): void {
    this.channel.setViewport(view, zoom);
    this.detailBounds = getStreetDetailBounds(view, zoom);
    this.askForStreets(displayTimeS);
  }

  /**
   * Asks for the streets of the store's stop-level trips in view and still on the road at
   * `displayTimeS`: after a move, and after trips arrive (the worker drew those before it knew
   * the view, or they come from a replay).
   */
  askForStreets(displayTimeS: number): void {
    if (!this.detailBounds) return;
    const batch = this.store.collectStopLevelTrips(this.detailBounds, displayTimeS, this.asked);
    if (batch) this.channel.drawStreets(batch);
  }

  /** The worker's answer: the same trips street by street. */
  receiveStreetPaths(batch: TripBatch): void {
    this.store.replacePaths(batch);
  }

  /** The trips held were dropped (a seek, a new run, a rewind): vehicles may come again stop to stop. */
  forgetAsked(): void {
    this.asked.clear();
  }
}
