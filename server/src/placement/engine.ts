/**
 * The placement loop: per task, filter by resources, then by constraints, then rank by the strategies.
 */
import { budgetErrors, explanationCap } from './budgets';
import { consume, filterCandidates, isUsable, resourceFailure } from './checks';
import { addGroupTask, parseCluster, type ClusterModel, type SimInstance } from './clusterModel';
import { compileConstraints, type CompiledConstraint } from './constraints';
import { mulberry32 } from './random';
import { unplacedReasons } from './reasons';
import { estimateScaleOut } from './scaleOut';
import { parseService, type ServiceSpec } from './serviceModel';
import { compileStrategies, keepBest, RUN_TASK_DEFAULT_STRATEGIES, SERVICE_DEFAULT_STRATEGIES, SpreadCounts, type Strategy } from './strategies';
import { parseTaskDefinition, type TaskRequirement } from './taskModel';
import { textOf } from './text';
import type {
  ExplanationStep,
  InstanceReport,
  PlacementConstraintInput,
  PlacementStrategyInput,
  SimulationOptions,
  SimulationRequest,
  SimulationResult,
  TaskExplanation,
  UnplacedReason,
} from './types';

const DEFAULT_SEED = 1;
/** Twice ECS's default quota of 5,000 tasks per service: more is a typo, and would only hang the preview. */
export const MAX_TASKS = 10_000;

const FARGATE_NOTE = 'Tasks run on AWS Fargate: AWS chooses the capacity, so placement strategies and constraints do not apply '
  + 'and no task lands on the cluster\'s container instances. Fargate spreads a service\'s tasks over the Availability Zones of its subnets.';

function isFargate(service: ServiceSpec | undefined, task: TaskRequirement): boolean {
  if (service?.launchType) return service.launchType === 'FARGATE';
  if (service && service.capacityProviders.length > 0) return service.capacityProviders.some((c) => c === 'FARGATE' || c === 'FARGATE_SPOT');
  // Without a launch type, a task definition that only runs on Fargate cannot land on EC2 instances.
  return task.requiresCompatibilities.length > 0 && task.requiresCompatibilities.every((c) => c === 'FARGATE');
}

interface Run {
  instances: SimInstance[];
  task: TaskRequirement;
  group: string;
  constraints: CompiledConstraint[];
  strategies: Strategy[];
  spread: SpreadCounts;
  rng: () => number;
  seed: number;
  cap: number;
  placements: SimulationResult['placements'];
  unplaced: SimulationResult['unplaced'];
  explanations: TaskExplanation[];
}

function step(name: string, candidates: SimInstance[], cap: number, note: string): ExplanationStep {
  const names: string[] = [];
  for (let i = 0; i < candidates.length && i < cap; i++) names.push(candidates[i].id);
  return { step: name, candidates: names, candidateCount: candidates.length, note };
}

function taskNeeds(task: TaskRequirement): string {
  const parts = [`${task.cpu} CPU units`, `${task.memory} MiB`];
  const ports = [...task.tcpPorts.map((p) => `${p}/tcp`), ...task.udpPorts.map((p) => `${p}/udp`)];
  if (ports.length > 0) parts.push(`host port ${ports.join(', ')}`);
  if (task.networkMode === 'awsvpc') parts.push('a network interface');
  if (task.gpus > 0) parts.push(`${task.gpus} GPU${task.gpus === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function place(run: Run, instance: SimInstance, taskNo: number): void {
  consume(instance, run.task);
  addGroupTask(instance, run.group);
  instance.sameGroup++;
  instance.simulatedTasks.push(taskNo);
  run.spread.placed(instance);
  run.placements.push({ task: taskNo, instance: instance.id });
}

/** Ranks the candidates by the strategies in order, then breaks remaining ties with the seeded generator. */
function choose(run: Run, candidates: SimInstance[], steps: ExplanationStep[]): { chosen: SimInstance; why: string } {
  let set = candidates;
  const why: string[] = [];
  for (const strategy of run.strategies) {
    if (set.length <= 1) break;
    if (strategy.kind === 'random') {
      const chosen = set[Math.floor(run.rng() * set.length)];
      const note = `picks ${chosen.id} at random among ${set.length} (seed ${run.seed})`;
      steps.push(step(`strategy:${strategy.label}`, [chosen], run.cap, note));
      why.push(note);
      return { chosen, why: why.join('; ') };
    }
    const { kept, best } = keepBest(strategy, set, run.spread);
    let note: string;
    if (strategy.kind === 'binpack') note = `keeps ${kept.length} with the least remaining ${strategy.resource === 'cpu' ? `CPU (${best} units)` : `memory (${best} MiB)`}`;
    else if (strategy.kind === 'spread-instance') note = `keeps ${kept.length} with the fewest tasks of ${run.group} on the instance (${best})`;
    else {
      const values = new Set<string>();
      for (const k of kept) {
        values.add(run.spread.value(strategy.attribute, k) || '(none)');
        if (values.size > 5) break;
      }
      note = `keeps ${kept.length} in ${strategy.attribute} ${[...values].slice(0, 5).join(', ')}${values.size > 5 ? ', …' : ''} with the fewest tasks of ${run.group} (${best})`;
    }
    steps.push(step(`strategy:${strategy.label}`, kept, run.cap, note));
    if (kept.length < set.length) why.push(note);
    set = kept;
  }
  if (set.length === 1) return { chosen: set[0], why: why.join('; ') || 'the only candidate' };
  const chosen = set[Math.floor(run.rng() * set.length)];
  const note = `${set.length} candidates tie; picks ${chosen.id} with the seeded generator (seed ${run.seed})`;
  steps.push(step('tie-break', [chosen], run.cap, note));
  why.push(note);
  return { chosen, why: why.join('; ') };
}

function placeReplicas(run: Run, count: number): void {
  const { instances, task, constraints } = run;
  const needs = taskNeeds(task);
  const constraintNote = constraints.length === 0 ? 'no placement constraints' : `satisfy ${constraints.map((c) => c.label).join(' and ')}`;
  // Every task of a run asks for the same, and only the instance that took the last task changed,
  // so the candidate lists are filtered once and then only that instance is checked again.
  const afterResources: SimInstance[] = [];
  const afterConstraints: SimInstance[] = [];
  filterCandidates(instances, task, constraints, afterResources, afterConstraints);
  let reasons: UnplacedReason[] | undefined;
  for (let t = 0; t < count; t++) {
    const steps: ExplanationStep[] = [
      step('resources', afterResources, run.cap, `${afterResources.length} of ${instances.length} instances are ACTIVE with a connected agent and have ${needs} free`),
      step('constraints', afterConstraints, run.cap, `${afterConstraints.length} of them ${constraintNote}`),
    ];
    if (afterConstraints.length === 0) {
      // Nothing changes once a task finds no instance, so the reasons hold for every task after it.
      reasons ??= unplacedReasons(instances, task, run.group, constraints);
      run.unplaced.push({ task: t, reasons: reasons.map((r) => ({ ...r })) });
      run.explanations.push({ task: t, steps, summary: `Task ${t} is not placed: ${reasons.map((r) => r.message).join('; ')}.` });
      continue;
    }
    const { chosen, why } = choose(run, afterConstraints, steps);
    place(run, chosen, t);
    run.explanations.push({
      task: t,
      instance: chosen.id,
      steps,
      summary: `Task ${t} goes to ${chosen.id}${chosen.availabilityZone ? ` (${chosen.availabilityZone})` : ''}: ${why}.`,
    });
    if (resourceFailure(chosen, task) !== undefined) {
      remove(afterResources, chosen);
      remove(afterConstraints, chosen);
    } else if (!constraints.every((c) => c.allows(chosen))) {
      remove(afterConstraints, chosen);
    }
  }
}

/** Removes one instance, keeping the order of the others (ties are broken by position). */
function remove(list: SimInstance[], instance: SimInstance): void {
  const i = list.indexOf(instance);
  if (i >= 0) list.splice(i, 1);
}

/** DAEMON: one task on every ACTIVE instance that meets the constraints; one that lacks room leaves its task unplaced. */
function placeDaemons(run: Run, notes: string[]): void {
  const { instances, task, constraints } = run;
  let inactive = 0;
  let excluded = 0;
  let t = 0;
  for (const instance of instances) {
    if (!isUsable(instance)) {
      inactive++;
      continue;
    }
    const failed = constraints.find((c) => !c.allows(instance));
    if (failed) {
      excluded++;
      continue;
    }
    const steps = [step('constraints', [instance], run.cap, constraints.length === 0 ? 'no placement constraints' : `satisfies ${constraints.map((c) => c.label).join(' and ')}`)];
    if (resourceFailure(instance, task) !== undefined) {
      const reasons = unplacedReasons([instance], task, run.group, []);
      run.unplaced.push({ task: t, reasons });
      steps.push(step('resources', [], run.cap, reasons.map((r) => r.message).join('; ')));
      run.explanations.push({ task: t, steps, summary: `The daemon task for ${instance.id} is not placed: ${reasons.map((r) => r.message).join('; ')}.` });
    } else {
      place(run, instance, t);
      steps.push(step('resources', [instance], run.cap, `has ${taskNeeds(task)} free`));
      run.explanations.push({ task: t, instance: instance.id, steps, summary: `Task ${t} is the daemon task of ${instance.id}.` });
    }
    t++;
  }
  if (inactive > 0) notes.push(`${inactive} instance${inactive === 1 ? ' is' : 's are'} not ACTIVE with a connected agent and get no daemon task.`);
  if (excluded > 0) notes.push(`${excluded} instance${excluded === 1 ? ' does' : 's do'} not meet the placement constraints and get no daemon task.`);
}

function report(instance: SimInstance): InstanceReport {
  return {
    instance: instance.id,
    availabilityZone: instance.availabilityZone,
    instanceType: instance.instanceType,
    tasks: instance.simulatedTasks,
    cpu: {
      registered: instance.registeredCpu,
      remaining: instance.remainingCpu,
      existing: instance.existingCpu,
      simulated: instance.registeredCpu - instance.remainingCpu - instance.existingCpu,
    },
    memory: {
      registered: instance.registeredMemory,
      remaining: instance.remainingMemory,
      existing: instance.existingMemory,
      simulated: instance.registeredMemory - instance.remainingMemory - instance.existingMemory,
    },
    status: instance.status,
    agentConnected: instance.agentConnected,
    existingTasks: instance.existingTasks,
  };
}

export function simulate(request: SimulationRequest): SimulationResult {
  // Options come from the panel over the protocol: lists that are not lists are ignored, not spread.
  const raw: SimulationOptions = request.options && typeof request.options === 'object' ? request.options : {};
  const options: SimulationOptions = {
    ...raw,
    placementStrategy: Array.isArray(raw.placementStrategy) ? raw.placementStrategy : undefined,
    placementConstraints: Array.isArray(raw.placementConstraints) ? raw.placementConstraints : undefined,
  };
  const errors: string[] = [];
  const notes: string[] = [];
  const result = (mode: SimulationResult['mode'], extra: Partial<SimulationResult> = {}): SimulationResult => ({
    mode, strategies: [], constraints: [], placements: [], unplaced: [], instances: [], explanations: [], notes, errors, ...extra,
  });

  // Costs are checked on the raw input, before a cluster or a constraint is built from it.
  const overBudget = budgetErrors(request, options);
  if (overBudget.length > 0) {
    errors.push(...overBudget);
    return result(request.service !== undefined && request.service !== null ? 'service' : 'run-task');
  }

  const parsedTask = parseTaskDefinition(request.taskDefinition);
  errors.push(...parsedTask.errors);
  notes.push(...parsedTask.notes);
  let service: ServiceSpec | undefined;
  if (request.service !== undefined && request.service !== null) {
    const parsed = parseService(request.service);
    errors.push(...parsed.errors);
    service = parsed.service;
  }
  const task = parsedTask.task;
  if (!task) return result(service ? 'service' : 'run-task');

  if (isFargate(service, task)) {
    const count = options.count ?? service?.desiredCount ?? 1;
    notes.push(`${count} task${count === 1 ? '' : 's'} would run on Fargate. ${FARGATE_NOTE}`);
    return result('fargate', { constraints: [...(options.placementConstraints ?? service?.constraints ?? []), ...task.constraints] });
  }

  const cluster: ClusterModel = parseCluster(request.cluster);
  errors.push(...cluster.errors);
  notes.push(...cluster.notes);
  const instances = cluster.instances;

  const mode: SimulationResult['mode'] = service ? (service.schedulingStrategy === 'DAEMON' ? 'daemon' : 'service') : 'run-task';
  const group = service ? `service:${service.name}` : options.group ?? `family:${task.family}`;
  for (const instance of instances) instance.sameGroup = instance.groupCounts.get(group) ?? 0;

  let strategyInputs: PlacementStrategyInput[] = options.placementStrategy ?? service?.strategies ?? (mode === 'run-task' ? RUN_TASK_DEFAULT_STRATEGIES : SERVICE_DEFAULT_STRATEGIES);
  if (mode === 'daemon') {
    if (options.placementStrategy?.length || service?.strategies?.length) notes.push('Placement strategies do not apply to DAEMON services: every eligible instance gets one task.');
    strategyInputs = [];
  } else if (!options.placementStrategy && !service?.strategies) {
    notes.push(mode === 'run-task'
      ? 'No placement strategy: run-task places tasks at random (seeded here).'
      : 'No placement strategy: the service scheduler balances tasks over Availability Zones, then over the instances within them.');
  }
  const constraintInputs: PlacementConstraintInput[] = [...(options.placementConstraints ?? service?.constraints ?? []), ...task.constraints];
  const compiledStrategies = compileStrategies(strategyInputs);
  const compiledConstraints = compileConstraints(constraintInputs, instances.length);
  errors.push(...compiledStrategies.errors, ...compiledConstraints.errors);
  if (errors.length > 0) return result(mode, { strategies: strategyInputs, constraints: constraintInputs, instances: instances.map(report) });

  if (options.count !== undefined && !(Number.isInteger(options.count) && options.count >= 0)) {
    errors.push(`count must be a whole number, not ${textOf(options.count, 80)}`);
    return result(mode, { strategies: strategyInputs, constraints: constraintInputs, instances: instances.map(report) });
  }
  let count = options.count ?? service?.desiredCount;
  if (count === undefined) {
    count = 1;
    if (service && mode === 'service') notes.push('The service sets no desiredCount; simulating 1 task.');
  }
  if (mode !== 'daemon' && count > MAX_TASKS) {
    errors.push(`${options.count !== undefined ? 'count' : 'service: desiredCount'} ${count} is more than the simulator places (${MAX_TASKS.toLocaleString('en-US')}; ECS allows 5,000 tasks per service by default)`);
    return result(mode, { strategies: strategyInputs, constraints: constraintInputs, instances: instances.map(report) });
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const run: Run = {
    instances,
    task,
    group,
    constraints: compiledConstraints.constraints,
    strategies: compiledStrategies.strategies,
    spread: new SpreadCounts(compiledStrategies.strategies, instances),
    rng: mulberry32(seed),
    seed,
    cap: explanationCap(options.explainCandidates, mode === 'daemon' ? instances.length : count, notes),
    placements: [],
    unplaced: [],
    explanations: [],
  };
  if (mode === 'daemon') placeDaemons(run, notes);
  else placeReplicas(run, count);
  if (instances.length > 0 && !instances.some(isUsable)) notes.push('No container instance is ACTIVE with a connected agent.');

  let scaleOut = estimateScaleOut({
    cluster,
    task,
    unplacedTasks: mode === 'daemon' ? 0 : run.unplaced.length,
    constraints: compiledConstraints.constraints,
    options,
  });
  if (scaleOut && mode === 'daemon' && run.unplaced.length > 0) {
    const n = run.unplaced.length;
    scaleOut = {
      ...scaleOut,
      message: `${n} daemon task${n === 1 ? ' lacks' : 's lack'} room on ${n === 1 ? 'its instance' : 'their instances'}; a DAEMON task belongs to its instance, so new instances do not place ${n === 1 ? 'it' : 'them'}: free CPU or memory there instead.`,
    };
  }

  return result(mode, {
    strategies: strategyInputs,
    constraints: constraintInputs,
    placements: run.placements,
    unplaced: run.unplaced,
    instances: instances.map(report),
    ...(scaleOut ? { scaleOut } : {}),
    explanations: run.explanations,
  });
}

/** Re-exported for callers that only need to read a cluster file. */
export { parseCluster };
