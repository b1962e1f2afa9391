// The Deployment tab: a deployment's steps as a picture (old and new tasks per instance over time),
// the outcome, the stall point with its reason, and the settings that would unblock it.
import type { DeploymentResult } from '../../../server/src/protocol';
import { clock, lineChart, s } from './charts';
import { append, h, type Child } from './dom';

const outcomeText: Record<DeploymentResult['outcome'], string> = {
  completed: 'Completes',
  stalled: 'Stalls',
  'rolled-back': 'Rolls back',
};

/** The outcome in a line: when, what kind of deployment, how many tasks at the peak and where. */
function outcomeLine(result: DeploymentResult): HTMLElement {
  const what = result.rollingUpdate
    ? `rolling update · minimumHealthyPercent ${result.minimumHealthyPercent} · maximumPercent ${result.maximumPercent}`
    : `${result.strategy.toLowerCase().replace('_', '/')} deployment`;
  return h(
    'p',
    { class: `outcome ${result.outcome}` },
    h(
      'strong',
      null,
      `${outcomeText[result.outcome]} ${result.outcome === 'completed' ? 'in' : 'at'} ${clock(result.durationSeconds)}`,
    ),
    ` · ${what} · ${result.desiredCount} desired task${result.desiredCount === 1 ? '' : 's'}${result.mode === 'daemon' ? ' (DAEMON)' : ''} · peak ${result.peakTasks} tasks on ${result.mode === 'fargate' ? 'AWS Fargate' : `${result.peakInstances} instances`}`,
    result.circuitBreaker === 'none' && result.rollingUpdate ? ' · no circuit breaker' : '',
  );
}

/** Why it stalled or rolled back, and what would unblock it. */
function reasonBanner(result: DeploymentResult): HTMLElement | null {
  if (!result.reason) return null;
  return h(
    'div',
    { class: `banner ${result.outcome === 'completed' ? 'note' : 'error'}`, role: 'alert' },
    h(
      'p',
      null,
      h('strong', null, result.outcome === 'rolled-back' ? 'Rolled back: ' : 'Stalled: '),
      result.reason.message,
    ),
    result.fixes && result.fixes.length > 0
      ? [
          h('p', null, 'What would unblock it:'),
          h(
            'ul',
            { class: 'fixes' },
            result.fixes.map((f) => h('li', null, f)),
          ),
        ]
      : null,
  );
}

/** Old, new and pending tasks and instances over the kept steps, with the stall, the traffic shifts and the gaps. */
function tasksChart(result: DeploymentResult, kept: number[], stallIndex: number | undefined): HTMLElement {
  const stall = stallIndex === undefined ? undefined : result.steps[stallIndex];
  const summarised = kept.length < result.steps.length;
  const steps = kept.map((i) => result.steps[i]);
  // Summarised, the x axis counts shown steps, so the gaps take no room; labels still read the time.
  const xOf = (index: number) => (summarised ? kept.indexOf(index) : result.steps[index].t);
  const firstAtOrAfter = (t: number) => {
    const i = kept.findIndex((k) => result.steps[k].t >= t);
    return i < 0 ? kept.length - 1 : i;
  };
  const gaps = summarised
    ? kept.flatMap((k, i) =>
        i + 1 < kept.length && kept[i + 1] > k + 1
          ? [{ x: i + 0.5, label: `${(kept[i + 1] - k - 1).toLocaleString('en-US')} steps not shown` }]
          : [],
      )
    : [];
  const chart = lineChart({
    title: 'Tasks over the deployment',
    x: kept.map(xOf),
    series: [
      { name: 'old', values: steps.map((st) => st.old), color: 'yellow', step: true },
      { name: 'new running', values: steps.map((st) => st.new), color: 'blue', step: true },
      { name: 'new pending', values: steps.map((st) => st.pending), color: 'purple', step: true, dashed: true },
      {
        name: 'instances',
        values: steps.map((st) => st.instances),
        color: 'foreground',
        step: true,
        dashed: true,
      },
    ],
    highlight:
      stall && stallIndex !== undefined
        ? { x: xOf(stallIndex), label: `${outcomeText[result.outcome]} here: ${result.reason?.message ?? ''}` }
        : undefined,
    markers: [
      ...(result.traffic ?? []).map((tr) => ({
        x: summarised ? firstAtOrAfter(tr.t) : tr.t,
        label: `${tr.percent}% of traffic on the new revision`,
      })),
      ...gaps,
    ],
    formatX: summarised
      ? (x) => clock(result.steps[kept[Math.max(0, Math.min(kept.length - 1, Math.round(x)))]].t)
      : clock,
  });
  return chart.element;
}

function trafficList(result: DeploymentResult): Child[] {
  if (!result.traffic || result.traffic.length === 0) return [];
  return [
    h('h3', null, 'Traffic shifts'),
    h(
      'ol',
      { class: 'events' },
      result.traffic.map((tr) =>
        h('li', null, h('span', { class: 'mono' }, clock(tr.t)), ` ${tr.percent}% on the new revision`),
      ),
    ),
  ];
}

export function renderDeployment(result: DeploymentResult): HTMLElement {
  const root = h('section', { class: 'dynamics', 'aria-label': 'Deployment' });
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
  root.append(outcomeLine(result));
  append(root, [reasonBanner(result)]);
  const stallIndex = result.outcome === 'completed' ? undefined : (result.blocked?.step ?? result.steps.length - 1);
  const stall = stallIndex === undefined ? undefined : result.steps[stallIndex];
  // A long run (a failing health check repeats for hours) shows its first steps, the stall and its last steps.
  const kept = keptSteps(result.steps.length, stallIndex);
  const summarised = kept.length < result.steps.length;
  if (summarised)
    root.append(
      h(
        'p',
        { class: 'muted summarised' },
        `${kept.length} of ${result.steps.length.toLocaleString('en-US')} steps shown: the first, those around the ${
          result.outcome === 'rolled-back' ? 'rollback' : 'stall'
        } and the last; each gap marks steps left out.`,
      ),
    );
  if (result.timeline && result.timeline.frames.length > 0) root.append(instancePicture(result, stall?.t, kept));
  root.append(tasksChart(result, kept, stallIndex));
  append(root, trafficList(result));
  append(root, [eventList(result.events), notes(result.notes)]);
  return root;
}

/** Rows are instances, columns the steps; each cell shows old (yellow) and new (blue) tasks as bars. */
function instancePicture(result: DeploymentResult, stallT: number | undefined, kept: number[]): HTMLElement {
  const tl = result.timeline!;
  const shown = kept.filter((i) => i < tl.frames.length);
  const frames = shown.map((i) => tl.frames[i]);
  const rows = tl.instances.length;
  let max = 1;
  for (const f of frames) for (let r = 0; r < rows; r++) max = Math.max(max, (f.old[r] ?? 0) + (f.new[r] ?? 0));
  const labelW = 150;
  const cellW = Math.max(14, Math.min(48, Math.floor(480 / Math.max(1, frames.length))));
  const rowH = 14;
  const width = labelW + cellW * frames.length + 4;
  const height = rowH * rows + 20;
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: Math.min(width, 900),
    role: 'presentation',
    class: 'picture',
  });
  tl.instances.forEach((id, r) => {
    svg.append(
      s(
        'text',
        { x: labelW - 6, y: r * rowH + rowH - 3, 'text-anchor': 'end', class: 'axis' },
        id.length > 24 ? `…${id.slice(-23)}` : id,
      ),
    );
  });
  const columns: SVGElement[] = [];
  frames.forEach((f, c) => {
    const g = s('g', { class: f.t === stallT && c === lastIndexAt(frames, stallT) ? 'column stall-column' : 'column' });
    const x = labelW + c * cellW;
    g.append(s('rect', { x, y: 0, width: cellW, height: rowH * rows, class: 'column-bg' }));
    for (let r = 0; r < rows; r++) {
      const o = f.old[r] ?? 0;
      const n = f.new[r] ?? 0;
      const inner = cellW - 4;
      const oldW = (inner * o) / max;
      const newW = (inner * n) / max;
      const y = r * rowH + 3;
      if (o > 0) g.append(s('rect', { x: x + 2, y, width: oldW, height: rowH - 6, class: 'c-yellow' }));
      if (n > 0) g.append(s('rect', { x: x + 2 + oldW, y, width: newW, height: rowH - 6, class: 'c-blue' }));
    }
    g.append(
      s(
        'text',
        { x: x + cellW / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' },
        c % Math.ceil(frames.length / 8) === 0 ? clock(f.t) : '',
      ),
    );
    g.append(s('title', {}, frameText(result, shown[c])));
    if (c + 1 < shown.length && shown[c + 1] > shown[c] + 1)
      g.append(s('line', { x1: x + cellW, x2: x + cellW, y1: 0, y2: rowH * rows, class: 'gap' }));
    columns.push(g);
    svg.append(g);
  });
  const readout = h('p', { class: 'readout muted', 'aria-live': 'polite' });
  const box = h('div', {
    class: 'chart-box picture-box',
    tabindex: 0,
    role: 'group',
    'aria-roledescription': 'picture',
    'aria-label': `Old and new tasks on ${rows === result.peakInstances ? 'every' : `the first ${rows}`} instance${rows === 1 ? '' : 's'} at each step. Use the arrow keys to step through.`,
  });
  box.append(svg);
  let at = -1;
  const select = (c: number) => {
    at = Math.max(0, Math.min(frames.length - 1, c));
    columns.forEach((g, i) => g.classList.toggle('selected', i === at));
    readout.textContent = frameText(result, shown[at]);
  };
  box.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight') select(at + 1);
    else if (e.key === 'ArrowLeft') select(at < 0 ? frames.length - 1 : at - 1);
    else if (e.key === 'Home') select(0);
    else if (e.key === 'End') select(frames.length - 1);
    else return;
    e.preventDefault();
  });
  box.addEventListener('click', (e) => {
    const g = (e.target as Element).closest('g.column');
    if (g) select(columns.indexOf(g as SVGElement));
  });
  return h(
    'figure',
    { class: 'chart-figure' },
    h('figcaption', null, 'Old and new tasks per instance, step by step'),
    h(
      'div',
      { class: 'legend' },
      h('span', null, h('i', { class: 'c-yellow' }), 'old revision'),
      h('span', null, h('i', { class: 'c-blue' }), 'new revision'),
      stallT !== undefined
        ? h(
            'span',
            null,
            h('i', { class: 'stall-swatch' }),
            result.outcome === 'rolled-back' ? 'rolled back' : 'stalled',
          )
        : null,
    ),
    box,
    readout,
  );
}

function lastIndexAt(frames: Array<{ t: number }>, t: number | undefined): number {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i].t === t) return i;
  return -1;
}

function frameText(result: DeploymentResult, c: number): string {
  const f = result.timeline!.frames[c];
  const step = result.steps[c];
  const busy = result
    .timeline!.instances.map((id, r) => ({ id, o: f.old[r] ?? 0, n: f.new[r] ?? 0 }))
    .filter((x) => x.o + x.n > 0)
    .slice(0, 6)
    .map((x) => `${x.id} ${x.o} old ${x.n} new`);
  const totals = step
    ? `${step.old} old, ${step.new} new running, ${step.pending} pending, ${step.instances} instances`
    : '';
  return `${clock(f.t)}: ${totals}${busy.length > 0 ? `; ${busy.join('; ')}` : ''}`;
}

export function eventList(events: Array<{ t: number; message: string }>): Child {
  if (events.length === 0) return null;
  const folded = foldEvents(events);
  return h(
    'details',
    { class: 'events', open: folded.length <= 12 },
    h('summary', null, `Events (${events.length.toLocaleString('en-US')})`),
    h(
      'ol',
      null,
      folded.map((e) =>
        h('li', e.folded ? { class: 'folded muted' } : null, h('span', { class: 'mono' }, clock(e.t)), ` ${e.message}`),
      ),
    ),
  );
}

/** Steps shown of a run: all of a short one; of a long one the first, those around the stall and the last. */
export function keptSteps(count: number, stall: number | undefined, edge = 12): number[] {
  if (count <= edge * 4) return Array.from({ length: count }, (_, i) => i);
  const keep = new Set<number>();
  for (let i = 0; i < edge; i++) keep.add(i).add(count - 1 - i);
  if (stall !== undefined)
    for (let i = stall - edge / 2; i < stall + edge / 2; i++) if (i >= 0 && i < count) keep.add(i);
  return [...keep].sort((a, b) => a - b);
}

/** What an event says once its numbers and names are set aside: repeats of one happening share it. */
function shape(message: string): string {
  return message.replace(/[^\s(),;:]*\d[^\s(),;:]*/g, '#');
}

/**
 * Runs of four or more events that differ only in numbers and names (the same task failing again and
 * again) fold into the first, a line with the count, and the last.
 */
export function foldEvents(
  events: Array<{ t: number; message: string }>,
): Array<{ t: number; message: string; folded?: number }> {
  const out: Array<{ t: number; message: string; folded?: number }> = [];
  for (let i = 0; i < events.length;) {
    let j = i + 1;
    const sh = shape(events[i].message);
    while (j < events.length && shape(events[j].message) === sh) j++;
    const run = j - i;
    if (run >= 4) {
      const between = run - 2;
      out.push(events[i], {
        t: events[i + 1].t,
        message: `… ${between.toLocaleString('en-US')} more like this until ${clock(events[j - 2].t)}`,
        folded: between,
      });
      out.push(events[j - 1]);
    } else out.push(...events.slice(i, j));
    i = j;
  }
  return out;
}

export function notes(lines: string[]): Child {
  return lines.length === 0
    ? null
    : h(
        'div',
        { class: 'banner note' },
        lines.map((l) => h('p', null, l)),
      );
}
