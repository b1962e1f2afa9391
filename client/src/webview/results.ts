import type {
  InstanceReport,
  ResourceUsage,
  SimulationResult,
  TaskExplanation,
  UnplacedReason,
} from '../../../server/src/protocol';
import { append, h, type Child } from './dom';

/** A task as a button: click or Enter shows its explanation (handled by one delegated listener in main.ts). */
export function taskButton(task: number, selected: boolean, unplaced = false): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: unplaced ? 'task unplaced' : 'task',
      'data-task': task,
      'aria-pressed': String(selected),
      title: `Task ${task}: show why it went here`,
    },
    String(task),
  );
}

/** The whole result view; built off-document and swapped in at once, so one layout pass per update. */
export function renderResult(result: SimulationResult, selectedTask: number | undefined): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const total = result.placements.length + result.unplaced.length;
  const placedOn = result.instances.filter((i) => i.tasks.length > 0).length;
  append(fragment, [
    banner('error', result.errors),
    banner('note', result.notes),
    // Fargate tasks land on no instance of the cluster: the notes say what Fargate does, and no count of placements is shown.
    result.mode === 'fargate'
      ? h(
          'p',
          { class: 'summary' },
          `${plural(result.count ?? 0, 'task')} on AWS Fargate · no container instance involved`,
        )
      : h(
          'p',
          { class: 'summary' },
          `${result.placements.length} of ${plural(total, 'task')} placed on ${placedOn} of ${plural(result.instances.length, 'instance')} · ${result.mode}`,
        ),
    excludedByConstraints(result),
  ]);
  if (result.unplaced.length > 0) fragment.append(unplacedSection(result, selectedTask));
  if (result.scaleOut) fragment.append(scaleOutSection(result.scaleOut));
  if (result.instances.length > 0) {
    fragment.append(
      h(
        'div',
        { class: 'legend', 'aria-hidden': 'true' },
        h('span', null, h('i', { class: 'existing' }), 'existing tasks'),
        h('span', null, h('i', { class: 'simulated' }), 'simulated tasks'),
        h('span', null, h('i', { class: 'free' }), 'free'),
      ),
    );
    for (const [zone, instances] of byZone(result.instances))
      fragment.append(zoneSection(zone, instances, selectedTask));
  }
  return fragment;
}

const constraintReasons = new Set(['member-of', 'distinct-instance']);

/** When the placement constraints leave no instance at all, that is the answer: said first, with the instances each excluded. */
function excludedByConstraints(result: SimulationResult): Child {
  if (result.placements.length > 0 || result.unplaced.length === 0) return null;
  if (!result.unplaced.every((u) => u.reasons.length > 0 && u.reasons.every((r) => constraintReasons.has(r.code))))
    return null;
  const reasons = new Map<string, UnplacedReason>();
  for (const u of result.unplaced) for (const r of u.reasons) reasons.set(r.message, r);
  return h(
    'div',
    { class: 'banner error', role: 'alert', id: 'excluded-by-constraints' },
    h(
      'p',
      null,
      `The placement constraints exclude every instance of the cluster (${plural(result.instances.length, 'instance')}):`,
    ),
    h(
      'ul',
      { class: 'reasons' },
      [...reasons.values()].map((r) => h('li', null, r.message)),
    ),
  );
}

function banner(kind: 'error' | 'note', lines: string[]): Child {
  if (lines.length === 0) return null;
  return h(
    'div',
    { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : undefined },
    lines.map((line) => h('p', null, line)),
  );
}

function byZone(instances: InstanceReport[]): Array<[string, InstanceReport[]]> {
  const zones = new Map<string, InstanceReport[]>();
  for (const instance of instances) {
    const zone = instance.availabilityZone ?? 'No availability zone';
    let list = zones.get(zone);
    if (!list) zones.set(zone, (list = []));
    list.push(instance);
  }
  return [...zones].sort(([a], [b]) => a.localeCompare(b));
}

function zoneSection(zone: string, instances: InstanceReport[], selectedTask: number | undefined): HTMLElement {
  const tasks = instances.reduce((n, i) => n + i.tasks.length, 0);
  return h(
    'section',
    { class: 'zone', 'aria-label': zone },
    h(
      'h2',
      null,
      zone,
      ' ',
      h(
        'span',
        { class: 'muted' },
        `${instances.length} instance${instances.length === 1 ? '' : 's'}, ${tasks} task${tasks === 1 ? '' : 's'}`,
      ),
    ),
    h(
      'div',
      { class: 'instances' },
      instances.map((i) => instanceCard(i, selectedTask)),
    ),
  );
}

function instanceCard(instance: InstanceReport, selectedTask: number | undefined): HTMLElement {
  // The server names a status only when it is not ACTIVE (InstanceReport.status).
  const inactive = instance.status !== undefined || instance.agentConnected === false;
  const facts = [
    instance.instanceType,
    instance.status,
    instance.agentConnected === false ? 'agent disconnected' : undefined,
    instance.existingTasks
      ? `${instance.existingTasks} existing task${instance.existingTasks === 1 ? '' : 's'}`
      : undefined,
  ].filter((f): f is string => f !== undefined);
  return h(
    'article',
    { class: inactive ? 'instance inactive' : 'instance', 'aria-label': `Instance ${instance.instance}` },
    h('div', { class: 'name' }, instance.instance),
    facts.length > 0 ? h('div', { class: 'muted' }, facts.join(' · ')) : null,
    meter('CPU', instance.cpu, ''),
    meter('Memory', instance.memory, ' MiB'),
    instance.tasks.length > 0
      ? h(
          'div',
          { class: 'tasks', role: 'group', 'aria-label': 'Simulated tasks' },
          instance.tasks.map((t) => taskButton(t, t === selectedTask)),
        )
      : h('div', { class: 'muted' }, 'No simulated tasks'),
  );
}

function meter(label: string, usage: ResourceUsage, unit: string): HTMLElement {
  const registered = Math.max(usage.registered, 0);
  const used = Math.max(registered - usage.remaining, 0);
  const simulated = usage.simulated ?? 0;
  const existing = usage.existing ?? Math.max(used - simulated, 0);
  const percent = (n: number) => (registered > 0 ? `${Math.min(100, (n / registered) * 100).toFixed(2)}%` : '0%');
  const existingBar = h('span', { class: 'existing' });
  const simulatedBar = h('span', { class: 'simulated' });
  // CSSOM writes are allowed under the CSP; inline style attributes are not.
  existingBar.style.width = percent(existing);
  simulatedBar.style.width = percent(simulated);
  const figures = `${used} of ${registered}${unit} used (${existing} existing, ${simulated} simulated), ${usage.remaining}${unit} free`;
  return h(
    'div',
    { class: 'meter' },
    h('span', null, label),
    h('div', { class: 'bar', role: 'img', 'aria-label': `${label}: ${figures}` }, existingBar, simulatedBar),
    h('span', { class: 'figures', 'aria-hidden': 'true' }, `${used} / ${registered}${unit} · ${usage.remaining} free`),
  );
}

function unplacedSection(result: SimulationResult, selectedTask: number | undefined): HTMLElement {
  // Tasks that failed for the same reasons are listed together, so 100 unplaced tasks stay readable.
  const groups = new Map<string, { tasks: number[]; reasons: UnplacedReason[] }>();
  for (const u of result.unplaced) {
    const key = u.reasons.map((r) => `${r.code}\u0000${r.message}\u0000${r.instances}`).join('\u0001');
    const group = groups.get(key);
    if (group) group.tasks.push(u.task);
    else groups.set(key, { tasks: [u.task], reasons: u.reasons });
  }
  return h(
    'section',
    { class: 'unplaced', 'aria-label': 'Unplaced tasks' },
    h('h2', null, `Unplaced tasks (${result.unplaced.length})`),
    [...groups.values()].map((g) =>
      h(
        'div',
        { class: 'unplaced-task' },
        h(
          'div',
          { class: 'tasks', role: 'group', 'aria-label': 'Unplaced tasks' },
          g.tasks.map((t) => taskButton(t, t === selectedTask, true)),
        ),
        g.reasons.length > 0
          ? h(
              'ul',
              { class: 'reasons' },
              g.reasons.map((r) =>
                h(
                  'li',
                  null,
                  r.message,
                  ' ',
                  h('span', { class: 'muted' }, `(${r.code}, ${r.instances} instance${r.instances === 1 ? '' : 's'})`),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No reason given.'),
      ),
    ),
  );
}

function scaleOutSection(s: NonNullable<SimulationResult['scaleOut']>): HTMLElement {
  const needsMore = s.instancesToAdd > 0 || s.tasksThatCannotFit > 0;
  const cannotFit =
    s.tasksThatCannotFit > 0
      ? `; ${plural(s.tasksThatCannotFit, 'task')} cannot fit even on an empty ${s.instanceType}`
      : '';
  return h(
    'section',
    { class: 'scale-out', 'aria-label': 'Scale-out estimate' },
    h('h2', null, 'Scale-out estimate'),
    h('p', null, s.message),
    needsMore
      ? h(
          'p',
          { class: 'muted' },
          `${s.instancesToAdd} × ${s.instanceType} to add to ${s.instancesRunning} running${cannotFit}`,
          ` · CapacityProviderReservation ${round(s.capacityProviderReservation)}% (target ${s.targetCapacity}%)`,
        )
      : null,
  );
}

/** The explanation box's content for one task: `undefined` while the host is asked, null when there is none. */
export function renderExplanation(
  task: number,
  result: SimulationResult,
  answer?: TaskExplanation | null,
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const explanation: TaskExplanation | undefined = answer ?? result.explanations.find((e) => e.task === task);
  const instance = explanation?.instance ?? result.placements.find((p) => p.task === task)?.instance;
  fragment.append(
    h('button', { type: 'button', class: 'link close', 'data-close': 'true', title: 'Close (Escape)' }, 'Close'),
    h(
      'h3',
      { id: 'explanation-title' },
      `Task ${task} `,
      instance ? h('span', { class: 'mono' }, `→ ${instance}`) : h('span', { class: 'muted' }, 'not placed'),
    ),
  );
  if (!explanation) {
    fragment.append(
      h(
        'p',
        { class: 'muted' },
        answer === undefined ? 'Explaining…' : 'The simulator gave no explanation for this task.',
      ),
    );
    return fragment;
  }
  fragment.append(
    h('p', null, explanation.summary),
    h(
      'ol',
      null,
      explanation.steps.map((s) =>
        h(
          'li',
          null,
          h('code', null, s.step),
          s.note ? ` ${s.note}` : '',
          h(
            'details',
            null,
            h('summary', null, `${s.candidates.length} candidate${s.candidates.length === 1 ? '' : 's'} left`),
            h('span', { class: 'mono' }, s.candidates.join(', ') || 'none'),
          ),
        ),
      ),
    ),
  );
  return fragment;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
