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

  it('shows shares apart in points, and a small one in hundredths: 98.8% against 98.9% never reads 0.0', () => {
    const onTime = row('onTimeRate');
    expect(onTime.format(0.9884)).toBe('98.8%');
    expect(onTime.format(0.9886)).toBe('98.9%');
    expect(describeDelta(0.9886 - 0.9884, onTime.format, onTime.higherIsBetter)).toEqual({
      text: '+0.02 pt',
      tone: 'good',
    });
    expect(describeDelta(-0.055, onTime.format, onTime.higherIsBetter).text).toBe('−5.5 pt');
    expect(describeDelta(0, onTime.format, onTime.higherIsBetter)).toEqual({ text: '0.0 pt', tone: 'none' });
    // Click to door 27.7 h against 27.8 h: minutes under a tenth of an hour.
    const clickToDoor = row('clickToDoorH');
    expect(describeDelta(0.06, clickToDoor.format, clickToDoor.higherIsBetter)).toEqual({
      text: '+4 min',
      tone: 'bad',
    });
    expect(describeDelta(0.3, clickToDoor.format, clickToDoor.higherIsBetter).text).toBe('+0.3 h');
  });

  it('leaves a difference the row format rounds to nothing unsigned and uncoloured', () => {
    const clickToDoor = row('clickToDoorH');
    // 0.004 h (15 s) shows as "0 min": neither B slower nor quicker as far as the cell can say.
    const rounded = describeDelta(0.004, clickToDoor.format, clickToDoor.higherIsBetter);
    expect(rounded.text).toBe('0 min');
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
