/**
 * Runs `npm run sim -- ...args` in the test's own process: scripts/simCli.ts, the function the
 * command runs, with what it prints captured. A spawned `tsx scripts/sim.ts` costs a second or
 * two of start-up and TypeScript loading per run before the model does anything.
 */
import { format } from 'node:util';
import { vi } from 'vitest';
import { runSimCli } from '../../scripts/simCli';

export interface SimCliRun {
  /** The exit code the command would end with. */
  status: number;
  stdout: string;
  stderr: string;
}

export async function runSimInProcess(args: readonly string[]): Promise<SimCliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
      stdout.push(`${format(...parts)}\n`);
    }),
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
      stderr.push(`${format(...parts)}\n`);
    }),
    // The experiments' progress bar writes to stderr directly.
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    }),
  ];
  try {
    const status = await runSimCli(args);
    return { status, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
