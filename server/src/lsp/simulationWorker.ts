/**
 * The simulator's thread: the language server hands it one job at a time and can end it (a newer
 * request, a job over its time or memory budget) without the server's own thread ever waiting.
 */
import { parentPort } from 'node:worker_threads';
import { otherRevisions, simulateWithDeployment } from '../dynamics';
import { explainTask } from '../placement';
import type { SimulationJob, SimulationReply } from './simulations';

parentPort?.on('message', (job: SimulationJob) => {
  let reply: SimulationReply;
  try {
    // Tasks of another revision in the cluster: the new ones are shown where they run once that deployment has
    // run, which no single placement explains.
    const result =
      job.method === 'simulate'
        ? simulateWithDeployment(job.params)
        : otherRevisions(job.params)
          ? null
          : (explainTask(job.params, job.params?.task) ?? null);
    reply = { id: job.id, result };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
