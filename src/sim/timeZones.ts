/**
 * The US time zone of a place, as hours to add to sim time (US Eastern, the scenario clock) to get
 * its local time: 0 Eastern, -1 Central, -2 Mountain, -3 Pacific. Standard time all year (the
 * model has no daylight saving, and Arizona keeps none: Mountain is right for it).
 *
 * By state, and where a state is split, by the side of its boundary the place lies on. Solar
 * bands of 15° (the model's rule before) put Atlanta, Detroit, Indianapolis, Columbus,
 * Cincinnati, Louisville and 13 more Eastern metros in Central, San Antonio, Austin and Oklahoma
 * City in Mountain and Boise in Pacific: a quarter of the metros ran their waves, promises and
 * order hours an hour off (Atlanta's vans left at 11:00 Eastern).
 */

export const EASTERN = 0;
export const CENTRAL = -1;
export const MOUNTAIN = -2;
export const PACIFIC = -3;
/** Alaska and Hawaii (standard time, against Eastern's UTC-5); the network leaves both out. */
const ALASKA = -4;
const HAWAII = -5;

const ZONE_OF_STATE: Readonly<Record<string, number>> = {
  CT: EASTERN,
  DC: EASTERN,
  DE: EASTERN,
  GA: EASTERN,
  MA: EASTERN,
  MD: EASTERN,
  ME: EASTERN,
  NC: EASTERN,
  NH: EASTERN,
  NJ: EASTERN,
  NY: EASTERN,
  OH: EASTERN,
  PA: EASTERN,
  RI: EASTERN,
  SC: EASTERN,
  VA: EASTERN,
  VT: EASTERN,
  WV: EASTERN,
  AL: CENTRAL,
  AR: CENTRAL,
  IA: CENTRAL,
  IL: CENTRAL,
  LA: CENTRAL,
  MN: CENTRAL,
  MO: CENTRAL,
  MS: CENTRAL,
  OK: CENTRAL,
  WI: CENTRAL,
  AZ: MOUNTAIN,
  CO: MOUNTAIN,
  MT: MOUNTAIN,
  NM: MOUNTAIN,
  UT: MOUNTAIN,
  WY: MOUNTAIN,
  CA: PACIFIC,
  WA: PACIFIC,
  AK: ALASKA,
  HI: HAWAII,
};

/**
 * Split states: the zone west of a meridian (and within a latitude band where the split is local),
 * and the zone elsewhere. The lines follow the county boundaries near the places the data holds.
 */
function getSplitStateZone(state: string, lon: number, lat: number): number | undefined {
  switch (state) {
    case 'FL': // the panhandle west of the Apalachicola River (Pensacola, Panama City)
      return lon < -85.0 ? CENTRAL : EASTERN;
    case 'IN': // the Chicago counties in the north-west (Gary, Portage) and Evansville's corner
      return lon < -86.9 && (lat > 41.0 || lat < 38.6) ? CENTRAL : EASTERN;
    case 'KY': // the west (Bowling Green, Owensboro, Paducah); Louisville and Lexington Eastern
      return lon < -86.0 ? CENTRAL : EASTERN;
    case 'MI': // the four Upper Peninsula counties on Wisconsin
      return lon < -87.0 && lat > 45.0 ? CENTRAL : EASTERN;
    case 'TN': // Middle and West Tennessee (Nashville, Memphis); Knoxville and Chattanooga Eastern
      return lon < -85.6 ? CENTRAL : EASTERN;
    case 'TX': // El Paso and Hudspeth counties
      return lon < -104.9 ? MOUNTAIN : CENTRAL;
    case 'KS': // the four western counties on Colorado
      return lon < -101.5 ? MOUNTAIN : CENTRAL;
    case 'NE': // the western panhandle (Scottsbluff)
      return lon < -101.0 ? MOUNTAIN : CENTRAL;
    case 'ND': // the south-west (Dickinson)
      return lon < -101.3 && lat < 47.5 ? MOUNTAIN : CENTRAL;
    case 'SD': // west of the Missouri (Rapid City)
      return lon < -100.6 ? MOUNTAIN : CENTRAL;
    case 'ID': // the northern panhandle (Coeur d'Alene); Boise Mountain
      return lat > 45.5 ? PACIFIC : MOUNTAIN;
    case 'OR': // Malheur County (Ontario)
      return lon > -117.7 && lat < 44.5 ? MOUNTAIN : PACIFIC;
    case 'NV': // West Wendover
      return lon > -114.2 ? MOUNTAIN : PACIFIC;
    default:
      return undefined;
  }
}

/** Hours to add to sim time (US Eastern) to get local time at a place in `state` (its postal code). */
export function getTimeZoneOffsetH(state: string, lon: number, lat: number): number {
  const zone = getSplitStateZone(state, lon, lat) ?? ZONE_OF_STATE[state];
  if (zone === undefined) throw new Error(`time zone: no US state "${state}"`);
  return zone;
}
