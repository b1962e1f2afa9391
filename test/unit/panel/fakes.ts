import type { Disposable } from '../../../client/src/panel/emitter';
import type { PanelHostDeps, PanelView } from '../../../client/src/panel/host';
import type { HostMessage } from '../../../client/src/panel/messages';
import type { RequestType } from 'vscode-languageserver-protocol';
import {
  explainTaskRequest,
  placementOptionsRequest,
  simulateRequest,
  simulationSourcesRequest,
  type SimulateParams,
  type SimulateResponse,
  type SimulationResult,
} from '../../../server/src/protocol';
import { explainTask } from '../../../server/src/placement';
import { placementOptions } from '../../../server/src/service/placementOptions';
import type { SimulationRequest } from '../../../server/src/placement/types';
import { defaultSettings } from '../../../server/src/service/settings';
import { readSourceFile } from '../../../server/src/surfaces';
import { simulationRequest, simulationSources } from '../../../server/src/service/simulationInputs';
import { staticWorkspace } from '../../../server/src/service/workspace';

type Listener<T> = (value: T) => void;

function listeners<T>() {
  const set = new Set<Listener<T>>();
  return {
    add(listener: Listener<T>): Disposable {
      set.add(listener);
      return { dispose: () => set.delete(listener) };
    },
    fire(value: T) {
      for (const l of [...set]) l(value);
    },
    get size() {
      return set.size;
    },
  };
}

/** A webview panel that records what the host posts and lets the test speak for the webview. */
export class FakeView implements PanelView {
  visible = true;
  title = '';
  disposed = false;
  reveals = 0;
  readonly posted: HostMessage[] = [];
  private readonly messages = listeners<unknown>();
  private readonly visibility = listeners<boolean>();
  private readonly disposal = listeners<void>();
  private waiters: Array<{ type: HostMessage['type']; from: number; resolve: (m: HostMessage) => void }> = [];

  postMessage(message: HostMessage): Promise<boolean> {
    // Structured clone, as the real webview channel does.
    this.posted.push(JSON.parse(JSON.stringify(message)) as HostMessage);
    this.waiters = this.waiters.filter((w) => {
      const found = this.posted.slice(w.from).find((m) => m.type === w.type);
      if (found) w.resolve(found);
      return !found;
    });
    return Promise.resolve(this.visible);
  }
  onDidReceiveMessage(listener: (message: unknown) => void): Disposable {
    return this.messages.add(listener);
  }
  onDidChangeVisibility(listener: (visible: boolean) => void): Disposable {
    return this.visibility.add(listener);
  }
  onDidDispose(listener: () => void): Disposable {
    return this.disposal.add(listener);
  }
  reveal(): void {
    this.reveals++;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposal.fire();
  }

  /** The webview sends a message to the host. */
  send(message: unknown): void {
    this.messages.fire(message);
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.visibility.fire(visible);
  }
  /** The next message of this type posted from now on (or already posted since `from`). */
  next<T extends HostMessage['type']>(type: T, from = this.posted.length): Promise<Extract<HostMessage, { type: T }>> {
    const found = this.posted.slice(from).find((m) => m.type === type);
    if (found) return Promise.resolve(found as Extract<HostMessage, { type: T }>);
    return new Promise((resolve) => this.waiters.push({ type, from, resolve: resolve as (m: HostMessage) => void }));
  }
  ofType<T extends HostMessage['type']>(type: T): Array<Extract<HostMessage, { type: T }>> {
    return this.posted.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type);
  }
}

export function emptyResult(overrides: Partial<SimulationResult> = {}): SimulationResult {
  return {
    mode: 'service',
    strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
    constraints: [],
    placements: [{ task: 1, instance: 'i-1' }],
    unplaced: [],
    instances: [
      {
        instance: 'i-1',
        availabilityZone: 'us-east-1a',
        tasks: [1],
        cpu: { registered: 2048, remaining: 1792, simulated: 256, existing: 0 },
        memory: { registered: 8192, remaining: 7680, simulated: 512, existing: 0 },
      },
    ],
    explanations: [],
    notes: [],
    errors: [],
    ...overrides,
  };
}

export interface FakeWorld {
  deps: PanelHostDeps;
  view: FakeView;
  views: FakeView[];
  /** The workspace's files (open documents with their edits) by URI, as the server sees them. */
  texts: Map<string, string>;
  requests: Array<{ method: string; params: unknown }>;
  /** The simulator requests the server built from the panel's requests. */
  simulations(): SimulationRequest[];
  /** Replaces the simulator (e.g. to delay or fail). */
  simulate: (request: SimulationRequest) => Promise<SimulationResult>;
  opened: string[];
}

export const uris = {
  taskDefinition: 'file:///ws/app/web-task-def.json',
  service: 'file:///ws/app/web-service-def.json',
  cluster: 'file:///ws/app/prod.cluster.json',
  otherCluster: 'file:///ws/clusters/dev.cluster.json',
  otherTaskDefinition: 'file:///ws/other/web-task-def.json',
};

/**
 * A workspace with a task definition, its service and two cluster files, served by a fake language
 * client that answers with the server's own pairing and request building (the simulator is replaceable).
 */
export function fakeWorld(debounceMs = 20): FakeWorld {
  const texts = new Map<string, string>([
    [
      uris.taskDefinition,
      JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 512 }] }),
    ],
    [uris.service, JSON.stringify({ serviceName: 'web', taskDefinition: 'web:3', desiredCount: 2 })],
    [
      uris.cluster,
      JSON.stringify({ instanceGroups: [{ instanceType: 'm5.large', availabilityZones: ['us-east-1a'], count: 1 }] }),
    ],
    [uris.otherCluster, '{"instanceGroups": []}'],
  ]);
  const views: FakeView[] = [];
  const built: SimulationRequest[] = [];
  // As the server reads them: a JSON file is one document, a Terraform file one per resource (`file.tf#address`).
  const workspace = () =>
    staticWorkspace([...texts].flatMap(([uri, text]) => readSourceFile(uri, text, defaultSettings).documents));
  const world: FakeWorld = {
    texts,
    views,
    requests: [],
    opened: [],
    get view() {
      return views[views.length - 1];
    },
    simulations: () => built,
    simulate: async () => emptyResult(),
    deps: {
      client: {
        async sendRequest<P, R>(type: RequestType<P, R, void>, params: P): Promise<R> {
          world.requests.push({ method: type.method, params });
          if (type.method === simulationSourcesRequest.method)
            return simulationSources(workspace(), (params as { uri: string }).uri) as R;
          if (type.method === simulateRequest.method) {
            const { sources, request, error } = simulationRequest(workspace(), params as SimulateParams);
            if (!request) return { sources, error } as R;
            built.push(request);
            const result = await world.simulate(request);
            return (result === null ? null : ({ sources, result } satisfies SimulateResponse)) as R;
          }
          if (type.method === placementOptionsRequest.method) return placementOptions() as R;
          if (type.method === explainTaskRequest.method) {
            // The server's own function answers, as the language server does.
            const { request } = simulationRequest(workspace(), params as SimulateParams);
            return (request ? (explainTask(request, (params as { task: number }).task) ?? null) : null) as R;
          }
          throw new Error(`unexpected request ${type.method}`);
        },
      },
      label: (uri: string) => uri.slice(uri.lastIndexOf('/') + 1),
      createView() {
        const view = new FakeView();
        views.push(view);
        return view;
      },
      openFile: (uri: string) => void world.opened.push(uri),
      debounceMs,
    },
  };
  return world;
}

export const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
