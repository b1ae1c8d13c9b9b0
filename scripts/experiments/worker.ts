/** A worker thread that runs replication jobs it is sent (pool.ts) and posts their results back. */
import { parentPort } from 'node:worker_threads';
import { type ReplicationJob, runReplicationJob } from './jobs';

if (!parentPort) throw new Error('scripts/experiments/worker.ts runs as a worker thread (pool.ts starts it)');
const port = parentPort;
port.on('message', (job: ReplicationJob) => {
  port.postMessage(runReplicationJob(job));
});
