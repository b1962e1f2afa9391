import {
  explainTaskRequest,
  placementOptionsRequest,
  simulateRequest,
  simulationSourcesRequest,
  type ClusterSource,
  type ExplainTaskResponse,
  type SimulateParams,
  type SimulationResult,
  type SimulationSources,
  type PlacementOptionsResponse,
  type ManagedScalingMember,
} from '../../../server/src/protocol';
import type { RequestType } from 'vscode-languageserver-protocol';
import { Emitter, type Disposable, type Event } from './emitter';
import {
  isWebviewMessage,
  startingQuickCluster,
  type ClusterChoice,
  type FileRef,
  type HostMessage,
  type PanelInputs,
  type PanelSources,
  type QuickClusterChoice,
} from './messages';
import { simulationOptions } from './request';
import { cleanRunOptions, runDeployment, runScaling } from './dynamicsHost';

/** The part of a vscode.WebviewPanel the host uses; index.ts adapts the real one, tests pass a fake. */
export interface PanelView {
  readonly visible: boolean;
  postMessage(message: HostMessage): PromiseLike<boolean>;
  onDidReceiveMessage(listener: (message: unknown) => void): Disposable;
  onDidChangeVisibility(listener: (visible: boolean) => void): Disposable;
  onDidDispose(listener: () => void): Disposable;
  reveal(): void;
  setTitle(title: string): void;
  dispose(): void;
}

export interface SimulationClient {
  sendRequest<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
}

/** The files the panel shows, as the server paired them. */
interface ResolvedSources {
  sources: PanelSources;
  clusters: FileRef[];
  family: string | undefined;
}

/** A message for the panel (the server could not use the files); shown as it is. */
class InputError extends Error {}

export interface PanelHostDeps {
  client: SimulationClient;
  /** A short name of a file for display, e.g. its workspace-relative path. */
  label(uri: string): string;
  createView(): PanelView;
  openFile(uri: string): void;
  debounceMs?: number;
}

/** Runs the placement panel: asks the server which files to simulate and to simulate them, and forwards results to the webview. */
export class PlacementPanelHost {
  private view: PanelView | undefined;
  private viewSubscriptions: Disposable[] = [];
  /** The webview said `ready` and has not been torn down since (hidden panels lose their webview). */
  private ready = false;
  private activeUri: string | undefined;
  private loading: Promise<void> = Promise.resolve();
  private resolved: ResolvedSources | undefined;
  private loadError: string | undefined;
  /** The form's choices, ranges and defaults: the server's tables, asked once. */
  private options: PlacementOptionsResponse | undefined;
  private inputs: PanelInputs = { cluster: startingQuickCluster(undefined) };
  private sequence = 0;
  private posted: { id: number; result: SimulationResult; request: SimulateParams } | undefined;
  private rendered: SimulationResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly simulated = new Emitter<SimulationResult>();
  private readonly debounceMs: number;

  readonly onDidSimulate: Event<SimulationResult> = this.simulated.event;

  constructor(private readonly deps: PanelHostDeps) {
    this.debounceMs = deps.debounceMs ?? 300;
  }

  get lastResult(): SimulationResult | undefined {
    return this.rendered;
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Shows the panel for the given task definition or service file and simulates once the webview is ready. */
  async open(activeUri: string): Promise<void> {
    if (this.view) this.view.reveal();
    else this.attach(this.deps.createView());
    this.activeUri = activeUri;
    this.loading = this.load(activeUri);
    await this.loading;
    if (this.ready) {
      this.postInit();
      await this.simulate();
    }
  }

  /** A document changed: re-simulate, debounced, if it is one of the panel's inputs. */
  documentChanged(uri: string): void {
    if (!this.view || !this.isInput(uri)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.debounceMs);
  }

  /** Runs a simulation with the current files and inputs and posts its result. Stale answers are dropped. */
  async simulate(): Promise<void> {
    if (!this.view || !this.ready) return;
    const id = ++this.sequence;
    this.post({ type: 'simulating', id });
    try {
      const request = this.buildRequest();
      const response = await this.deps.client.sendRequest(simulateRequest, request);
      if (id !== this.sequence) return;
      // The server answers nothing when the simulator threw; it logged why.
      if (!response || typeof response !== 'object')
        throw new Error('the server returned no result (see the ECS Lens output channel)');
      if (response.sources) this.updateSources(response.sources);
      this.post({ type: 'inputErrors', errors: response.inputErrors });
      if (typeof response.error === 'string') throw new InputError(response.error);
      const result = response.result;
      if (!result || !Array.isArray(result.instances))
        throw new Error('the server returned no result (see the ECS Lens output channel)');
      this.posted = { id, result, request };
      this.post({ type: 'result', id, result, inputs: this.inputs });
    } catch (e) {
      if (id !== this.sequence) return;
      const message =
        e instanceof InputError ? e.message : `Simulation failed: ${e instanceof Error ? e.message : String(e)}`;
      this.post({ type: 'error', id, message });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.view?.dispose();
    this.detach();
    this.simulated.dispose();
  }

  /** Takes over a panel VS Code brought back after a reload, pointed at the files it showed before. */
  async restore(view: PanelView, activeUri: string | undefined, inputs: PanelInputs | undefined): Promise<void> {
    this.attach(view);
    if (activeUri) {
      this.activeUri = activeUri;
      this.loading = this.load(activeUri);
      await this.loading;
    }
    // Loading picks default inputs for the files; the saved ones win.
    if (inputs) this.inputs = cleanInputs(inputs, this.options);
  }

  private attach(view: PanelView): void {
    this.view = view;
    this.ready = false;
    this.viewSubscriptions = [
      view.onDidReceiveMessage((message) => void this.receive(message)),
      // A hidden panel loses its webview (retainContextWhenHidden is off); the new one says `ready` again.
      view.onDidChangeVisibility((visible) => {
        if (!visible) this.ready = false;
      }),
      view.onDidDispose(() => this.detach()),
    ];
  }

  private detach(): void {
    for (const s of this.viewSubscriptions) s.dispose();
    this.viewSubscriptions = [];
    this.view = undefined;
    this.ready = false;
    this.posted = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) return;
    switch (message.type) {
      case 'ready':
        await this.loading;
        this.ready = true;
        this.postInit();
        await this.simulate();
        return;
      case 'setInputs':
        this.inputs = cleanInputs(message.inputs, this.options);
        await this.simulate();
        return;
      case 'rendered':
        if (this.posted?.id === message.id) {
          this.rendered = this.posted.result;
          this.simulated.fire(this.rendered);
        }
        return;
      case 'explain': {
        // Explained against the files and inputs of the result on screen.
        const posted = this.posted;
        if (posted?.id !== message.id) return;
        const explanation: ExplainTaskResponse = await this.deps.client
          .sendRequest(explainTaskRequest, { ...posted.request, task: message.task })
          .then(
            (answer) => answer ?? null,
            () => null,
          );
        this.post({ type: 'explanation', id: message.id, task: message.task, explanation });
        return;
      }
      case 'deploy':
      case 'scale':
        await this.runOverTime(message.type, message.options);
        return;
      case 'openFile':
        // Only files the panel shows, never an arbitrary URI from the webview.
        if (this.isInput(message.uri) || this.resolved?.clusters.some((c) => c.uri === message.uri))
          this.deps.openFile(message.uri);
        return;
    }
  }

  /** The Deployment and Scaling tabs: the server reads the files by URI and runs the simulation over time. */
  private async runOverTime(kind: 'deploy' | 'scale', raw: unknown): Promise<void> {
    if (!this.activeUri) return;
    const options = cleanRunOptions(raw);
    try {
      if (kind === 'deploy')
        this.post({
          type: 'deployment',
          response: await runDeployment(this.deps.client, this.activeUri, this.inputs.cluster, options),
        });
      else
        this.post({
          type: 'scaling',
          response: await runScaling(this.deps.client, this.activeUri, this.inputs.cluster, options),
        });
    } catch (e) {
      const response = {
        sources: {},
        error: `${kind === 'deploy' ? 'Deployment' : 'Scaling'} failed: ${e instanceof Error ? e.message : String(e)}`,
      };
      this.post(kind === 'deploy' ? { type: 'deployment', response } : { type: 'scaling', response });
    }
  }

  private async refresh(): Promise<void> {
    // The active file may have been unusable when the panel opened (e.g. the server could not classify it yet).
    if (this.loadError !== undefined && this.activeUri !== undefined) {
      this.loading = this.load(this.activeUri);
      await this.loading;
      if (this.ready) this.postInit();
    }
    await this.simulate();
  }

  private async load(activeUri: string): Promise<void> {
    // What the form offers comes from the server's tables, once per panel host.
    this.options ??= await this.deps.client.sendRequest(placementOptionsRequest, {}).then(
      (answer) =>
        Array.isArray(answer?.strategyTypes) &&
        Array.isArray(answer.constraintTypes) &&
        answer.managedScaling &&
        answer.newStrategy &&
        answer.newConstraint
          ? answer
          : undefined,
      () => undefined,
    );
    try {
      const answer = await this.deps.client.sendRequest(simulationSourcesRequest, { uri: activeUri });
      if (!answer || typeof answer !== 'object') throw new Error('the server returned no answer');
      const next = this.toResolved(answer);
      this.inputs = carryInputs(this.inputs, this.resolved, next, startingQuickCluster(this.options));
      this.resolved = next;
      this.loadError = answer.error;
      this.view?.setTitle(next.family ? `Placement: ${next.family}` : 'Task Placement');
    } catch (e) {
      this.resolved = undefined;
      this.loadError = `Could not ask the language server for the files to simulate: ${e instanceof Error ? e.message : String(e)}`;
      this.view?.setTitle('Task Placement');
    }
  }

  private toResolved(sources: SimulationSources): ResolvedSources {
    const ref = (uri: string): FileRef => ({ uri, label: this.deps.label(uri) });
    return {
      sources: {
        ...(sources.taskDefinition !== undefined ? { taskDefinition: ref(sources.taskDefinition) } : {}),
        ...(sources.service !== undefined ? { service: ref(sources.service) } : {}),
      },
      clusters: Array.isArray(sources.clusters) ? sources.clusters.map(ref) : [],
      family: sources.family,
    };
  }

  /** The server paired other files (an edit changed a family): show them. */
  private updateSources(sources: SimulationSources): void {
    const next = this.toResolved(sources);
    const before = this.resolved?.sources;
    if (
      before?.taskDefinition?.uri === next.sources.taskDefinition?.uri &&
      before?.service?.uri === next.sources.service?.uri
    )
      return;
    this.resolved = { ...next, clusters: next.clusters.length ? next.clusters : (this.resolved?.clusters ?? []) };
    if (this.ready) this.postInit();
  }

  private buildRequest(): SimulateParams {
    if (!this.activeUri) throw new InputError('No task definition to simulate.');
    if (this.loadError !== undefined && !this.resolved?.sources.taskDefinition) throw new InputError(this.loadError);
    return {
      uri: this.activeUri,
      cluster: clusterSource(this.inputs.cluster),
      options: simulationOptions(this.inputs),
    };
  }

  /** Whether a file is one the panel reads; a Terraform or CloudFormation resource (`file.tf#address`) is read with its file. */
  private isInput(uri: string): boolean {
    const sources = this.resolved?.sources;
    const file = withoutFragment(uri);
    const same = (input: string | undefined) =>
      input !== undefined && (input === uri || withoutFragment(input) === file);
    if (same(this.activeUri)) return true;
    if (same(sources?.taskDefinition?.uri) || same(sources?.service?.uri)) return true;
    return this.inputs.cluster.kind === 'file' && this.inputs.cluster.uri === uri;
  }

  private postInit(): void {
    this.post({
      type: 'init',
      sources: this.resolved?.sources ?? {},
      clusters: this.resolved?.clusters ?? [],
      inputs: this.inputs,
      ...(this.options ? { options: this.options } : {}),
    });
  }

  private post(message: HostMessage): void {
    // A panel closed or hidden in the meantime drops the message; `ready` resends everything.
    void this.view?.postMessage(message).then(undefined, () => undefined);
  }
}

function withoutFragment(uri: string): string {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
}

function clusterSource(choice: ClusterChoice): ClusterSource {
  if (choice.kind === 'file') return { uri: choice.uri };
  return {
    quick: { instanceType: choice.instanceType, count: choice.count, availabilityZones: choice.availabilityZones },
  };
}

/** Keeps what the user chose when the panel moves to other files; strategy and count overrides belong to one service. */
function carryInputs(
  previous: PanelInputs,
  before: ResolvedSources | undefined,
  next: ResolvedSources,
  quick: QuickClusterChoice,
): PanelInputs {
  const sameFiles =
    before !== undefined &&
    before.sources.taskDefinition?.uri === next.sources.taskDefinition?.uri &&
    before.sources.service?.uri === next.sources.service?.uri;
  const clusterStillThere =
    previous.cluster.kind === 'file'
      ? next.clusters.some((c) => previous.cluster.kind === 'file' && c.uri === previous.cluster.uri)
      : true;
  const cluster: ClusterChoice =
    before !== undefined && clusterStillThere
      ? previous.cluster
      : next.clusters.length > 0
        ? { kind: 'file', uri: next.clusters[0].uri }
        : quick;
  if (sameFiles) return { ...previous, cluster };
  return { cluster, seed: previous.seed, capacityProvider: previous.capacityProvider };
}

/** Drops values the webview should not have sent (NaN, negatives), so the server sees only meaningful overrides. */
export function cleanInputs(
  inputs: PanelInputs,
  options?: Pick<PlacementOptionsResponse, 'managedScaling'>,
): PanelInputs {
  const count = (n: unknown, min: number) => (typeof n === 'number' && Number.isInteger(n) && n >= min ? n : undefined);
  const list = <T>(v: T[] | undefined) =>
    Array.isArray(v)
      ? v.filter((x) => typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string')
      : undefined;
  const cluster: ClusterChoice =
    inputs.cluster.kind === 'file'
      ? { kind: 'file', uri: inputs.cluster.uri }
      : {
          kind: 'quick',
          instanceType: inputs.cluster.instanceType,
          count: count(inputs.cluster.count, 0) ?? 0,
          availabilityZones: inputs.cluster.availabilityZones.filter((az): az is string => typeof az === 'string'),
        };
  const clean: PanelInputs = { cluster };
  const desiredCount = count(inputs.desiredCount, 0);
  if (desiredCount !== undefined) clean.desiredCount = desiredCount;
  const seed = count(inputs.seed, 0);
  if (seed !== undefined) clean.seed = seed;
  const strategies = list(inputs.placementStrategy);
  if (strategies) clean.placementStrategy = strategies;
  const constraints = list(inputs.placementConstraints);
  if (constraints) clean.placementConstraints = constraints;
  const cp = inputs.capacityProvider;
  if (cp && typeof cp === 'object') {
    // Whole numbers in the member's range (the server's table); until the server has answered, whole numbers it checks itself.
    const member = (value: unknown, name: ManagedScalingMember) => {
      const range = options?.managedScaling[name];
      const n = count(value, range?.min ?? 0);
      return n !== undefined && (range === undefined || n <= range.max) ? { [name]: n } : {};
    };
    clean.capacityProvider = {
      ...(typeof cp.instanceType === 'string' && cp.instanceType.trim()
        ? { instanceType: cp.instanceType.trim() }
        : {}),
      ...member(cp.targetCapacity, 'targetCapacity'),
      ...member(cp.minimumScalingStepSize, 'minimumScalingStepSize'),
      ...member(cp.maximumScalingStepSize, 'maximumScalingStepSize'),
    };
  }
  return clean;
}
