/**
 * What the worker sends about its model, built from the model's views: copies, because the model
 * reuses its columns on the next step and these are transferred to the page.
 */
import type { Simulation } from '../sim/simulation';
import type { FacilityStateColumns, KpiHourRows, NetworkMessage, TickKpis } from './protocol';

export function copyFacilityState(model: Simulation): FacilityStateColumns {
  const state = model.readFacilityState();
  return {
    backlogParcels: state.backlogParcels.slice(),
    throughputPerHour: state.throughputPerHour.slice(),
    robotsBusy: state.robotsBusy.slice(),
    robotsTotal: state.robotsTotal.slice(),
    pickQueue: state.pickQueue.slice(),
    packQueue: state.packQueue.slice(),
    trailersAtDock: state.trailersAtDock.slice(),
    trailerFill: state.trailerFill.slice(),
    dockDoors: state.dockDoors.slice(),
    weatherSpeedFactor: state.weatherSpeedFactor.slice(),
  };
}

/** The static network as the page draws it (copies: the model keeps its own for the run). */
export function describeNetwork(model: Simulation): NetworkMessage {
  const network = model.network;
  return {
    facilities: network.facilities,
    operating: network.operating.slice(),
    metroStations: network.metroStations,
    highwayPaths: {
      length: network.highwayPaths.length,
      startIndices: network.highwayPaths.startIndices.slice(),
      positions: network.highwayPaths.positions.slice(),
    },
    serviceAreas: {
      stationId: network.serviceAreas.stationId.slice(),
      radiusKm: network.serviceAreas.radiusKm.slice(),
      polygons: {
        startIndices: network.serviceAreas.polygons.startIndices.slice(),
        positions: network.serviceAreas.polygons.positions.slice(),
      },
    },
  };
}

/**
 * The KPI part of each tick: the cumulative figures, and the completed hours the page does not
 * have yet (it keeps the ones it was sent; a seek or a rewind says from which hour they changed).
 */
export class KpiTickWriter {
  /** Completed hours already sent to the page. */
  private hoursSent = 0;

  /** Sends every hour again from the next tick on (a new run: the page's history was reset). */
  restart(): void {
    this.hoursSent = 0;
  }

  /** The page holds hours before `hour` only: resend from there. */
  resendFrom(hour: number): void {
    this.hoursSent = Math.min(this.hoursSent, hour);
  }

  /** Completed hours sent so far (a replay's progress messages send hours ahead of its tick). */
  get sentHours(): number {
    return this.hoursSent;
  }

  write(model: Simulation): TickKpis {
    const kpis = model.getKpis();
    const names = Object.keys(kpis.cumulative) as Array<keyof typeof kpis.cumulative>;
    const cumulative = new Float64Array(names.length);
    names.forEach((name, column) => {
      cumulative[column] = kpis.cumulative[name];
    });
    return { cumulative, ...this.writeHours(model), lastMile: kpis.lastMile ?? null };
  }

  /** The completed hours the page does not have yet, alone (a warm start's progress carries them). */
  writeHours(model: Simulation): KpiHourRows {
    const kpis = model.getKpis();
    const names = Object.keys(kpis.cumulative) as Array<keyof typeof kpis.cumulative>;
    const firstHour = Math.min(this.hoursSent, kpis.hours);
    const hourRows = new Float64Array((kpis.hours - firstHour) * names.length);
    names.forEach((name, column) => {
      const series = kpis.hourly[name];
      for (let hour = firstHour; hour < kpis.hours; hour++) {
        hourRows[(hour - firstHour) * names.length + column] = series[hour];
      }
    });
    this.hoursSent = kpis.hours;
    return { hourRows, firstHour };
  }
}
