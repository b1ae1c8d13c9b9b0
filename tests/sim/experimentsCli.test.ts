import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSweep } from '../../scripts/experiments/experiments';
import { runSimInProcess as runSim } from './simCliInProcess';

/** A tiny, short run: the flags are what is tested, not the figures. */
const TINY = ['--days', '0.1', '--scale', '0.0005', '--seed', '4'];

describe('npm run sim experiments', () => {
  it('--replications N prints every KPI as mean ± 95% CI over N seeds, with a progress bar on stderr', async () => {
    const result = await runSim([...TINY, '--replications', '3', '--workers', '2']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('run: 3 replications (seeds 4-6), 0.1 sim days each: mean ± 95% CI');
    expect(result.stdout).toMatch(/cumulative\.ordered\s+[\d.]+ ± [\d.]+/);
    expect(result.stdout).toMatch(/onTime\.due\s+/);
    expect(result.stderr).toContain('3/3 jobs');
  });

  it('--sweep key=a:b:steps writes a CSV with a mean and a CI column per KPI, one row per value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcelscope-sweep-'));
    const out = join(dir, 'sweep.csv');
    const result = await runSim([
      ...TINY,
      '--replications',
      '2',
      '--sweep',
      'demandMultiplier=0.5:1.5:3',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    const columns = header.split(',');
    expect(columns.slice(0, 2)).toEqual(['demandMultiplier', 'replications']);
    expect(columns).toContain('cumulative.ordered.mean');
    expect(columns).toContain('cumulative.ordered.ci95');
    expect(rows.map((row) => row.split(',')[0])).toEqual(['0.5', '1', '1.5']);
    const ordered = rows.map((row) => Number(row.split(',')[columns.indexOf('cumulative.ordered.mean')]));
    expect(ordered[0]).toBeLessThan(ordered[1]);
    expect(ordered[1]).toBeLessThan(ordered[2]);
  });

  it('--emit-jobs writes the list; --job N runs one (from the file or the same flags) and prints its KPI JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcelscope-jobs-'));
    const jobsPath = join(dir, 'jobs.json');
    const emitted = await runSim([
      ...TINY,
      '--replications',
      '2',
      '--sweep',
      'vansPerStation=40:80:2',
      '--emit-jobs',
      jobsPath,
    ]);
    expect(emitted.status).toBe(0);
    const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
    expect(jobs).toHaveLength(4);
    expect(jobs[3]).toMatchObject({ index: 3, group: 'vansPerStation=80', seed: 5, days: 0.1 });
    expect(jobs[3].params.vansPerStation).toBe(80);
    const fromFile = JSON.parse((await runSim(['--jobs', jobsPath, '--job', '3'])).stdout);
    const fromFlags = JSON.parse(
      (await runSim([...TINY, '--replications', '2', '--sweep', 'vansPerStation=40:80:2', '--job', '3']))
        .stdout,
    );
    expect(fromFile.index).toBe(3);
    expect(fromFile.kpis['cumulative.ordered']).toBeGreaterThan(0);
    // Same job, same numbers: a job depends on nothing but its parameters and seed.
    expect(fromFlags.kpis).toEqual(fromFile.kpis);
    const missing = await runSim(['--jobs', jobsPath, '--job', '9']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('job: 9 is not in the list; expected 0 to 3');
  });

  it('the Kubernetes Indexed Job example runs a job by JOB_COMPLETION_INDEX, and --combine sums the results up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parcelscope-batch-'));
    expect(
      (await runSim([...TINY, '--replications', '2', '--emit-jobs', join(dir, 'jobs.json')])).status,
    ).toBe(0);
    const yaml = readFileSync('docs/batch/replications-job.yaml', 'utf8');
    const command = /args:\n\s+- (.+)\n/.exec(yaml)?.[1];
    expect(command, 'the container args line').toBeDefined();
    const local = (command as string)
      .replace('npx tsx scripts/sim.ts', `"${process.execPath}" --import tsx scripts/sim.ts`)
      .replaceAll('/jobs/', `${dir}/`)
      .replaceAll('/results/', `${dir}/`);
    const pod = spawnSync('sh', ['-c', local], {
      encoding: 'utf8',
      env: { ...process.env, JOB_COMPLETION_INDEX: '1' },
    });
    expect(pod.status, pod.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'job-1.json'), 'utf8')).index).toBe(1);
    // The job list is a .json file too: combine the results alone.
    const results = join(dir, 'results');
    spawnSync('sh', ['-c', `mkdir -p ${results} && mv ${dir}/job-*.json ${results}/`]);
    const combined = await runSim(['--combine', results]);
    expect(combined.status).toBe(0);
    expect(combined.stdout).toContain('run: 1 replications (seeds 5-5), 0.1 sim days each');
  });

  it('a bad sweep names what is wrong', async () => {
    expect(() => parseSweep('vansPerStation=40:80')).toThrow('is not key=a:b:steps');
    expect(() => parseSweep('robots=1:2:3')).toThrow('robots is not a parameter');
    expect(() => parseSweep('optimiser=1:2:3')).toThrow('optimiser is a choice, not a number');
    expect(() => parseSweep('vansPerStation=40:900:2')).toThrow('vansPerStation: 900 is out of range');
    expect(parseSweep('flexPayPerHourUsd=15:25:3').values).toEqual([15, 20, 25]);
    const bad = await runSim([...TINY, '--sweep', 'scale=0:1:3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('sweep: scale: 0 is out of range');
  });
});
