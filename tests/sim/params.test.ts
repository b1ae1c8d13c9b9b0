import { describe, expect, it } from 'vitest';
import {
  defaultParams,
  PARAM_DECLARATIONS,
  PARAM_GROUPS,
  parseParamOverrides,
  validateParams,
} from '../../src/sim/params';

describe('parameters, declared once', () => {
  it('every declaration has a label, a group, a description and a cited source, and its default is valid', () => {
    for (const declaration of PARAM_DECLARATIONS) {
      expect(declaration.label.length, declaration.key).toBeGreaterThan(0);
      expect(PARAM_GROUPS).toContain(declaration.group);
      expect(declaration.description.length, declaration.key).toBeGreaterThan(10);
      expect(declaration.source.length, declaration.key).toBeGreaterThan(0);
    }
    expect(validateParams(defaultParams()).errors).toEqual([]);
  });

  it('covers every group the drawer shows', () => {
    const groups = new Set(PARAM_DECLARATIONS.map((declaration) => declaration.group));
    expect([...groups].sort()).toEqual([...PARAM_GROUPS].sort());
  });

  it('a validation error names the parameter and its valid range', () => {
    const { errors, params } = validateParams({ robotsPerFc: -5, scale: 'lots', optimiser: 'magic' });
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^robotsPerFc: -5 is out of range; expected 0 to 20000 drive units$/);
    expect(errors[1]).toMatch(/^scale: .* expected 0.0005 to 1/);
    expect(errors[2]).toMatch(/^optimiser: .* one of none, nearestNeighbour, savingsLocalSearch$/);
    expect(params.robotsPerFc).toBe(defaultParams().robotsPerFc);
  });

  it('rejects unknown parameters by name and promise shares that add up past 1', () => {
    expect(validateParams({ robots: 1 }).errors).toEqual(['robots: unknown parameter']);
    const { errors } = validateParams({ sameDayShare: 0.5, nextDayShare: 0.5, twoDayShare: 0.5 });
    expect(errors[0]).toMatch(/sameDayShare \+ nextDayShare \+ twoDayShare: 1.50 exceeds 1/);
  });

  it('parses overrides from CLI key=value strings and from URL query pairs alike', () => {
    const cli = parseParamOverrides(['scale=0.05', 'optimiser=none']);
    const url = parseParamOverrides(new URLSearchParams('scale=0.05&optimiser=none'));
    expect(cli).toEqual({ overrides: { scale: 0.05, optimiser: 'none' }, errors: [] });
    expect(url).toEqual(cli);
    expect(parseParamOverrides(['scale=abc']).errors).toEqual([
      'scale: "abc" is not a number; expected 0.0005 to 1 fraction of real volume',
    ]);
    expect(parseParamOverrides(['scale']).errors[0]).toMatch(/expected key=value/);
  });
});
