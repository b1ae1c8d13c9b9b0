import { describe, expect, test } from 'vitest';
import { defaultParams, getParamDeclaration, PARAM_DECLARATIONS, type Params } from '../../src/sim/params';
import { describeParamChanges } from '../../src/ui/paramChanges';
import {
  formatParamValue,
  formatParamValueWithUnit,
  getParamUnit,
  isShownAsPercent,
} from '../../src/ui/paramDisplay';
import { describeScale } from '../../src/ui/realVolume';

function numberDeclaration(key: string) {
  const declaration = getParamDeclaration(key as keyof Params);
  if (declaration?.kind !== 'number') throw new Error(`${key} is not a number parameter`);
  return declaration;
}

describe('the drawer shows shares as percentages, as the header states the scale', () => {
  test('a share reads "20%", not "0.2 fraction"', () => {
    const sameDay = numberDeclaration('sameDayShare');
    expect(formatParamValue(sameDay, 0.2)).toBe('20%');
    expect(getParamUnit(sameDay)).toBe('');
    expect(formatParamValueWithUnit(sameDay, 0.07)).toBe('7%');
    expect(formatParamValueWithUnit(numberDeclaration('flexBaseAcceptance'), 0.8)).toBe('80%');
  });

  test("the scale reads as the header's: 1% of real volume beside 'simulating 1%'", () => {
    const scale = numberDeclaration('scale');
    expect(formatParamValueWithUnit(scale, 0.01)).toBe('1% of real volume');
    expect(describeScale(0.01)).toContain(`simulating ${formatParamValue(scale, 0.01)}`);
    // The smallest step still reads apart from its neighbours.
    expect(formatParamValue(scale, 0.0005)).toBe('0.05%');
    expect(formatParamValue(scale, 0.001)).toBe('0.1%');
  });

  test('no parameter the drawer shows has the word "fraction" or "probability" in its unit', () => {
    const worded = PARAM_DECLARATIONS.filter((declaration) =>
      /fraction|probability/.test(getParamUnit(declaration)),
    ).map((declaration) => `${declaration.key}: ${getParamUnit(declaration)}`);
    expect(worded).toEqual([]);
  });

  test('every step of a share slider reads as its own whole percentage, and back to the stored fraction', () => {
    for (const declaration of PARAM_DECLARATIONS) {
      if (declaration.kind !== 'number' || !isShownAsPercent(declaration)) continue;
      const steps = Math.round((declaration.max - declaration.min) / declaration.step);
      const seen = new Set<string>();
      for (let index = 0; index <= steps; index += 1) {
        const stored = declaration.min + index * declaration.step;
        const shown = formatParamValue(declaration, stored);
        expect(shown, `${declaration.key} at ${stored}`).toMatch(/^\d+(\.\d+)?%$/);
        // What the person reads is the stored value: "20%" means 0.2 to within float noise.
        expect(Number.parseFloat(shown) / 100, `${declaration.key}: ${shown}`).toBeCloseTo(stored, 9);
        seen.add(shown);
      }
      expect(seen.size, `${declaration.key}: steps that read alike`).toBe(steps + 1);
    }
  });

  test('other units are left as the model states them', () => {
    const vans = numberDeclaration('vansPerStation');
    expect(isShownAsPercent(vans)).toBe(false);
    expect(getParamUnit(vans)).toBe(vans.unit);
    expect(formatParamValue(vans, 180)).toBe('180');
  });

  test('the timeline names a share change in percent: "Same-day share 20% → 35%"', () => {
    const params = defaultParams();
    expect(describeParamChanges(params, { sameDayShare: 0.35 })).toBe(
      `Same-day share ${formatParamValue(numberDeclaration('sameDayShare'), params.sameDayShare)} → 35%`,
    );
    expect(describeParamChanges({ ...params, sameDayShare: 0.2 }, { sameDayShare: 0.35 })).toBe(
      'Same-day share 20% → 35%',
    );
  });
});
