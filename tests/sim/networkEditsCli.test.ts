import { describe, expect, it } from 'vitest';
import { runSimInProcess as runSim } from './simCliInProcess';

describe('npm run sim with network edits', async () => {
  it('--edit adds to the plan, --metro prints the metro’s stations, and the new station is among them', async () => {
    const result = await runSim([
      ...['--days', '0.2', '--seed', '3', '--scale', '0.0005', '--json'],
      ...[
        '--edit',
        'add:station:-75.49,40.608@day1h1',
        '--edit',
        'outage:f3:day1h2-day1h3',
        '--metro',
        'Allentown',
      ],
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.params.networkEdits).toBe('add:station:-75.49,40.608@day1h1;outage:f3:day1h2-day1h3');
    expect(report.metro.name).toBe('Allentown');
    expect(report.metro.stationIds).toHaveLength(2);
    expect(report.metro.deliveries.delivered).toBeGreaterThanOrEqual(0);
  });

  it('an edit the model cannot honour exits 2 naming why', async () => {
    const result = await runSim(['--days', '0.1', '--scale', '0.0005', '--edit', 'add:hub:-80,20']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('add:hub:-80,20: -80,20 is outside the contiguous US');
    const bad = await runSim(['--days', '0.1', '--edit', 'outage:f3:day2']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected outage:f<facility id>:<from>-<until>');
  });
});
