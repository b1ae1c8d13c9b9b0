import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/sim/params';
import { createScenarioFile, parseScenarioFile } from '../../src/ui/demo/scenarioFile';
import { buildShareUrl, readUrlState } from '../../src/state/urlState';

const EDITS = 'add:station:-104.99,39.74@day2h6;outage:f12:day2-day3;capacity:f3:robots=300@day1h8';

describe('network edits in a link and a scenario file', () => {
  it('a copied link carries them in the edits grammar and reads back the same plan', () => {
    const params = { ...defaultParams(), networkEdits: EDITS };
    const url = new URL(buildShareUrl('http://127.0.0.1:5173/', params, 4, 90_000, 600));
    expect(url.searchParams.get('networkEdits')).toBe(EDITS);
    // Short: the plan's own characters, escaped, and nothing else per edit.
    expect(url.search.length).toBeLessThan(EDITS.length * 1.5 + 60);
    const state = readUrlState(url.search);
    expect(state.errors).toEqual([]);
    expect(state.params.networkEdits).toBe(EDITS);
  });

  it('a bad edit in a link is named and the page opens without it', () => {
    const state = readUrlState('?networkEdits=outage:f12:day3-day2&seed=3');
    expect(state.errors).toEqual([
      'networkEdits: "outage:f12:day3-day2": the outage must end after it starts',
    ]);
    expect(state.params.networkEdits).toBe('');
    expect(state.seed).toBe(3);
  });

  it('a scenario file keeps them', () => {
    const file = createScenarioFile({ ...defaultParams(), networkEdits: EDITS }, 9, null);
    const parsed = parseScenarioFile(JSON.stringify(file));
    expect(parsed.errors).toEqual([]);
    expect(parsed.scenario?.params.networkEdits).toBe(EDITS);
  });

  it("scenario B's edits (a fork an edit made) ride in the link and the file beside A's parameters; a bad one is named", () => {
    const params = { ...defaultParams(), networkEdits: 'remove:f130' };
    const editsB = 'remove:f130;add:station:-75.49,40.608@day2h10';
    const url = new URL(buildShareUrl('http://127.0.0.1:5173/', params, 4, 122_400, 600, { bEdits: editsB }));
    const state = readUrlState(url.search);
    expect(state.errors).toEqual([]);
    expect(state.params.networkEdits).toBe('remove:f130');
    expect(state.networkEditsB).toBe(editsB);
    const bad = readUrlState('?bEdits=add:station:x,y');
    expect(bad.networkEditsB).toBeNull();
    expect(bad.errors[0]).toMatch(
      /^bEdits: networkEdits: "add:station:x,y": expected add:station:<lon>,<lat>/,
    );

    // The same bad edit in A's and B's plans (a copied link's B repeats A's) is named once, for both.
    const repeated = readUrlState('?networkEdits=outage:f12:day3-day2&bEdits=outage:f12:day3-day2;remove:f3');
    expect(repeated.errors).toEqual([
      'bEdits and networkEdits: "outage:f12:day3-day2": the outage must end after it starts',
    ]);
    expect(readUrlState('?networkEdits=outage:f12:day3-day2&bEdits=outage:f1:day3-day2').errors).toEqual([
      'networkEdits: "outage:f12:day3-day2": the outage must end after it starts',
      'bEdits: networkEdits: "outage:f1:day3-day2": the outage must end after it starts',
    ]);

    const file = createScenarioFile(params, 9, null, {
      params: { ...params, networkEdits: editsB },
      forkAtS: null,
    });
    const parsed = parseScenarioFile(JSON.stringify(file));
    expect(parsed.errors).toEqual([]);
    expect(parsed.scenario?.networkEditsB).toBe(editsB);
    expect(
      parseScenarioFile(JSON.stringify({ ...file, networkEditsB: 'outage:f1:day3-day2' })).errors,
    ).toEqual(['networkEditsB: networkEdits: "outage:f1:day3-day2": the outage must end after it starts']);
    // Without B the file has no such field.
    expect(createScenarioFile(params, 9, null)).not.toHaveProperty('networkEditsB');
  });
});
