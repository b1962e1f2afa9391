/**
 * The simulator's thread: the language server hands it one job at a time and can end it (a newer
 * request, a job over its time or memory budget) without the server's own thread ever waiting.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { otherRevisions, simulateDeployment, simulateScaling, simulateWithDeployment } from '../dynamics';
import { explainTask } from '../placement';
import type { SimulationJob, SimulationReply, SimulationWorkerReady } from './simulations';
import { parseDeferredCluster } from '../workspace/deferredJson';

// On Linux the nice value belongs to the thread: the simulation yields the CPU to the server's own thread, which
// answers the editor. Elsewhere this lowers the whole process, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here: the simulation runs at the server's priority.
  }
}

parentPort?.on('message', (job: SimulationJob) => {
  let reply: SimulationReply;
  try {
    // A large cluster file comes as its text: it is parsed here, off the thread that answers the editor.
    const unreadable = parseDeferredCluster(job.params);
    if (unreadable !== undefined) throw new Error(unreadable);
    // Tasks of another revision in the cluster: the new ones are shown where they run once that deployment has
    // run, which no single placement explains.
    let result: unknown;
    switch (job.method) {
      case 'simulate':
        result = simulateWithDeployment(job.params);
        break;
      case 'explainTask':
        result = otherRevisions(job.params) ? null : (explainTask(job.params, job.params?.task) ?? null);
        break;
      case 'deploy':
        result = simulateDeployment(job.params);
        break;
      case 'scale':
        result = simulateScaling(job.params);
        break;
      default: {
        // A job kind without its case does not compile, rather than answering with no result.
        const unhandled: never = job;
        throw new Error(`no simulation for ${(unhandled as SimulationJob).method}`);
      }
    }
    reply = { id: job.id, result };
  } catch (error) {
    reply = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});

// Loaded: the job's time budget starts now, not while the thread was loading this code.
parentPort?.postMessage({ ready: true } satisfies SimulationWorkerReady);
