import { describe, expect, test } from 'vitest';
import { DELIVERY_STATION } from '../../src/sim/kinds';
import { smallParams } from '../sim/simHelpers';
import { HostDriver } from './hostDriver';

const H = 3600;

describe('SimHost: network edits as the page sends them', () => {
  test('an edit the model cannot honour is named and changes nothing; one it can rebuilds the network at the time on screen', () => {
    const params = smallParams({ scale: 0.0005 });
    const host = HostDriver.start(params, 5).playTo(2 * H);
    let mark = host.received.length;
    host.send({ type: 'setParams', partial: { networkEdits: 'add:station:-60,45@day1h2' }, atTimeS: 2 * H });
    const refused = host.since(mark).find((message) => message.type === 'paramsApplied');
    expect(refused).toMatchObject({ params: { networkEdits: '' }, rebuilt: false });
    expect(refused?.type === 'paramsApplied' && refused.errors.join(' ')).toMatch(
      /add:station:-60,45@day1h2: -60,45 is outside the contiguous US/,
    );
    expect(host.model().checkInvariants()).toEqual([]);

    mark = host.received.length;
    const edit = 'add:station:-105.08,40.59@day1h2';
    host.send({ type: 'setParams', partial: { networkEdits: edit }, atTimeS: 2 * H });
    const applied = host.since(mark).find((message) => message.type === 'paramsApplied');
    expect(applied).toMatchObject({ params: { networkEdits: edit }, rebuilt: true, errors: [] });
    const facilities = applied?.type === 'paramsApplied' ? (applied.network?.facilities ?? []) : [];
    const added = facilities.at(-1);
    expect(added).toMatchObject({ kind: DELIVERY_STATION, lon: -105.08, lat: 40.59 });
    expect(
      applied?.type === 'paramsApplied' && Array.from(applied.network?.serviceAreas.stationId ?? []),
    ).toContain(added?.id);
    // The link and a restart reproduce it: a run with the edit from the start builds the same facility.
    const fromLink = HostDriver.start({ ...params, networkEdits: edit }, 5);
    expect(fromLink.messagesOf('ready')[0]?.network.facilities.at(-1)).toEqual(added);
  });

  test('a link whose edits the model cannot honour opens the run without them, naming why', () => {
    const host = HostDriver.start(
      { ...smallParams({ scale: 0.0005 }), networkEdits: 'remove:f99999@day1h2' },
      5,
    );
    const refused = host.messagesOf('paramsApplied')[0];
    expect(refused?.errors.join(' ')).toMatch(/remove:f99999@day1h2: there is no facility f99999/);
    expect(host.messagesOf('ready')[0]?.params.networkEdits).toBe('');
    host.playTo(H);
    expect(host.model().checkInvariants()).toEqual([]);
  });

  test('when an edit takes effect later in the run, the tick from then on carries the network in force; an area focus sums its facilities', () => {
    const edit = 'add:station:-105.08,40.59@day1h2';
    const host = HostDriver.start({ ...smallParams({ scale: 0.0005 }), networkEdits: edit }, 5);
    const ready = host.messagesOf('ready')[0];
    const added = ready.network.facilities.length - 1;
    expect(ready.network.operating[added]).toBe(0);
    expect(Array.from(ready.network.serviceAreas.stationId)).not.toContain(added);
    const metro = ready.network.facilities[added].metro;
    expect(ready.network.metroStations[metro]).not.toContain(added);
    const neighbour = ready.network.metroStations[metro][0];
    host.send({ type: 'focusArea', facilityIds: [added, neighbour] });
    host.send({ type: 'focusFacility', facilityId: neighbour });
    host.playTo(3 * H);
    const withNetwork = host.messagesOf('tick').filter((tick) => tick.network);
    // Once, when the edit took effect (ready carried the first): not on every tick.
    expect(withNetwork.map((tick) => tick.timeS)).toEqual([2 * H]);
    const inForce = withNetwork[0].network;
    expect(inForce?.operating[added]).toBe(1);
    expect(Array.from(inForce?.serviceAreas.stationId ?? [])).toContain(added);
    expect(inForce?.metroStations[metro]).toContain(added);
    // The area's rows are the sum of its facilities' rows (here: the neighbour's, the new one's zero before 2 h).
    const area = host.messagesOf('areaHours');
    const own = host.messagesOf('facilityHours').filter((hours) => hours.facilityId === neighbour);
    expect(area.length).toBeGreaterThan(0);
    const firstHourArea = area.find((message) => message.firstHour === 0);
    const firstHourOwn = own.find((message) => message.firstHour === 0);
    expect(firstHourArea?.hourRows.length).toBeGreaterThan(0);
    expect(Array.from(firstHourArea?.hourRows ?? [])).toEqual(Array.from(firstHourOwn?.hourRows ?? []));
    // A seek back before the edit: the next tick says which network holds there.
    const mark = host.received.length;
    host.send({ type: 'seek', timeS: H });
    const afterSeek = host.since(mark).find((message) => message.type === 'tick');
    expect(afterSeek?.type === 'tick' && afterSeek.network?.operating[added]).toBe(0);
  });
});
