// The Scaling tab: load, tasks and instances over time from a service auto scaling run, with the
// scaling events on the timeline. The three charts share one cursor.
import type { ScalingResult } from '../../../server/src/protocol';
import { clock, lineChart } from './charts';
import { eventList, notes } from './deployment';
import { append, h } from './dom';

export function renderScaling(result: ScalingResult): HTMLElement {
  const root = h('section', { class: 'dynamics', 'aria-label': 'Scaling' });
  if (result.errors.length > 0) {
    root.append(
      h(
        'div',
        { class: 'banner error', role: 'alert' },
        result.errors.map((e) => h('p', null, e)),
      ),
    );
    return root;
  }
  // Another service's target or policy: said above the result, which answers another question.
  if ((result.warnings ?? []).length > 0)
    root.append(
      h(
        'div',
        { class: 'banner warning', role: 'alert' },
        result.warnings.map((w) => h('p', null, w)),
      ),
    );
  const series = result.series;
  const last = series[series.length - 1];
  const sm = result.summary;
  root.append(
    h(
      'p',
      { class: `outcome ${last && last.running >= last.desired ? 'completed' : 'stalled'}` },
      h(
        'strong',
        null,
        last && last.running >= last.desired
          ? 'Every desired task runs at the end'
          : `${last?.running ?? 0} of ${last?.desired ?? 0} desired tasks run at the end`,
      ),
      ` · peak desired ${sm.peakDesired} · peak ${sm.peakInstances} instances · below the desired count for ${clock(sm.secondsBelowDesired)}`,
    ),
  );
  const x = series.map((p) => p.t);
  const markers = result.events.map((e) => ({ x: e.t, label: `${clock(e.t)} ${e.message}` }));
  const charts: Array<{ setCursor(i: number): void }> = [];
  const follow = (i: number) => charts.forEach((c) => c.setCursor(i));
  let syncing = false;
  const sync = (i: number) => {
    if (syncing) return;
    syncing = true;
    follow(i);
    syncing = false;
  };
  const load = lineChart(
    {
      title: 'Load and the metric the policies watch',
      x,
      series: [{ name: 'load', values: series.map((p) => p.load), color: 'orange' }],
      formatX: clock,
      height: 120,
    },
    sync,
  );
  const metric = lineChart(
    {
      title: 'Metric (utilization % or requests per target)',
      x,
      series: [{ name: 'metric', values: series.map((p) => p.utilization), color: 'red' }],
      formatX: clock,
      height: 100,
    },
    sync,
  );
  const tasks = lineChart(
    {
      title: 'Tasks: desired, running, pending, provisioning',
      x,
      series: [
        { name: 'desired', values: series.map((p) => p.desired), color: 'foreground', step: true, dashed: true },
        { name: 'running', values: series.map((p) => p.running), color: 'blue', step: true },
        { name: 'pending', values: series.map((p) => p.pending), color: 'purple', step: true },
        { name: 'provisioning', values: series.map((p) => p.provisioning), color: 'yellow', step: true },
      ],
      markers,
      formatX: clock,
    },
    sync,
  );
  const instances = lineChart(
    {
      title: 'Instances and CapacityProviderReservation',
      x,
      series: [
        { name: 'instances', values: series.map((p) => p.instances), color: 'green', step: true },
        {
          name: 'reservation %',
          values: series.map((p) => p.capacityProviderReservation),
          color: 'purple',
          dashed: true,
        },
      ],
      markers: markers.filter((m) => /capacity provider|instance/.test(m.label)),
      formatX: clock,
      height: 120,
    },
    sync,
  );
  charts.push(load, metric, tasks, instances);
  root.append(load.element, metric.element, tasks.element, instances.element);
  const events = eventList(result.events);
  if (events instanceof HTMLElement) {
    // An event in the list moves every chart's cursor to its minute.
    events.querySelectorAll('li').forEach((li, i) => {
      const at = x.indexOf(result.events[i].t);
      if (at < 0) return;
      const button = h('button', { type: 'button', class: 'link', title: 'Show this minute on the charts' }, 'show');
      button.addEventListener('click', () => follow(at));
      li.append(' ', button);
    });
    root.append(events);
  }
  append(root, [notes(result.notes)]);
  return root;
}
