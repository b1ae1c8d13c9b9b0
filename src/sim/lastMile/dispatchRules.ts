/**
 * Which dispatch wave offers a vehicle to which parcel (lastMile.ts's header says why): partner
 * carriers' parcels go at any wave, own-fleet parcels at the van wave, and at a later wave only
 * when tomorrow's vans would be too late for their promise (a same-day Flex block). The
 * dispatcher decides by these rules and the journal records its decisions; the rule itself is
 * injectable so that tests and experiments can change it and see everything follow.
 */
import type { Params } from '../params';
import { getTomorrowsVanWaveS, listWavesAfter, VAN_WAVE } from '../schedules';

/** Hours from tomorrow's van wave to a van's typical delivery, for "would be late by tomorrow" (A). */
export const VAN_EXPECTED_DELIVERY_S = 5 * 3600;

export interface DispatchRules {
  /**
   * An own-fleet parcel at a wave after the van wave: true to offer it a Flex block today,
   * false to let it wait for tomorrow's vans.
   */
  needsFlexToday(deadlineS: number, tomorrowsVanWaveS: number): boolean;
}

export const DEFAULT_DISPATCH_RULES: DispatchRules = {
  needsFlexToday: (deadlineS, tomorrowsVanWaveS) => deadlineS < tomorrowsVanWaveS + VAN_EXPECTED_DELIVERY_S,
};

/**
 * The longest an own-fleet parcel waits at its station for a van, s: a parcel that has been ready
 * this long was already left behind by a van wave, and the next wave offers it a Flex block rather
 * than let it wait another day. Stations clear their floor daily ("sort to zero"); without the
 * bound, a fleet a few percent short of its station's volume piles the parcels whose promises can
 * wait onto the floor day after day (earliest deadlines board first), and the backlog grows for
 * weeks until they fall due (A).
 */
export const MAX_WAIT_FOR_VANS_S = 24 * 3600;

/** An own-fleet parcel ready at its station since `readyS` that may still wait for tomorrow's vans at `waveS`. */
export function mayWaitForVans(readyS: number, waveS: number): boolean {
  return waveS - readyS < MAX_WAIT_FOR_VANS_S;
}

/** How long a parcel may have waited at its station and still stay past a last wave, s (two days). */
export const MAX_KEPT_AT_STATION_S = 2 * MAX_WAIT_FOR_VANS_S;

/**
 * An own-fleet parcel that no vehicle took at the day's last wave (the vans and Flex drivers were
 * all out) stays at its station for tomorrow's vans when its promise can wait for them, and goes
 * to a partner carrier only when it cannot: handing a parcel with days to spare to USPS costs a
 * partner's rate for a delivery the own fleet makes in time tomorrow (stations roll such parcels
 * over to the next day). It stays once: a parcel ready for MAX_KEPT_AT_STATION_S goes to a partner
 * whatever its promise, so the floor still clears (a parcel waits three days at most).
 */
export function mayKeepPastLastWave(
  rules: DispatchRules,
  readyS: number,
  waveS: number,
  deadlineS: number,
  tomorrowsVanWaveS: number,
): boolean {
  return waveS - readyS < MAX_KEPT_AT_STATION_S && !rules.needsFlexToday(deadlineS, tomorrowsVanWaveS);
}

/** Whether wave `waveIndex` at `waveS` offers a vehicle to a parcel, given vehicles to spare. */
export function isOfferedAtWave(
  rules: DispatchRules,
  waveIndex: number,
  waveS: number,
  partner: boolean,
  deadlineS: number,
): boolean {
  if (partner || waveIndex === VAN_WAVE) return true;
  if (waveIndex < VAN_WAVE) return false;
  return rules.needsFlexToday(deadlineS, getTomorrowsVanWaveS(waveS, waveIndex));
}

/**
 * The first wave of a station (`shiftH` its wave shift) strictly after `afterS` that offers a
 * vehicle to such a parcel.
 */
export function getFirstOfferingWaveS(
  rules: DispatchRules,
  params: Pick<Params, 'firstWaveHour'>,
  offsetH: number,
  shiftH: number,
  afterS: number,
  partner: boolean,
  deadlineS: number,
): number {
  const waves = listWavesAfter(params, offsetH, shiftH, afterS);
  // The next day's van wave offers to every parcel, so the search ends within the two days listed.
  const offering = waves.find(({ waveS, waveIndex }) =>
    isOfferedAtWave(rules, waveIndex, waveS, partner, deadlineS),
  );
  return offering?.waveS ?? waves[waves.length - 1].waveS;
}
