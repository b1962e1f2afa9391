/**
 * The simulator's thread: the language server hands it one job at a time and can end it (a newer
 * request, a job over its time or memory budget) without the server's own thread ever waiting.
 */
import { parentPort } from 'node:worker_threads';
import { explainTask, simulate } from '../placement';
import type { SimulationJob, SimulationReply } from './simulations';

parentPort?.on('message', (job: SimulationJob) => {
  let reply: SimulationReply;
  try {
    const result = job.method === 'simulate' ? simulate(job.params) : explainTask(job.params, job.params?.task) ?? null;
    reply = { id: job.id, result };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
