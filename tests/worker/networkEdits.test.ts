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
});
