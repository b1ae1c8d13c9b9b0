/**
 * Runs replication jobs in parallel on worker threads (one job at a time per worker, each a
 * whole run) and reports progress; with one worker it runs them in this thread. Results come back
 * in job order whatever order they finish in, and a job's result depends on nothing but the job.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type ReplicationJob, type ReplicationResult, runReplicationJob } from './jobs';

export interface PoolOptions {
  /** Worker threads (default: the machine's cores, at most one per job). */
  workers?: number;
  /** Called after each job finishes. */
  onProgress?: (done: number, total: number, last: ReplicationResult) => void;
}

/**
 * A worker running worker.ts under tsx: worker threads do not inherit the loader that lets
 * the parent run TypeScript, so the bootstrap registers it first.
 */
function startWorker(): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}

export async function runJobs(
  jobs: readonly ReplicationJob[],
  options: PoolOptions = {},
): Promise<ReplicationResult[]> {
  const workerCount = Math.max(1, Math.min(options.workers ?? availableParallelism(), jobs.length));
  const results: ReplicationResult[] = new Array(jobs.length);
  let done = 0;
  const finish = (position: number, result: ReplicationResult) => {
    results[position] = result;
    done++;
    options.onProgress?.(done, jobs.length, result);
  };
  if (workerCount === 1) {
    for (let position = 0; position < jobs.length; position++)
      finish(position, runReplicationJob(jobs[position]));
    return results;
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: workerCount }, () => {
      const worker = startWorker();
      return new Promise<void>((resolve, reject) => {
        let position = -1;
        const sendNext = () => {
          if (next >= jobs.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          position = next++;
          worker.postMessage(jobs[position]);
        };
        worker.on('message', (result: ReplicationResult) => {
          finish(position, result);
          sendNext();
        });
        worker.on('error', reject);
        sendNext();
      });
    }),
  );
  return results;
}

/** "[#######.............] 7/20 jobs, 42 s": a progress line for stderr. */
export function formatProgress(done: number, total: number, elapsedS: number, width = 24): string {
  const filled = Math.round((done / Math.max(1, total)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} jobs, ${Math.round(elapsedS)} s`;
}
