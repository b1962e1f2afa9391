/**
 * The placement loop: per task, filter by resources, then by constraints, then rank by the strategies.
 */
import { placementStrategyTypes } from '../ecs/placementStrategies';
import { budgetErrors, explanationCap } from './budgets';
import { isUsable, resourceFailure } from './checks';
import { parseCluster, type ClusterModel, type SimInstance } from './clusterModel';
import { compileConstraints } from './constraints';
import { unplacedReasons } from './reasons';
import { isFargateProvider } from '../ecs/fargateProviders';
import {
  providerGroup,
  providerMembership,
  runsOnFargate,
  splitTasks,
  strategyInEffect,
  type ProviderShare,
} from './capacityProviders';
import type { CompiledConstraint } from './constraints';
import { PlacementRun, taskNeeds } from './run';
import { SpreadCounts, type Strategy } from './strategies';
import { estimateScaleOut } from './scaleOut';
import { daemonGroupsOf } from './groupGrowth';
import { placedRevision, sameRevision } from '../ecs/taskDefinitionRefs';
import { parseService, type ServiceSpec } from './serviceModel';
import { compileStrategies, RUN_TASK_DEFAULT_STRATEGIES, SERVICE_DEFAULT_STRATEGIES } from './strategies';
import { parseTaskDefinition, type TaskRequirement } from './taskModel';
import { generalError, inputError, serviceList, type InputError } from './inputErrors';
import type {
  ExplanationStep,
  InstanceReport,
  PlacementChoices,
  PlacementConstraintInput,
  PlacementStrategyInput,
  SimulationOptions,
  SimulationRequest,
  SimulationResult,
  TaskExplanation,
} from './types';

const DEFAULT_SEED = 1;
/**
 * Twenty times ECS's default quota of 5,000 tasks per service: placing is O(log n) per task, so the
 * cap only stops a typo (an extra zero or three) from filling memory with placements.
 */
export const MAX_TASKS = 100_000;

/**
 * How a FARGATE / FARGATE_SPOT strategy splits the tasks (the same base-then-weight split as for EC2 providers,
 * cluster-capacity-providers.html and fargate-capacity-providers.html): ": FARGATE 3, FARGATE_SPOT 6 (…)".
 */
function fargateSplitText(service: ServiceSpec | undefined, count: number): string {
  const shares = service?.providerStrategy ?? [];
  if (shares.length === 0 || !shares.every((s) => isFargateProvider(s.capacityProvider))) return '';
  const { perTask, error } = splitTasks(shares, count);
  if (error) return ` (${error})`;
  const per = shares.map((s, i) => `${s.capacityProvider} ${perTask.filter((p) => p === i).length}`);
  const withBase = shares.find((s) => s.base > 0);
  const rule = `${withBase ? `base ${withBase.base} on ${withBase.capacityProvider}, then ` : ''}weights ${shares.map((s) => s.weight).join(':')}`;
  return `: ${per.join(', ')} (${rule})`;
}

const FARGATE_NOTE =
  'Tasks run on AWS Fargate: AWS chooses the capacity, so placement strategies and constraints do not apply ' +
  "and no task lands on the cluster's container instances. Fargate spreads a service's tasks over the Availability Zones of its subnets.";

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
    // Only what differs from a healthy empty instance: the panel gets 5,000 of these.
    ...(instance.status !== 'ACTIVE' ? { status: instance.status } : {}),
    ...(instance.agentConnected ? {} : { agentConnected: false }),
    ...(instance.existingTasks > 0 ? { existingTasks: instance.existingTasks } : {}),
  };
}

/** Everything a simulation needs once the inputs are read: the live run and what the result reports. */
export interface PlacementSetup {
  mode: SimulationResult['mode'];
  cluster: ClusterModel;
  task: TaskRequirement;
  service?: ServiceSpec;
  /** The run of the first capacity provider (or the only run). */
  run: PlacementRun;
  /** One run per EC2 capacity provider of the strategy (one run, without a provider, when there is no strategy). */
  runs: Array<{ capacityProvider?: string; run: PlacementRun }>;
  /** The provider of each task: an index into `runs`, or the name of a Fargate provider. */
  assignment?: Array<number | string>;
  strategyShares: ProviderShare[];
  /** Tasks the simulation places (REPLICA: the missing ones; DAEMON: unused). */
  count: number;
  strategies: PlacementStrategyInput[];
  constraints: PlacementConstraintInput[];
  options: SimulationOptions;
  notes: string[];
  errors: InputError[];
  /** What the result says about its inputs: count, the task definition's constraints, expression problems, choices. */
  described: Partial<SimulationResult>;
}

/** Attribute names the panel offers, at most this many. */
const MAX_OFFERED_ATTRIBUTES = 200;

/** Fields per strategy type (the ECS table) and the attributes the cluster's instances carry. */
function placementChoices(instances: SimInstance[]): PlacementChoices {
  const strategyFields: Record<string, string[]> = {};
  for (const t of placementStrategyTypes) strategyFields[t.type] = [...t.suggestions];
  const names = new Set<string>();
  for (const instance of instances) {
    for (const name of Object.keys(instance.view.attributes)) {
      if (names.size >= MAX_OFFERED_ATTRIBUTES) break;
      names.add(name);
    }
  }
  const attributes = [...names].sort();
  const spread = strategyFields.spread;
  if (spread) for (const a of attributes) if (!spread.includes(`attribute:${a}`)) spread.push(`attribute:${a}`);
  return { strategyFields, attributes };
}

function readOptions(request: SimulationRequest): SimulationOptions {
  // Options come from the panel over the protocol: lists that are not lists are ignored, not spread.
  const raw: SimulationOptions = request.options && typeof request.options === 'object' ? request.options : {};
  return {
    ...raw,
    placementStrategy: Array.isArray(raw.placementStrategy) ? raw.placementStrategy : undefined,
    placementConstraints: Array.isArray(raw.placementConstraints) ? raw.placementConstraints : undefined,
  };
}

function emptyResult(
  mode: SimulationResult['mode'],
  notes: string[],
  errors: InputError[],
  extra: Partial<SimulationResult> = {},
): SimulationResult {
  return {
    mode,
    strategies: [],
    constraints: [],
    placements: [],
    unplaced: [],
    instances: [],
    explanations: [],
    notes,
    errors,
    ...extra,
  };
}

/** More tasks than the simulator places: the panel's or the CLI's count, else the service's desiredCount. */
function tooManyTasks(count: number, counted: boolean): InputError {
  const more = `${count} is more than the simulator places (${MAX_TASKS.toLocaleString('en-US')}; ECS allows 5,000 tasks per service by default)`;
  return counted ? generalError(more, 'options.count') : inputError('service', more, 'desiredCount');
}

/**
 * Reads the inputs and builds the live placement state, or answers at once (bad input, Fargate).
 * The run inside can place more tasks, remove tasks and explain the next one: callers that step
 * through time (deployments, scaling) keep it and call it again.
 */
export function preparePlacement(request: SimulationRequest): { setup: PlacementSetup } | { result: SimulationResult } {
  const findings: Findings = { notes: [], errors: [], described: {} };
  const read = readInputs(request, findings);
  if ('result' in read) return read;
  const { inputs } = read;
  if (runsOnFargate(inputs.service, inputs.task)) return { result: fargateResult(inputs, findings) };
  const model = modelCluster(request, inputs, findings);
  const rules = placementRules(inputs, model, findings);
  const failed = () => ({ result: failedResult(model, rules, findings) });
  if (findings.errors.length > 0) return failed();
  const count = tasksToPlace(request, inputs, model, findings);
  if (count === undefined) return failed();
  const provided = providerRuns(inputs, model, rules, count, findings);
  if (!provided) return failed();
  return { setup: placementSetup(inputs, model, rules, count, provided, findings) };
}

/** What the phases of a preparation find, in the order they find it: the result's notes and errors, and what it says of its inputs. */
interface Findings {
  notes: string[];
  errors: InputError[];
  described: Partial<SimulationResult>;
}

/** The inputs read and checked: the options, the task definition's needs and the service. */
interface PlacementInputs {
  options: SimulationOptions;
  task: TaskRequirement;
  service?: ServiceSpec;
}

/**
 * Phase one: the options, the costs of the raw input, the task definition and the service. Answers at once
 * when the input is over budget or holds no task to place.
 */
function readInputs(
  request: SimulationRequest,
  findings: Findings,
): { inputs: PlacementInputs } | { result: SimulationResult } {
  const options = readOptions(request);
  const { notes, errors } = findings;

  // Costs are checked on the raw input, before a cluster or a constraint is built from it.
  const overBudget = budgetErrors(request, options);
  if (overBudget.length > 0) {
    errors.push(...overBudget);
    return {
      result: emptyResult(
        request.service !== undefined && request.service !== null ? 'service' : 'run-task',
        notes,
        errors,
      ),
    };
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
  findings.described.choices = placementChoices([]);
  if (!task) return { result: emptyResult(service ? 'service' : 'run-task', notes, errors, findings.described) };
  findings.described.taskDefinitionConstraints = task.constraints.length;
  return { inputs: { options, task, service } };
}

/** Tasks that run on Fargate: how many, and the note that AWS, not the cluster, places them. */
function fargateResult({ options, task, service }: PlacementInputs, findings: Findings): SimulationResult {
  const count = options.count ?? service?.desiredCount ?? 1;
  findings.notes.push(
    `${count} task${count === 1 ? '' : 's'} would run on Fargate${fargateSplitText(service, count)}. ${FARGATE_NOTE}`,
  );
  return emptyResult('fargate', findings.notes, findings.errors, {
    ...findings.described,
    count,
    constraints: [...(options.placementConstraints ?? service?.constraints ?? []), ...task.constraints],
  });
}

/** The cluster the tasks land on, how the scheduler treats them, and the group they count in. */
interface ClusterPlacement {
  cluster: ClusterModel;
  mode: SimulationResult['mode'];
  /** `service:<name>`, or the run-task group. */
  group: string;
}

/** Phase two: the cluster model, and the service's scheduling (REPLICA, DAEMON or run-task) and task group. */
function modelCluster(
  request: SimulationRequest,
  { options, task, service }: PlacementInputs,
  findings: Findings,
): ClusterPlacement {
  const cluster: ClusterModel = parseCluster(request.cluster);
  findings.described.choices = placementChoices(cluster.instances);
  findings.errors.push(...cluster.errors);
  findings.notes.push(...cluster.notes);
  const mode: SimulationResult['mode'] = service
    ? service.schedulingStrategy === 'DAEMON'
      ? 'daemon'
      : 'service'
    : 'run-task';
  const group = service ? `service:${service.name}` : (options.group ?? `family:${task.family}`);
  return { cluster, mode, group };
}

/** The strategies and constraints as given (for the result) and compiled (for the runs). */
interface PlacementRules {
  strategyInputs: PlacementStrategyInput[];
  constraintInputs: PlacementConstraintInput[];
  strategies: Strategy[];
  constraints: CompiledConstraint[];
}

/**
 * Phase three: the placement strategies (the panel's, the service's, else the scheduler's default; none for
 * DAEMON) and the constraints (the panel's or the service's, then the task definition's), compiled.
 */
function placementRules(
  { options, task, service }: PlacementInputs,
  { cluster, mode }: ClusterPlacement,
  findings: Findings,
): PlacementRules {
  const { notes, errors } = findings;
  let strategyInputs: PlacementStrategyInput[] =
    options.placementStrategy ??
    service?.strategies ??
    (mode === 'run-task' ? RUN_TASK_DEFAULT_STRATEGIES : SERVICE_DEFAULT_STRATEGIES);
  if (mode === 'daemon') {
    if (options.placementStrategy?.length || service?.strategies?.length)
      notes.push('Placement strategies do not apply to DAEMON services: every eligible instance gets one task.');
    strategyInputs = [];
  } else if (!options.placementStrategy && !service?.strategies) {
    notes.push(
      mode === 'run-task'
        ? 'No placement strategy: run-task places tasks at random (seeded here).'
        : 'No placement strategy: the service scheduler balances tasks over Availability Zones, then over the instances within them.',
    );
  }
  const ownConstraints = options.placementConstraints ?? service?.constraints ?? [];
  const constraintInputs: PlacementConstraintInput[] = [...ownConstraints, ...task.constraints];
  const compiledStrategies = compileStrategies(
    strategyInputs,
    serviceList('placementStrategy', options.placementStrategy !== undefined),
  );
  const compiledConstraints = compileConstraints(constraintInputs, cluster.instances.length, {
    first: serviceList('placementConstraints', options.placementConstraints !== undefined),
    count: ownConstraints.length,
  });
  errors.push(...compiledStrategies.errors, ...compiledConstraints.errors);
  if (compiledConstraints.expressionProblems.length > 0)
    findings.described.expressionProblems = compiledConstraints.expressionProblems;
  return {
    strategyInputs,
    constraintInputs,
    strategies: compiledStrategies.strategies,
    constraints: compiledConstraints.constraints,
  };
}

/** The answer when the inputs are read but nothing can be placed: the errors, with the cluster as it stands. */
function failedResult(
  { cluster, mode }: ClusterPlacement,
  { strategyInputs, constraintInputs }: PlacementRules,
  { notes, errors, described }: Findings,
): SimulationResult {
  return emptyResult(mode, notes, errors, {
    ...described,
    strategies: strategyInputs,
    constraints: constraintInputs,
    instances: cluster.instances.map(report),
  });
}

/**
 * Phase four: how many tasks to place: the count asked for, else the service's missing tasks (desiredCount less
 * those already running). Undefined when the count is refused; the error is among the findings.
 */
function tasksToPlace(
  request: SimulationRequest,
  { options, service }: PlacementInputs,
  { cluster, mode, group }: ClusterPlacement,
  findings: Findings,
): number | undefined {
  const { notes, errors } = findings;
  if (options.count !== undefined && !(Number.isInteger(options.count) && options.count >= 0)) {
    errors.push(generalError('must be a whole number of at least 0', 'options.count'));
    return undefined;
  }
  let count = options.count ?? service?.desiredCount;
  if (count === undefined) {
    count = 1;
    if (service && mode === 'service') notes.push('The service sets no desiredCount; simulating 1 task.');
  }
  findings.described.count = count;
  if (service && mode === 'service' && options.count === undefined)
    count = missingTasks(
      service,
      cluster,
      group,
      placedRevision(request.taskDefinition, service.taskDefinition),
      count,
      notes,
    );
  if (mode !== 'daemon' && count > MAX_TASKS) {
    errors.push(tooManyTasks(count, options.count !== undefined));
    return undefined;
  }
  return count;
}

/** The runs that place the tasks, one per EC2 capacity provider of the strategy, and which run takes each task. */
type ProviderRuns = Pick<PlacementSetup, 'runs' | 'assignment' | 'strategyShares'>;

/**
 * Phase five: the capacity provider strategy split over the tasks, and a run per EC2 provider on its own
 * instances (one run when there is no strategy). Undefined when the strategy cannot split the tasks.
 */
function providerRuns(
  { options, task, service }: PlacementInputs,
  { cluster, mode, group }: ClusterPlacement,
  rules: PlacementRules,
  count: number,
  { notes, errors }: Findings,
): ProviderRuns | undefined {
  const instances = cluster.instances;
  const seed = options.seed ?? DEFAULT_SEED;
  const shares = mode === 'daemon' ? [] : strategyInEffect(service, cluster, options.capacityProvider);
  // Every run sees every placement's effect on spread, whichever provider's instance took it.
  const spread = new SpreadCounts(
    rules.strategies,
    instances.map((i) => {
      i.sameGroup = i.groupCounts.get(group) ?? 0;
      return i;
    }),
  );
  const membershipKnown = instances.some((i) => i.capacityProvider !== undefined);
  const explainCandidates = explanationCap(
    options.explainCandidates,
    options.explain === true ? (mode === 'daemon' ? instances.length : count) : 1,
    notes,
  );
  const makeRun = (extra: CompiledConstraint[]) =>
    new PlacementRun({
      instances,
      task,
      group,
      constraints: [...rules.constraints, ...extra],
      strategies: rules.strategies,
      seed,
      explainCandidates,
      spread,
    });
  const runs: PlacementSetup['runs'] = [];
  let assignment: PlacementSetup['assignment'];
  if (shares.length === 0) runs.push({ run: makeRun([]) });
  else {
    const split = splitTasks(shares, count);
    if (split.error) {
      // The strategy is the service's or the cluster's default one (one provider of its own always splits).
      errors.push(
        shares === service?.providerStrategy
          ? inputError('service', split.error, 'capacityProviderStrategy')
          : inputError('cluster', split.error, 'defaultCapacityProviderStrategy'),
      );
      return undefined;
    }
    const runOf = new Map<string, number>();
    for (const share of shares) {
      const name = share.capacityProvider;
      if (isFargateProvider(name) || runOf.has(name)) continue;
      const own = providerMembership([name], instances);
      const member: CompiledConstraint[] = own ? [own] : [];
      runOf.set(name, runs.length);
      runs.push({ capacityProvider: name, run: makeRun(member) });
    }
    if (!membershipKnown && runs.length > 1)
      notes.push(
        'The cluster does not say which capacity provider each instance belongs to (capacityProvider per instance group, or capacityProviderName in describe output): every provider is simulated on every instance.',
      );
    assignment = split.perTask.map((i) =>
      isFargateProvider(shares[i].capacityProvider)
        ? shares[i].capacityProvider
        : runOf.get(shares[i].capacityProvider)!,
    );
    if (runs.length === 0) runs.push({ run: makeRun([]) });
  }
  return { runs, assignment, strategyShares: shares };
}

/** Phase six: the setup the placement loop, deployments and scaling run on. */
function placementSetup(
  { options, task, service }: PlacementInputs,
  { cluster, mode }: ClusterPlacement,
  { strategyInputs, constraintInputs }: PlacementRules,
  count: number,
  { runs, assignment, strategyShares }: ProviderRuns,
  { notes, errors, described }: Findings,
): PlacementSetup {
  return {
    mode,
    cluster,
    task,
    service,
    run: runs[0].run,
    runs,
    assignment,
    strategyShares,
    count,
    strategies: strategyInputs,
    constraints: constraintInputs,
    options,
    notes,
    errors,
    described,
  };
}

/**
 * The service's tasks still to start: desiredCount less those already running or pending. describe-services
 * and the cluster file may both show the same tasks, so the larger count is taken, never the sum. Tasks of
 * another revision are a deployment in progress: they keep their room but do not stand in for the desired tasks.
 */
function missingTasks(
  service: ServiceSpec,
  cluster: ClusterModel,
  group: string,
  revision: string | undefined,
  desired: number,
  notes: string[],
): number {
  let inCluster = 0;
  let otherRevision = 0;
  const known = cluster.revisions.get(group);
  let knownTotal = 0;
  for (const [td, n] of known ?? []) {
    knownTotal += n;
    if (revision === undefined || sameRevision(td, revision)) inCluster += n;
    else otherRevision += n;
  }
  // Tasks of the group listed without a task definition are taken to run the simulated revision.
  let groupTotal = 0;
  for (const i of cluster.instances) groupTotal += i.groupCounts.get(group) ?? 0;
  inCluster += Math.max(0, groupTotal - knownTotal);
  const running = Math.max(inCluster, service.primaryTasks ?? 0);
  for (const d of service.otherDeployments) otherRevision = Math.max(otherRevision, d.tasks);
  if (otherRevision > 0) {
    notes.push(
      `${otherRevision} task${otherRevision === 1 ? '' : 's'} of ${group} run another task definition than ${revision ?? 'the simulated one'}: a deployment in progress. They keep their room and count for spread, but not toward the ${desired} desired.`,
    );
  }
  if (running === 0) return desired;
  const missing = Math.max(0, desired - running);
  notes.push(
    `${running} of the ${desired} desired task${desired === 1 ? '' : 's'} of ${group} already run${service.primaryTasks !== undefined ? ' or start (describe-services)' : ''}; simulating the ${missing} missing.`,
  );
  return missing;
}

/** DAEMON: one task on every ACTIVE instance that meets the constraints; one that lacks room leaves its task unplaced. */
function placeDaemons(
  setup: PlacementSetup,
  result: SimulationResult,
  explainTask?: number,
): TaskExplanation | undefined {
  const { run, notes } = setup;
  const { task, constraints } = run;
  let inactive = 0;
  let excluded = 0;
  let already = 0;
  let t = 0;
  let explanation: TaskExplanation | undefined;
  // Instances in id order, so daemon task numbers do not depend on the order of the input.
  const ordered = [...run.instances].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const instance of ordered) {
    if (!isUsable(instance)) {
      inactive++;
      continue;
    }
    if ((instance.groupCounts.get(run.group) ?? 0) > 0) {
      already++;
      continue;
    }
    if (constraints.some((c) => !c.allows(instance))) {
      excluded++;
      continue;
    }
    const explain = explainTask === t || explainTask === -1;
    const steps: ExplanationStep[] = explain
      ? [
          {
            step: 'constraints',
            candidates: [instance.id],
            candidateCount: 1,
            note:
              constraints.length === 0
                ? 'no placement constraints'
                : `satisfies ${constraints.map((c) => c.label).join(' and ')}`,
          },
        ]
      : [];
    if (resourceFailure(instance, task) !== undefined) {
      const reasons = unplacedReasons([instance], task, run.group, []);
      result.unplaced.push({ task: t, reasons });
      if (explain) {
        steps.push({
          step: 'resources',
          candidates: [],
          candidateCount: 0,
          note: reasons.map((r) => r.message).join('; '),
        });
        explanation = {
          task: t,
          steps,
          summary: `The daemon task for ${instance.id} is not placed: ${reasons.map((r) => r.message).join('; ')}.`,
        };
      }
    } else {
      run.placeOn(t, instance);
      result.placements.push({ task: t, instance: instance.id });
      if (explain) {
        steps.push({
          step: 'resources',
          candidates: [instance.id],
          candidateCount: 1,
          note: `has ${taskNeeds(task)} free`,
        });
        explanation = {
          task: t,
          instance: instance.id,
          steps,
          summary: `Task ${t} is the daemon task of ${instance.id}.`,
        };
      }
    }
    if (explanation && explainTask === -1) result.explanations.push(explanation);
    t++;
  }
  if (inactive > 0)
    notes.push(
      `${inactive} instance${inactive === 1 ? ' is' : 's are'} not ACTIVE with a connected agent and get no daemon task.`,
    );
  if (excluded > 0)
    notes.push(
      `${excluded} instance${excluded === 1 ? ' does' : 's do'} not meet the placement constraints and get no daemon task.`,
    );
  if (already > 0)
    notes.push(
      `${already} instance${already === 1 ? ' already runs' : 's already run'} a task of ${run.group} and get${already === 1 ? 's' : ''} no second one.`,
    );
  return explanation;
}

/** REPLICA and run-task: tasks 0..count-1 in turn; with `explainTask`, the explanation of that task (-1: every task). */
/** The strategy names providers (not only the cluster file's single unnamed capacityProvider). */
function named(setup: PlacementSetup): boolean {
  return (
    setup.strategyShares.length > 0 &&
    !(setup.strategyShares.length === 1 && setup.strategyShares[0].capacityProvider === 'default')
  );
}

function placeReplicas(
  setup: PlacementSetup,
  result: SimulationResult,
  explainTask?: number,
): TaskExplanation | undefined {
  const { count, runs, assignment } = setup;
  let explanation: TaskExplanation | undefined;
  const fargate = new Map<string, number>();
  for (let t = 0; t < count; t++) {
    const to = assignment?.[t] ?? 0;
    if (typeof to === 'string') {
      // Fargate capacity: AWS places the task, on no instance of the cluster.
      fargate.set(to, (fargate.get(to) ?? 0) + 1);
      if (explainTask === t)
        return {
          task: t,
          steps: [],
          summary: `Task ${t} runs on ${to} by the capacity provider strategy: AWS chooses its capacity, on no instance of the cluster.`,
        };
      continue;
    }
    const run = runs[to].run;
    if (explainTask === t || explainTask === -1) {
      explanation = run.explainNext(t);
      if (explainTask === -1) result.explanations.push(explanation);
      else return explanation;
    }
    const outcome = run.placeNext(t);
    if ('instance' in outcome) result.placements.push({ task: t, instance: outcome.instance.id });
    else
      result.unplaced.push({
        task: t,
        reasons: outcome.reasons,
        ...(named(setup) ? { capacityProvider: runs[to].capacityProvider } : {}),
      });
  }
  if (named(setup)) {
    result.capacityProviders = setup.strategyShares.map((share) => {
      const name = share.capacityProvider;
      const tasks = assignment!.filter((a) =>
        typeof a === 'string' ? a === name : runs[a].capacityProvider === name,
      ).length;
      const unplaced = result.unplaced.filter((u) => u.capacityProvider === name).length;
      return { capacityProvider: name, tasks, placed: isFargateProvider(name) ? 0 : tasks - unplaced, unplaced };
    });
    for (const [name, n] of fargate)
      result.notes.push(
        `${n} task${n === 1 ? '' : 's'} run on ${name} by the capacity provider strategy: AWS chooses their capacity, on no instance of the cluster.`,
      );
  }
  return explanation;
}

function finish(setup: PlacementSetup, result: SimulationResult): SimulationResult {
  const { cluster, mode, run, notes } = setup;
  if (cluster.instances.length > 0 && !cluster.instances.some(isUsable))
    notes.push('No container instance is ACTIVE with a connected agent.');
  // cluster-auto-scaling.html: a task without a capacity provider strategy (a launch type, or no default strategy) never makes a provider scale out.
  const service = setup.service;
  const shares =
    mode === 'daemon' ? strategyInEffect(service, cluster, setup.options.capacityProvider) : setup.strategyShares;
  const viaProvider = shares.some((s) => !isFargateProvider(s.capacityProvider));
  if (!viaProvider && result.unplaced.length > 0 && mode !== 'daemon') {
    notes.push(
      service?.launchType
        ? `The service sets launchType ${service.launchType}: managed scaling adds no instance for its tasks, only for tasks launched through a capacity provider.`
        : 'No capacity provider (the service has no capacityProviderStrategy and the cluster file names no capacityProvider): managed scaling adds no instance for these tasks.',
    );
  }
  const daemonGroups = daemonGroupsOf(cluster, mode === 'daemon' ? run.group : undefined);
  const estimates = !viaProvider
    ? []
    : setup.runs
        .filter((r) => r.capacityProvider !== undefined || mode === 'daemon')
        .map((r) => {
          const name =
            r.capacityProvider ?? shares.find((s) => !isFargateProvider(s.capacityProvider))!.capacityProvider;
          // The provider's own instances and settings, chosen as deploy and scale choose them.
          const group = providerGroup(cluster, name);
          const estimate = estimateScaleOut(
            {
              cluster: { ...cluster, instances: group.instances, capacityProvider: { name, ...group.entry } },
              task: setup.task,
              unplacedTasks:
                mode === 'daemon' ? 0 : result.unplaced.filter((u) => (u.capacityProvider ?? name) === name).length,
              constraints: r.run.constraints,
              options: setup.options,
            },
            daemonGroups,
          );
          return estimate && (setup.runs.length > 1 || r.capacityProvider !== 'default')
            ? { ...estimate, capacityProvider: name }
            : estimate;
        })
        .filter((e): e is NonNullable<typeof e> => e !== undefined);
  if (estimates.length > 1) result.scaleOuts = estimates;
  let scaleOut = estimates.reduce<(typeof estimates)[number] | undefined>(
    (best, e) => (!best || e.instancesToAdd > best.instancesToAdd ? e : best),
    undefined,
  );
  if (scaleOut && mode === 'daemon' && result.unplaced.length > 0) {
    const n = result.unplaced.length;
    scaleOut = {
      ...scaleOut,
      message: `${n} daemon task${n === 1 ? ' lacks' : 's lack'} room on ${n === 1 ? 'its instance' : 'their instances'}; a DAEMON task belongs to its instance, so new instances do not place ${n === 1 ? 'it' : 'them'}: free CPU or memory there instead.`,
    };
  }
  result.instances = cluster.instances.map(report);
  if (scaleOut) result.scaleOut = scaleOut;
  return result;
}

/**
 * Places the tasks and reports where they went. Explanations are built only when asked
 * (`options.explain`, for every task; `explainTask` for one), since each costs a scan of the cluster.
 */
export function simulate(request: SimulationRequest): SimulationResult {
  const prepared = preparePlacement(request);
  if ('result' in prepared) return prepared.result;
  const { setup } = prepared;
  const result = emptyResult(setup.mode, setup.notes, setup.errors, {
    ...setup.described,
    strategies: setup.strategies,
    constraints: setup.constraints,
  });
  const explainAll = setup.options.explain === true ? -1 : undefined;
  if (setup.mode === 'daemon') placeDaemons(setup, result, explainAll);
  else placeReplicas(setup, result, explainAll);
  return finish(setup, result);
}

/** Why one task of the simulation goes where it goes: the simulation replayed up to it, then that task scanned. */
export function explainTask(request: SimulationRequest, task: number): TaskExplanation | undefined {
  if (!Number.isInteger(task) || task < 0) return undefined;
  const prepared = preparePlacement(request);
  if ('result' in prepared) return undefined;
  const { setup } = prepared;
  const scratch = emptyResult(setup.mode, [], []);
  if (setup.mode === 'daemon') return placeDaemons(setup, scratch, task);
  if (task >= setup.count) return undefined;
  return placeReplicas(setup, scratch, task);
}

/** Re-exported for callers that only need to read a cluster file. */
export { parseCluster };
