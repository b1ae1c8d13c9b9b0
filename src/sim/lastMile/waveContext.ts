/**
 * One station wave as the dispatcher and the partner hand-offs see it: when and where it runs,
 * its rules and the state it may change; and the note a hand-off leaves in the parcel's journal.
 */
import { EVENT_ARRIVED_STATION, EVENT_READY_AT_STATION } from '../kinds';
import type { HandedOff } from '../parcelJournal';
import type { Params } from '../params';
import { readEventTime } from '../parcels';
import { getStationWaveShiftH } from '../schedules';
import {
  CARRIER_NAMES,
  CHOICE_REASONS,
  REASON_REGIONAL_RURAL,
  REASON_USPS_CHEAPER,
  REASON_USPS_RURAL,
} from './carrierChoice';
import { type DispatchRules, getFirstOfferingWaveS } from './dispatchRules';
import type { LastMileHost, LastMileState } from './lastMileState';
import type { WaveParcels } from './waveParcels';

export interface WaveContext {
  params: Params;
  rules: DispatchRules;
  state: LastMileState;
  host: LastMileHost;
  station: number;
  /** The station's UTC offset, h, and region index. */
  offsetH: number;
  region: number;
  queue: number;
  waveIndex: number;
  waveS: number;
  /** The early wave: partner carriers only; own parcels wait for the vans. */
  partnerOnly: boolean;
  vanWave: boolean;
  lastWave: boolean;
  /** The next day's van wave (schedules.ts). */
  nextFirstWaveS: number;
  calendarMultiplier: number;
  routingSeed: number;
}

/**
 * Records in its journal that wave parcel i of `parcels` was handed to a vehicle (its carrier and
 * reason are in the wave state by now), with the station's nominal: the first wave after its
 * arrival and one step of sorting that would have offered it a vehicle, by the wave's rules.
 */
export function recordHandoff(
  wave: WaveContext,
  i: number,
  parcels: WaveParcels,
  handoff: Pick<
    HandedOff,
    'vehicleId' | 'departS' | 'plannedDeliveryS' | 'handoffTruck' | 'carrierReceivedS' | 'typicalServiceS'
  >,
): void {
  const { host, state, params } = wave;
  const slot = parcels.slots[i];
  const c = host.parcels.columns;
  const reason = state.reason[slot];
  const arrivedS = readEventTime(c, slot, EVENT_ARRIVED_STATION, wave.waveS);
  const sortedS = Number.isNaN(arrivedS)
    ? readEventTime(c, slot, EVENT_READY_AT_STATION, wave.waveS)
    : arrivedS + params.stepS;
  // A partner carrier's parcel from the first decision goes at any wave; one that overflowed to a
  // partner was an own-fleet parcel, whose nominal is the own fleet's.
  const partnerFirst =
    reason === REASON_USPS_CHEAPER || reason === REASON_USPS_RURAL || reason === REASON_REGIONAL_RURAL;
  host.journal.record(slot, {
    kind: 'handedOff',
    waveS: wave.waveS,
    waveIndex: wave.waveIndex,
    carrier: CARRIER_NAMES[state.carrier[slot]],
    reason: CHOICE_REASONS[reason],
    ...handoff,
    weatherSpeedFactor: host.regionSpeedFactor[wave.region],
    storm: host.regionStorm[wave.region] === 1,
    nominalWaveS: Number.isNaN(sortedS)
      ? wave.waveS
      : Math.min(
          wave.waveS,
          getFirstOfferingWaveS(
            wave.rules,
            params,
            wave.offsetH,
            getStationWaveShiftH(wave.station),
            sortedS,
            partnerFirst,
            parcels.deadlineS[i],
          ),
        ),
  });
}
