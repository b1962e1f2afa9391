/**
 * A scaling service's tasks by state: running, starting (by when they run), draining (by when they stop) and how
 * many wait for room; the placement engine places them. ServiceScaling (serviceScaling.ts) moves the desired count
 * and asks these to follow it.
 */
import type { ClusterModel, SimInstance } from '../placement/clusterModel';
import type { PlacementSession } from '../placement/session';
import type { TaskRequirement } from '../placement/taskModel';
import { currentTasks } from './serviceInputs';
import { plural } from '../placement/text';

interface Placed {
  instance?: SimInstance;
}

interface Batch {
  at: number;
  tasks: Placed[];
}

export interface ServiceTasksSetup {
  task: TaskRequirement;
  /** Without one the tasks run on AWS Fargate: every task finds room. */
  session?: PlacementSession;
  /** Seconds from placement to RUNNING. */
  taskStart: number;
  /** Seconds a stopped task drains (the load balancer's deregistration delay), 0 without one. */
  drain: number;
  /** A capacity provider adds instances for the tasks that wait: they are PROVISIONING, not left unstarted. */
  provisioning: boolean;
  event: (t: number, message: string) => void;
}

export class ServiceTasks {
  readonly running: Placed[] = [];
  private readonly pending: Batch[] = [];
  private readonly draining: Batch[] = [];
  /** Tasks the scheduler starts when there is room. */
  waiting = 0;
  private lastUnplacedMessage = '';

  constructor(private readonly s: ServiceTasksSetup) {}

  /**
   * The tasks at the start: those of `group` the cluster file lists, else `initial` placed by the engine. Returns
   * how many of `initial` did not fit, 0 when the file lists the tasks.
   */
  start(cluster: ClusterModel | undefined, clusterInput: unknown, group: string, initial: number): number {
    const { session, task } = this.s;
    if (!session || !cluster) {
      for (let i = 0; i < initial; i++) this.running.push({});
      return 0;
    }
    const found = currentTasks(clusterInput, cluster.instances, group, task);
    for (const f of found) this.running.push({ instance: f.instance });
    if (found.length > 0) return 0;
    const r = session.place(task, initial);
    for (const instance of r.placed) this.running.push({ instance });
    return initial - r.placed.length;
  }

  /** Tasks placed and not yet RUNNING. */
  pendingCount(): number {
    return this.pending.reduce((s, b) => s + b.tasks.length, 0);
  }

  private release(p: Placed): void {
    if (p.instance && this.s.session) this.s.session.stop(p.instance, this.s.task);
  }

  /** The waiting tasks the engine finds room for start; the others wait, said once per reason. */
  place(t: number): void {
    if (this.waiting === 0) return;
    const { session, task, taskStart } = this.s;
    if (!session) {
      this.pending.push({ at: t + taskStart, tasks: Array.from({ length: this.waiting }, () => ({})) });
      this.waiting = 0;
      return;
    }
    const r = session.place(task, this.waiting);
    if (r.placed.length > 0)
      this.pending.push({ at: t + taskStart, tasks: r.placed.map((instance) => ({ instance })) });
    this.waiting -= r.placed.length;
    if (this.waiting > 0 && r.reasons) {
      const message = `${plural(this.waiting, 'task')} ${this.s.provisioning ? 'PROVISIONING' : 'not started'}: ${r.reasons.map((x) => x.message).join('; ')}`;
      if (message !== this.lastUnplacedMessage) this.s.event(t, message);
      this.lastUnplacedMessage = message;
    } else this.lastUnplacedMessage = '';
  }

  /** Tasks that finished starting run; drained tasks stop. */
  arrive(t: number): void {
    while (this.pending.length > 0 && this.pending[0].at <= t)
      for (const p of this.pending.shift()!.tasks) this.running.push(p);
    while (this.draining.length > 0 && this.draining[0].at <= t)
      for (const p of this.draining.shift()!.tasks) this.release(p);
  }

  /** Follow the desired count: start tasks, or stop the newest first (waiting, then starting, then running). */
  follow(t: number, desired: number): void {
    const drain = this.s.drain;
    let live = this.running.length + this.pendingCount() + this.waiting;
    if (desired > live) {
      this.waiting += desired - live;
      this.place(t);
    }
    while (desired < live) {
      if (this.waiting > 0) this.waiting--;
      else if (this.pending.length > 0) {
        const last = this.pending[this.pending.length - 1];
        this.release(last.tasks.pop()!);
        if (last.tasks.length === 0) this.pending.pop();
      } else {
        const p = this.running.pop()!;
        if (drain > 0) {
          const last = this.draining[this.draining.length - 1];
          if (last && last.at === t + drain) last.tasks.push(p);
          else this.draining.push({ at: t + drain, tasks: [p] });
        } else this.release(p);
      }
      live--;
    }
  }

  /**
   * The tasks on instances that go (managed scale-in) stop with them; the running and starting ones wait again for
   * the scheduler to start them. Returns how many.
   */
  stopOn(gone: ReadonlySet<SimInstance>): number {
    let lost = 0;
    for (let k = this.running.length - 1; k >= 0; k--) {
      if (this.running[k].instance && gone.has(this.running[k].instance!)) {
        this.running.splice(k, 1);
        lost++;
      }
    }
    for (const b of this.pending)
      b.tasks = b.tasks.filter((p) => !(p.instance && gone.has(p.instance)) || (lost++, false));
    for (const b of this.draining) b.tasks = b.tasks.filter((p) => !(p.instance && gone.has(p.instance)));
    this.waiting += lost;
    return lost;
  }
}
