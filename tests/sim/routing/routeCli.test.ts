import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');

const TINY_VRP = [
  'NAME : tiny',
  'TYPE : CVRP',
  'DIMENSION : 4',
  'EDGE_WEIGHT_TYPE : EUC_2D',
  'CAPACITY : 10',
  'NODE_COORD_SECTION',
  '1 0 0',
  '2 3 4',
  '3 6 8',
  '4 -3 -4',
  'DEMAND_SECTION',
  '1 0',
  '2 4',
  '3 5',
  '4 7',
  'DEPOT_SECTION',
  '1',
  '-1',
  'EOF',
  '',
].join('\n');

/** Runs `npm run route -- ...args` the way npm does (tsx), without npm's own output. */
function route(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/route.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run route', () => {
  it('prints the .sol on stdout, a summary with the gap on stderr, and writes --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'route-'));
    writeFileSync(join(dir, 'tiny.vrp'), TINY_VRP);
    writeFileSync(join(dir, 'tiny.sol'), 'Route #1: 1 2\nRoute #2: 3\nCost 30\n');
    const out = join(dir, 'out.sol');
    const result = route(join(dir, 'tiny.vrp'), '--optimiser', 'savings+ls', '--out', out);
    expect(result.stderr).toMatch(
      /^tiny: savings\+ls, cost 30, 2 routes, \d+ ms, gap \+0\.00% to tiny\.sol \(30\)\n$/,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Route #1: .*\nRoute #2: .*\nCost 30\n$/);
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
  });

  // Each case spawns a process (~0.5 s), so the flag checks share one representative case.
  it('rejects a bad flag with exit code 2 and one error line', () => {
    const result = route('x.vrp', '--optimiser', 'genetic');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("--optimiser 'genetic' is not one of none, nearest");
  });

  it('names the line of a malformed instance and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'route-'));
    writeFileSync(join(dir, 'bad.vrp'), TINY_VRP.replace('3 6 8', '3 6'));
    const result = route(join(dir, 'bad.vrp'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/line 9: expected 'id x y' in NODE_COORD_SECTION, got '3 6'/);
  });
});
