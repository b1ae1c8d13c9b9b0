import { describe, expect, it } from 'vitest';
import { runSimInProcess as runSim, type SimCliRun } from './simCliInProcess';

/**
 * One day of a small run with a facility's figures, as text and as JSON: the tests below read
 * the same two runs (each builds the network and runs the model again).
 */
const DAY_ONE = ['--days', '1', '--seed', '3', '--scale', '0.001', '--facility', '0'];
let dayOneRuns: Promise<{ text: SimCliRun; json: SimCliRun }> | null = null;
function dayOne() {
  dayOneRuns ??= (async () => ({
    text: await runSim(DAY_ONE),
    json: await runSim([...DAY_ONE, '--json']),
  }))();
  return dayOneRuns;
}

describe('npm run sim', () => {
  it('prints the KPIs in the domain’s words', async () => {
    const result = (await dayOne()).text;
    expect(result.status, result.stderr).toBe(0);
    for (const words of ['ordered', 'picked (FC)', 'packed (FC)', 'line-haul: left an FC', 'truck miles']) {
      expect(result.stdout).toContain(words);
    }
  });

  it('prints JSON with --json', async () => {
    const result = await runSim(['--days', '0.1', '--scale', '0.001', '--preset', 'prime-day', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.preset).toBe('prime-day');
    expect(report.params.startDayOfYear).toBe(195);
    expect(report.cumulative.ordered).toBeGreaterThan(0);
  });

  it('says which parcels its on-time counts: those due in the window, late if not delivered', async () => {
    const { text, json: jsonRun } = await dayOne();
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('every parcel whose promise fell due, late if not delivered by then');
    expect(text.stdout).toContain('since the start: parcels due day 1 00:00 to day 2 00:00');
    expect(text.stdout).toContain('no steady-state window: the network starts empty');
    expect(text.stdout).toContain('on time, of parcels delivered');
    const json = JSON.parse(jsonRun.stdout);
    expect(json.onTime.fromS).toBe(0);
    expect(json.onTime.toS).toBe(86400);
    expect(json.onTime.due).toBe(json.cumulative.dueParcels);
    expect(json.steadyState).toBeNull();
  });

  it('--facility prints that facility’s delivery figures, and --json carries them', async () => {
    const { text, json } = await dayOne();
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.facility.id).toBe(0);
    expect(report.facility.kind).toBe('fulfillmentCenter');
    const deliveries = report.facility.deliveries;
    expect(deliveries.delivered).toBeGreaterThan(0);
    expect(deliveries.delivered).toBeLessThanOrEqual(report.lastMile.delivered);
    expect(Object.keys(deliveries.byCarrier)).toEqual(['van', 'flex', 'usps', 'regional']);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`facility 0: ${report.facility.name} (fulfillmentCenter`);
    expect(text.stdout).toContain('on time by promise');
    const bad = await runSim(['--days', '0.1', '--scale', '0.001', '--facility', '99999']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('facility: 99999 is not a facility id; expected an integer 0 to');
  });

  it('a bad value exits with code 2 and names the parameter and its valid range', async () => {
    const result = await runSim(['--scale', '7']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('scale: 7 is out of range; expected 0.0005 to 1');
    // One run, several mistakes: every one is reported.
    const many = await runSim(['--robotsPerFc', '-1', '--robots', '5']);
    expect(many.status).toBe(2);
    expect(many.stderr).toContain('robotsPerFc: -1 is out of range; expected 0 to 20000 drive units');
    expect(many.stderr).toContain('robots: unknown parameter');
  });
});
