/**
 * `npm run sim -- --days 2 --seed 7 --scale 0.05 [--json] [--<param> value]`: the model headless
 * (the flags and what they print: simCli.ts, or `npm run sim -- --help`).
 */
import { runSimCli } from './simCli';

// `npm run sim | head` closes the pipe early: stop quietly rather than throw EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Exit at once with the code, as the command always has: experiments' worker threads are done.
process.exit(await runSimCli(process.argv.slice(2)));
