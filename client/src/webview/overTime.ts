// The panel's tabs: Placement (the existing view), Deployment and Scaling. A tab over time asks the
// host for its run when first shown and when its fields change; the answers are kept for a reload.
import type { DeployResponse, ScaleResponse } from '../../../server/src/protocol';
import type { DynamicsRunOptions, WebviewMessage } from '../panel/messages';
import { renderDeployment } from './deployment';
import { h } from './dom';
import { renderScaling } from './scaling';

export type TabId = 'placement' | 'deployment' | 'scaling';

export interface OverTimeState {
  tab?: TabId;
  deployOptions?: DynamicsRunOptions;
  scaleOptions?: DynamicsRunOptions;
  deployment?: DeployResponse;
  scaling?: ScaleResponse;
}

const labels: Record<TabId, string> = { placement: 'Placement', deployment: 'Deployment', scaling: 'Scaling' };

export class OverTimeTabs {
  readonly element: HTMLElement;
  private readonly tabs = new Map<TabId, HTMLButtonElement>();
  private readonly panels = new Map<TabId, HTMLElement>();
  private readonly deployOut = h('div', { 'aria-live': 'polite' });
  private readonly scaleOut = h('div', { 'aria-live': 'polite' });
  private readonly deployStatus = h('span', { class: 'muted', role: 'status' });
  private readonly scaleStatus = h('span', { class: 'muted', role: 'status' });

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    placement: HTMLElement[],
    private readonly state: OverTimeState,
    private readonly save: () => void,
  ) {
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Views' });
    for (const id of ['placement', 'deployment', 'scaling'] as TabId[]) {
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          'aria-controls': `panel-${id}`,
          'aria-selected': 'false',
          tabindex: -1,
        },
        labels[id],
      );
      tab.addEventListener('click', () => this.select(id, true));
      this.tabs.set(id, tab);
      list.append(tab);
    }
    // Arrow keys move between tabs, as in every tab list.
    list.addEventListener('keydown', (e) => {
      const ids = [...this.tabs.keys()];
      const at = ids.indexOf(this.state.tab ?? 'placement');
      let next: number;
      if (e.key === 'ArrowRight') next = (at + 1) % ids.length;
      else if (e.key === 'ArrowLeft') next = (at + ids.length - 1) % ids.length;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = ids.length - 1;
      else return;
      e.preventDefault();
      this.select(ids[next], true);
    });
    this.panels.set(
      'placement',
      h('div', { role: 'tabpanel', id: 'panel-placement', 'aria-labelledby': 'tab-placement' }, placement),
    );
    this.panels.set(
      'deployment',
      h(
        'div',
        { role: 'tabpanel', id: 'panel-deployment', 'aria-labelledby': 'tab-deployment', hidden: true },
        this.toolbar('deploy'),
        this.deployOut,
      ),
    );
    this.panels.set(
      'scaling',
      h(
        'div',
        { role: 'tabpanel', id: 'panel-scaling', 'aria-labelledby': 'tab-scaling', hidden: true },
        this.toolbar('scale'),
        this.scaleOut,
      ),
    );
    this.element = h('div', null, list, [...this.panels.values()]);
    if (state.deployment) this.show('deployment', state.deployment);
    if (state.scaling) this.show('scaling', state.scaling);
    this.select(state.tab ?? 'placement', false);
  }

  /** Shows a tab; a tab over time runs when shown for the first time (or again on request). */
  select(id: TabId, focus: boolean): void {
    this.state.tab = id;
    this.save();
    for (const [tid, tab] of this.tabs) {
      const on = tid === id;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
      this.panels.get(tid)!.hidden = !on;
    }
    if (focus) this.tabs.get(id)!.focus();
    if (id === 'deployment' && !this.state.deployment) this.run('deploy');
    if (id === 'scaling' && !this.state.scaling) this.run('scale');
  }

  /** The placement inputs or files changed: results over time are out of date. */
  invalidate(): void {
    this.state.deployment = undefined;
    this.state.scaling = undefined;
    this.save();
    if (this.state.tab === 'deployment') this.run('deploy');
    if (this.state.tab === 'scaling') this.run('scale');
  }

  receive(
    message: { type: 'deployment'; response: DeployResponse } | { type: 'scaling'; response: ScaleResponse },
  ): void {
    if (message.type === 'deployment') {
      this.state.deployment = message.response;
      this.show('deployment', message.response);
    } else {
      this.state.scaling = message.response;
      this.show('scaling', message.response);
    }
    this.save();
  }

  private run(kind: 'deploy' | 'scale'): void {
    (kind === 'deploy' ? this.deployStatus : this.scaleStatus).textContent =
      kind === 'deploy' ? 'Running the deployment…' : 'Running auto scaling…';
    this.post({ type: kind, options: (kind === 'deploy' ? this.state.deployOptions : this.state.scaleOptions) ?? {} });
  }

  private show(id: 'deployment' | 'scaling', response: DeployResponse | ScaleResponse): void {
    const out = id === 'deployment' ? this.deployOut : this.scaleOut;
    (id === 'deployment' ? this.deployStatus : this.scaleStatus).textContent = '';
    if (response.error || !response.result) {
      out.replaceChildren(
        h('div', { class: 'banner error', role: 'alert' }, h('p', null, response.error ?? 'No result.')),
      );
      return;
    }
    const used = Object.entries(response.sources)
      .filter(([k, v]) => typeof v === 'string' && ['target', 'policy', 'load'].includes(k))
      .map(([k, v]) => `${k}: ${decodeURIComponent(String(v).slice(String(v).lastIndexOf('/') + 1))}`);
    out.replaceChildren(
      used.length > 0 ? h('p', { class: 'muted' }, used.join(' · ')) : '',
      id === 'deployment'
        ? renderDeployment((response as DeployResponse).result!)
        : renderScaling((response as ScaleResponse).result!),
    );
  }

  /** The timings no ECS file holds, as fields; changing one runs again. */
  private toolbar(kind: 'deploy' | 'scale'): HTMLElement {
    const key = kind === 'deploy' ? 'deployOptions' : 'scaleOptions';
    const options = (this.state[key] ??= {});
    const field = (name: keyof DynamicsRunOptions, text: string, placeholder: string) => {
      const id = `${kind}-${name}`;
      const input = h('input', {
        type: 'number',
        id,
        class: placeholder.length > 5 ? 'wide' : undefined,
        min: 0,
        step: 1,
        placeholder,
        value: typeof options[name] === 'number' ? String(options[name]) : undefined,
      });
      input.addEventListener('change', () => {
        const v = input.value.trim() === '' ? undefined : Number(input.value);
        if (v === undefined || !(Number.isInteger(v) && v >= 0)) delete options[name];
        else (options as Record<string, number>)[name] = v;
        this.save();
        this.run(kind);
      });
      return [h('span', { class: 'field' }, h('label', { for: id }, text), input)];
    };
    const items = [
      ...(kind === 'scale' ? field('durationSeconds', 'Duration (s)', '7200') : []),
      ...(kind === 'deploy' ? field('deregistrationDelaySeconds', 'Deregistration delay (s)', '300') : []),
      ...field('taskStartSeconds', 'Task start (s)', '30'),
      ...field('instanceLaunchSeconds', 'Instance launch (s)', '120'),
      ...field('maxInstances', 'Max instances', 'group max'),
    ];
    if (kind === 'deploy') {
      const box = h('input', { type: 'checkbox', id: 'deploy-fail', checked: options.failHealthChecks === true });
      box.addEventListener('change', () => {
        if (box.checked) options.failHealthChecks = true;
        else delete options.failHealthChecks;
        this.save();
        this.run(kind);
      });
      items.push(
        h('span', { class: 'field' }, box, h('label', { for: 'deploy-fail' }, 'New tasks fail their health checks')),
      );
    }
    const again = h('button', { type: 'button', class: 'btn secondary' }, 'Run again');
    again.addEventListener('click', () => this.run(kind));
    return h(
      'div',
      { class: 'dynamics toolbar' },
      items,
      again,
      kind === 'deploy' ? this.deployStatus : this.scaleStatus,
    );
  }
}
