/**
 * The followed order's journey in words: stage names and cause sentences with their figures,
 * from the model's structured explanation (explainJourney). The model says what happened; this
 * file is the only place that says it in English.
 */
import type { JourneyCause, JourneyStage } from '../../sim/journey';
import { formatClockTime, HOUR_S } from '../../sim/schedules';
import { formatRealParcelCount } from '../realVolume';

export const CARRIER_LABELS: Record<string, string> = {
  van: 'Delivery van',
  flex: 'Amazon Flex driver',
  usps: 'USPS',
  regional: 'Regional carrier',
};

/** The carrier choice's reasons (carrierChoice.ts CHOICE_REASONS) in a presenter's words. */
export const REASON_LABELS: Record<string, string> = {
  ownRoute: 'own route in the station area',
  flexOverflow: 'vans full, a Flex block was taken',
  flexSameDay: 'same-day Flex block',
  uspsCheaper: 'USPS cheaper than a van at its weight, and on time',
  uspsRural: 'rural address, USPS cheapest',
  regionalRural: 'rural address, regional carrier cheapest',
  regionalOverflow: 'no van or Flex capacity left',
  uspsOverflow: 'no van or Flex capacity left',
};

const LEG_LABELS: Record<string, string> = {
  fcToSortCenter: 'Line-haul to the sortation center',
  sortCenterTransfer: 'Line-haul between sortation centers',
  sortCenterToStation: 'Line-haul to the delivery station',
};

/** E.g. "At the fulfillment center (pick, pack, label)". */
export function getStageLabel(stage: JourneyStage): string {
  switch (stage.kind) {
    case 'atFc':
      return 'At the fulfillment center (pick, pack, label)';
    case 'atFcDock':
      return 'Waiting at the FC dock for its trailer';
    case 'lineHaul':
      return (stage.leg && LEG_LABELS[stage.leg]) ?? 'Line-haul';
    case 'atSortCenter':
      return 'At the sortation center';
    case 'atStation':
      return 'At the delivery station (sort, wait for its wave)';
    case 'lastMile':
      return stage.carrier === 'usps' || stage.carrier === 'regional'
        ? 'With the carrier'
        : 'Out for delivery';
  }
}

function formatHours(seconds: number): string {
  return `${(seconds / HOUR_S).toFixed(1)} h`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One cause in plain words with its figures, e.g. "joined a pick queue with 321,400 parcels
 * ahead: …": queues at real volume (`scale`: the run's), as the header and the 3D view count them.
 */
export function describeCause(cause: JourneyCause, scale = 1): string {
  switch (cause.kind) {
    case 'fcClosed':
      return `ordered while the FC was closed: ${formatHours(cause.closedS)} until the shift at ${String(cause.shiftStartHour).padStart(2, '0')}:00`;
    case 'fcQueue':
      return cause.picked
        ? `joined a pick queue with ${formatRealParcelCount(cause.parcelsAhead, scale)} parcels ahead: ${formatHours(cause.waitS)} before a robot picked it`
        : `joined a pick queue with ${formatRealParcelCount(cause.parcelsAhead, scale)} parcels ahead: waiting for a robot for ${formatHours(cause.waitS)} so far`;
    case 'missedCutoff': {
      const localCutoff = formatClockTime(cause.cutoffS + cause.utcOffsetH * HOUR_S);
      const several = cause.cutoffsMissed > 1 ? `, ${cause.cutoffsMissed} cut-offs` : '';
      return `missed the trailer cut-off at ${localCutoff} (trailer not full enough to leave${several}): waited ${formatHours(cause.waitedS)} at the dock`;
    }
    case 'weather':
      return cause.vehicles === 'trucks'
        ? `storm in the region: trucks at ${Math.round(cause.speedFactor * 100)}% speed (${formatHours(cause.costS)} longer)`
        : `storm in the region: vans and cars at ${Math.round(cause.speedFactor * 100)}% speed`;
    case 'sortQueue':
      return cause.at === 'sortCenter'
        ? `joined a sort queue with ${formatRealParcelCount(cause.parcelsAhead, scale)} parcels ahead: sorted too late for the next truck out, it left ${formatHours(cause.waitS)} after it`
        : `joined a station sort queue with ${formatRealParcelCount(cause.parcelsAhead, scale)} parcels ahead: sorted after ${formatHours(cause.waitS)}`;
    case 'waitedForDeparture':
      return `its trailer left ${formatHours(cause.lateS)} after the next scheduled departure`;
    case 'dockDoors':
      return `every dock door was busy: its trailer waited ${formatHours(cause.waitS)} for one to be loaded`;
    case 'noFlexDriver':
      return `no Flex driver took its block: deferred ${plural(cause.waves, 'wave')} (${formatHours(cause.waitingS)} waiting)`;
    case 'noRoute':
      return `no route could take it: deferred ${plural(cause.waves, 'wave')} (vans full, ${formatHours(cause.waitingS)} waiting)`;
    case 'waitedForVans':
      return `reached the station after the van wave: waited ${plural(cause.waves, 'wave')} for the next day's vans`;
    case 'lastMileChoice':
      return `${CARRIER_LABELS[cause.carrier] ?? cause.carrier}: ${REASON_LABELS[cause.reason] ?? cause.reason}`;
    case 'carrierSlow':
      return `${cause.storm ? 'storm in the region: ' : ''}the carrier took ${formatHours(cause.serviceS)} to start its door run (typically ${formatHours(cause.typicalS)})`;
  }
}
