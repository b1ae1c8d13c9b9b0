import { describe, expect, test } from 'vitest';
import { DOOR_DEPARTING, DockYard, TRAILER_MOVE_S } from '../../src/scene3d/dockYard';

describe('trailers at the outbound doors', () => {
  test('trailers pull in to match the model’s count, and leave when it drops', () => {
    const yard = new DockYard(12);
    yard.setTarget(5, 0.3);
    expect(yard.present).toBe(5);
    yard.advance(TRAILER_MOVE_S);
    expect(yard.isMoving).toBe(false);
    yard.setTarget(3, 0.3);
    expect(yard.present).toBe(3);
    expect(yard.departures).toBe(2);
    expect(yard.isMoving).toBe(true);
    yard.advance(TRAILER_MOVE_S);
    expect(yard.isMoving).toBe(false);
    expect(yard.present).toBe(3);
  });

  test('the fullest trailer leaves first', () => {
    const yard = new DockYard(4);
    yard.setTarget(4, 0.5);
    yard.advance(TRAILER_MOVE_S);
    const fullest = yard.fill.indexOf(Math.max(...yard.fill));
    yard.setTarget(3, 0.5);
    expect(yard.state[fullest]).toBe(DOOR_DEPARTING);
  });

  test('a sharp drop in mean fill at the same count swaps a full trailer for an empty one', () => {
    const yard = new DockYard(12);
    yard.setTarget(6, 0.9);
    yard.advance(TRAILER_MOVE_S);
    yard.setTarget(6, 0.4);
    expect(yard.departures).toBe(1);
    expect(yard.present).toBe(6);
  });

  test('trailers spread along the wall rather than packing one end', () => {
    const yard = new DockYard(12);
    yard.setTarget(3, 0.3);
    const used = [...yard.state.keys()].filter((d) => yard.state[d] !== 0);
    expect(used.length).toBe(3);
    expect(Math.max(...used) - Math.min(...used)).toBeGreaterThanOrEqual(6);
    yard.setTarget(12, 0.3);
    expect(yard.present).toBe(12);
  });

  test('counts above the doors are clamped; fill stays within 0-1', () => {
    const yard = new DockYard(12);
    yard.setTarget(40, 1);
    expect(yard.present).toBe(12);
    for (const fill of yard.fill) {
      expect(fill).toBeGreaterThanOrEqual(0);
      expect(fill).toBeLessThanOrEqual(1);
    }
  });
});
