/**
 * The order vitest starts test files in: the slowest first, so that on two cores the last file to
 * finish is a short one. Vitest's own order needs the results of an earlier run, which a fresh
 * clone (CI) does not have; without them it starts the largest files first, and a small file that
 * runs the model for 50 s started last kept one core busy alone for most of a minute.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each of the slow unit files took on the clean-clone CI run of de5708f (2 cores, other
 * work on the machine; the CLI tests as they run in-process since): weights for the order, not limits. A file not listed here takes a few
 * seconds at most and starts after these, in vitest's own order.
 */
export const UNIT_FILE_SECONDS: Readonly<Record<string, number>> = {
  'tests/sim/randomScenarios.test.ts': 51,
  'tests/sim/queueing.test.ts': 45,
  'tests/sim/lastMile/lastMile.test.ts': 41,
  'tests/sim/networkEdits.test.ts': 30,
  'tests/sim/journey.test.ts': 29,
  'tests/sim/invariants.test.ts': 25,
  'tests/sim/presetDirections.test.ts': 24,
  'tests/worker/simHost.test.ts': 20,
  'tests/state/simChannel.test.ts': 20,
  'tests/scene3d/followedTote.test.ts': 18,
  'tests/sim/placedOrders.test.ts': 14,
  'tests/sim/experimentsCli.test.ts': 9,
  'tests/sim/cli.test.ts': 6,
  'tests/sim/directional.test.ts': 14,
  'tests/sim/smoke.test.ts': 13,
  'tests/worker/changeTimeline.test.ts': 13,
  'tests/sim/soak.test.ts': 10,
  'tests/sim/determinism.test.ts': 9,
  'tests/sim/land.test.ts': 9,
  'tests/sim/dueLedger.test.ts': 7,
  'tests/sim/networkEditEffects.test.ts': 7,
  'tests/sim/baseline.test.ts': 6,
  'tests/worker/facilityHours.test.ts': 6,
  'tests/fuzz/boundaries.test.ts': 5,
  'tests/sim/whyLate.test.ts': 5,
  'tests/sim/lastMile/facilityDeliveries.test.ts': 5,
  'tests/sim/routing/routeCli.test.ts': 4,
  'tests/sim/networkEditsCli.test.ts': 3,
  'tests/worker/networkEdits.test.ts': 3,
};

/** Vitest's order (projects apart, the cache's durations when it has them), slowest listed first. */
export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const projectRank = new Map<string, number>();
    for (const spec of sorted) {
      if (!projectRank.has(spec.project.name)) projectRank.set(spec.project.name, projectRank.size);
    }
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification) =>
      UNIT_FILE_SECONDS[relative(root, spec.moduleId).replaceAll('\\', '/')] ?? 0;
    // Array.prototype.sort is stable: files of equal weight keep vitest's order.
    return sorted.sort(
      (a, b) =>
        (projectRank.get(a.project.name) ?? 0) - (projectRank.get(b.project.name) ?? 0) ||
        seconds(b) - seconds(a),
    );
  }
}
