import { describe, expect, test } from 'vitest';
import { defaultParams, getParamDeclaration } from '../../src/sim/params';
import { applyPreset, getPreset } from '../../src/sim/presets';
import { describeChangesFromScenario } from '../../src/ui/paramChanges';

const winterStorm = getPreset('winter-storm');

describe('the scenario line names what differs from the scenario it shows', () => {
  test('the calibrated defaults, and a preset as it is, change nothing', () => {
    expect(describeChangesFromScenario(defaultParams(), undefined)).toBe('');
    expect(winterStorm).toBeDefined();
    expect(describeChangesFromScenario(applyPreset(defaultParams(), winterStorm!), winterStorm)).toBe('');
  });

  test("a link's or a slider's values are named against the scenario's, each once", () => {
    const vans = getParamDeclaration('vansPerStation');
    const centers = getParamDeclaration('fulfillmentCenterCount');
    if (vans?.kind !== 'number' || centers?.kind !== 'number') throw new Error('declarations changed');
    const params = { ...defaultParams(), vansPerStation: 20, fulfillmentCenterCount: 20 };
    const text = describeChangesFromScenario(params, undefined);
    expect(text).toContain(`${vans.label} ${vans.default} → 20`);
    expect(text).toContain(`${centers.label} ${centers.default} → 20`);
    expect(text.split('; ')).toHaveLength(2);
    // Against the storm preset, its own storm values are the baseline, not the defaults.
    const stormed = { ...applyPreset(defaultParams(), winterStorm!), vansPerStation: 20 };
    expect(describeChangesFromScenario(stormed, winterStorm)).toBe(`${vans.label} ${vans.default} → 20`);
    // The same storm values read as changes against the calibrated defaults.
    expect(describeChangesFromScenario(stormed, undefined)).toContain('Storm');
  });

  test('the scale, the calendar day and network edits are stated elsewhere and not repeated', () => {
    const params = { ...defaultParams(), scale: 0.002, startDayOfYear: 300, networkEdits: 'close:fc-0' };
    expect(describeChangesFromScenario(params, undefined)).toBe('');
  });
});
