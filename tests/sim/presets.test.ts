import { describe, expect, test } from 'vitest';
import { defaultParams, validateParams } from '../../src/sim/params';
import { applyPreset, PRESETS } from '../../src/sim/presets';

describe('presets', () => {
  test('every preset is a valid parameter set with a unique name, a label and a description', () => {
    const names = new Set<string>();
    for (const preset of PRESETS) {
      expect(names.has(preset.name), `duplicate preset ${preset.name}`).toBe(false);
      names.add(preset.name);
      expect(preset.label.length).toBeGreaterThan(0);
      expect(preset.description.length).toBeGreaterThan(10);
      const { errors } = validateParams(
        applyPreset(defaultParams(), preset) as unknown as Record<string, unknown>,
      );
      expect(errors, `preset ${preset.name}`).toEqual([]);
    }
  });

  test('the issue’s scenarios are all there', () => {
    const names = PRESETS.map((preset) => preset.name);
    for (const wanted of [
      'default',
      'prime-day',
      'december-peak',
      'winter-storm',
      'usps-disruption',
      'flex-pay-cut',
      'no-pre-positioning',
      'no-route-optimisation',
    ]) {
      expect(names).toContain(wanted);
    }
  });
});
