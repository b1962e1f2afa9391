import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DeploymentRequest, ScalingRequest } from '../dynamics/types';
import type { SimulationRequest } from '../placement/types';

type SimulateParams = SimulationRequest;
type ExplainTaskParams = SimulationRequest & { task: number };

/**
 * Simulations run in worker threads with a time and a memory budget: the language server keeps
 * answering typing while one runs, a newer request of the same kind ends the older one, and a
 * simulation over its budget answers with an error that says which budget, after which the next
 * starts a fresh thread. Each kind (placement, explanation, deployment, scaling) has its own thread,
 * so asking why a task landed where it did does not end the simulation it explains.
 */

export type SimulationJob =
  | { id: number; method: 'simulate'; params: SimulateParams }
  | { id: number; method: 'explainTask'; params: ExplainTaskParams }
  | { id: number; method: 'deploy'; params: DeploymentRequest }
  | { id: number; method: 'scale'; params: ScalingRequest };

export type SimulationMethod = SimulationJob['method'];
export type ParamsOf<M extends SimulationMethod> = Extract<SimulationJob, { method: M }>['params'];

export type SimulationReply = { id: number; result: unknown } | { id: number; error: string };

/** The worker's first message: its code is loaded, and the time budget of the job it was given starts now. */
export type SimulationWorkerReady = { ready: true };

export interface SimulationBudget {
  /** Wall time one simulation may take. */
  timeMs: number;
  /** Heap of the simulator's thread. */
  memoryMb: number;
}

export const defaultSimulationBudget: SimulationBudget = { timeMs: 20_000, memoryMb: 1024 };

/** Why a simulation gave no result: replaced by a newer one, or over a budget. */
export class SimulationStopped extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

interface Running {
  id: number;
  ticket: number;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Set once the clock runs: from the post, or from when a fresh thread has loaded its code. */
  timer: NodeJS.Timeout | undefined;
  startClock: () => void;
}

/**
 * The worker's script: features.ts, which loads the simulator when it runs off the main thread. In out/ it is this
 * module's neighbour; in dist/ it is the bundle holding this module (features.js).
 */
function workerScript(): string {
  return join(__dirname, 'features.js');
}

export class SimulationRunner {
  private worker: Worker | undefined;
  /** The current worker has loaded its code (its start is not counted against a simulation's time). */
  private workerReady = false;
  private running: Running | undefined;
  private nextId = 1;
  private lastTicket = 0;

  /** Applies to the next thread started (the limits of a running thread are fixed). */
  budget: SimulationBudget;

  constructor(
    budget: SimulationBudget = defaultSimulationBudget,
    private readonly script = workerScript(),
  ) {
    this.budget = budget;
  }

  /**
   * Takes a place in line when a request arrives, before its files are read: a request whose ticket
   * is no longer the newest when it is ready to run never runs.
   */
  claim(): number {
    return ++this.lastTicket;
  }

  run<M extends SimulationMethod>(method: M, params: ParamsOf<M>, ticket = this.claim()): Promise<unknown> {
    if (ticket !== this.lastTicket)
      return Promise.reject(new SimulationStopped('A newer simulation replaced this one.', true));
    // One simulation at a time: the panel shows the newest, so an older one still running is ended.
    if (this.running) this.stop(new SimulationStopped('A newer simulation replaced this one.', true));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const running: Running = { id, ticket, resolve, reject, timer: undefined, startClock: () => {} };
      running.startClock = () => {
        if (running.timer || this.running !== running) return;
        running.timer = setTimeout(() => {
          const seconds = Math.round(this.budget.timeMs / 100) / 10;
          this.stop(
            new SimulationStopped(
              `The simulation took longer than ${seconds} s, the time ECS Lens gives one; simulate fewer tasks or instances, or simpler constraints.`,
              false,
            ),
          );
        }, this.budget.timeMs);
      };
      this.running = running;
      if (this.workerReady) running.startClock();
      worker.postMessage({ id, method, params });
    });
  }

  /** Ends the running simulation (a cancelled request): any, or only the one of that ticket. */
  cancel(ticket?: number): void {
    if (ticket !== undefined && ticket === this.lastTicket && !this.running) this.lastTicket++;
    if (this.running && (ticket === undefined || this.running.ticket === ticket))
      this.stop(new SimulationStopped('The simulation was cancelled.', true));
  }

  dispose(): void {
    this.cancel();
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.budget.memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, this.budget.memoryMb),
        stackSizeMb: 8,
      },
    });
    this.workerReady = false;
    worker.on('message', (reply: SimulationReply | SimulationWorkerReady) => {
      if ('ready' in reply) {
        if (this.worker !== worker) return;
        this.workerReady = true;
        this.running?.startClock();
        return;
      }
      const running = this.running;
      if (!running || reply.id !== running.id) return;
      this.settle();
      if ('error' in reply) running.reject(new Error(reply.error));
      else running.resolve(reply.result);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const message =
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `The simulation needed more than ${this.budget.memoryMb} MB, the memory ECS Lens gives one; simulate fewer tasks or instances.`
          : `The simulation failed: ${error.message}`;
      this.failRunning(new SimulationStopped(message, false));
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failRunning(new SimulationStopped('The simulation stopped unexpectedly.', false));
    });
    // A waiting worker does not keep the server process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(): Running | undefined {
    const running = this.running;
    if (running?.timer) clearTimeout(running.timer);
    this.running = undefined;
    return running;
  }

  private failRunning(error: Error): void {
    this.settle()?.reject(error);
  }

  /** Ends the worker (the only way to stop a synchronous simulation) and fails the running request. */
  private stop(error: SimulationStopped): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failRunning(error);
    void worker?.terminate();
  }
}

/** One runner per kind of simulation: a newer request ends the older of its kind only. */
export class Simulations {
  private readonly lanes = new Map<SimulationMethod, SimulationRunner>();
  private currentBudget: SimulationBudget;

  constructor(
    budget: SimulationBudget = defaultSimulationBudget,
    private readonly script = workerScript(),
  ) {
    this.currentBudget = budget;
  }

  get budget(): SimulationBudget {
    return this.currentBudget;
  }

  /** Applies to the next thread each kind starts. */
  set budget(budget: SimulationBudget) {
    this.currentBudget = budget;
    for (const lane of this.lanes.values()) lane.budget = budget;
  }

  lane(method: SimulationMethod): SimulationRunner {
    let lane = this.lanes.get(method);
    if (!lane) this.lanes.set(method, (lane = new SimulationRunner(this.currentBudget, this.script)));
    return lane;
  }

  dispose(): void {
    for (const lane of this.lanes.values()) lane.dispose();
    this.lanes.clear();
  }
}
