import { describe, expect, it } from 'vitest';
import { COMPARE_ROWS } from '../../src/panels/ComparePanel';
import { describeDelta } from '../../src/panels/CompareTable';

/** The compare table's row `key`. */
function row(key: string) {
  const found = COMPARE_ROWS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no compare row ${key}`);
  return found;
}

describe('a B − A cell', () => {
  it('signs a difference in the row format and colours it by which way is better', () => {
    const clickToDoor = row('clickToDoorH');
    const slower = describeDelta(0.3, clickToDoor.format, clickToDoor.higherIsBetter);
    expect(slower.text).toBe(`+${clickToDoor.format(0.3)}`);
    expect(slower.tone).toBe('bad');
    expect(describeDelta(-0.3, clickToDoor.format, clickToDoor.higherIsBetter)).toEqual({
      text: `−${clickToDoor.format(0.3)}`,
      tone: 'good',
    });
    const onTime = row('onTimeRate');
    expect(describeDelta(0.003, onTime.format, onTime.higherIsBetter).tone).toBe('good');
  });

  it('leaves a difference the row format rounds to nothing unsigned and uncoloured', () => {
    const clickToDoor = row('clickToDoorH');
    // 0.04 h shows as the format's zero: neither B slower nor quicker as far as the cell can say.
    const rounded = describeDelta(0.04, clickToDoor.format, clickToDoor.higherIsBetter);
    expect(rounded.text).toBe(clickToDoor.format(0));
    expect(rounded.text).not.toMatch(/[1-9+−]/);
    expect(rounded.tone).toBe('none');
    const cost = row('costPerParcelUsd');
    expect(describeDelta(-0.001, cost.format, cost.higherIsBetter).tone).toBe('none');
    expect(describeDelta(0, cost.format, cost.higherIsBetter)).toEqual({
      text: cost.format(0),
      tone: 'none',
    });
    expect(describeDelta(Number.NaN, cost.format, cost.higherIsBetter)).toEqual({ text: '–', tone: 'none' });
  });
});
