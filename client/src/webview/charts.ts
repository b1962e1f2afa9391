// Plain SVG line charts in theme colours, with a keyboard cursor: the chart takes focus, the arrow
// keys move through the points (Shift moves ten), Home/End jump, and a live region reads the point out.
import { clock } from '../../../server/src/shared/clock';
import { h } from './dom';

// One time format for the CLI and the panel.
export { clock };

const SVG = 'http://www.w3.org/2000/svg';

export function s(
  tag: string,
  attrs: Record<string, string | number | undefined> = {},
  ...children: Array<SVGElement | string>
): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

export interface Series {
  name: string;
  values: Array<number | null>;
  /** A chart colour (class `c-<name>`): blue, green, yellow, orange, red, purple, foreground. */
  color: string;
  dashed?: boolean;
  /** Drawn as steps (counts) rather than straight segments (load). */
  step?: boolean;
}

export interface ChartSpec {
  title: string;
  x: number[];
  series: Series[];
  /** x values with a marker (events), each with its text. */
  markers?: Array<{ x: number; label: string }>;
  /** Where to draw an emphasis band (a stall). */
  highlight?: { x: number; label: string };
  formatX: (x: number) => string;
  formatY?: (y: number) => string;
  height?: number;
}

/** Where a chart's values land in its drawing: its size, padding and the two scales. */
interface Frame {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
  yMax: number;
  px: (x: number) => number;
  py: (y: number) => number;
  fy: (y: number) => string;
}

function frameOf(spec: ChartSpec): Frame {
  const width = 640;
  const height = spec.height ?? 160;
  const pad = { left: 44, right: 10, top: 8, bottom: 22 };
  const x0 = spec.x[0] ?? 0;
  const x1 = spec.x[spec.x.length - 1] ?? 1;
  let yMax = 0;
  for (const se of spec.series) for (const v of se.values) if (v !== null && v > yMax) yMax = v;
  yMax = niceCeil(yMax);
  return {
    width,
    height,
    pad,
    yMax,
    px: (x) => pad.left + ((x - x0) / Math.max(1, x1 - x0)) * (width - pad.left - pad.right),
    py: (y) => height - pad.bottom - (y / yMax) * (height - pad.top - pad.bottom),
    fy: spec.formatY ?? ((y: number) => String(Math.round(y * 10) / 10)),
  };
}

/** The grid, the axis labels, the highlighted moment and the markers. */
function drawAxes(svg: SVGElement, spec: ChartSpec, { width, height, pad, yMax, px, py, fy }: Frame): void {
  for (const frac of [0, 0.5, 1]) {
    const y = py(yMax * frac);
    svg.append(s('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }));
    svg.append(s('text', { x: pad.left - 4, y: y + 4, 'text-anchor': 'end', class: 'axis' }, fy(yMax * frac)));
  }
  const x0 = spec.x[0] ?? 0;
  const x1 = spec.x[spec.x.length - 1] ?? 1;
  for (const frac of [0, 0.25, 0.5, 0.75, 1]) {
    const xv = x0 + (x1 - x0) * frac;
    const anchor = frac === 0 ? 'start' : frac === 1 ? 'end' : 'middle';
    svg.append(s('text', { x: px(xv), y: height - 6, 'text-anchor': anchor, class: 'axis' }, spec.formatX(xv)));
  }
  if (spec.highlight) {
    const hx = px(spec.highlight.x);
    svg.append(
      s(
        'rect',
        { x: hx - 3, y: pad.top, width: 6, height: height - pad.top - pad.bottom, class: 'stall' },
        s('title', {}, spec.highlight.label),
      ),
    );
  }
  for (const m of spec.markers ?? []) {
    svg.append(
      s(
        'line',
        { x1: px(m.x), x2: px(m.x), y1: pad.top, y2: height - pad.bottom, class: 'marker' },
        s('title', {}, m.label),
      ),
    );
  }
}

/** A series as one path: a gap where a value is missing, steps for a step series. */
function seriesPath(se: Series, xs: number[], { px, py }: Frame): SVGElement {
  let d = '';
  let prev: number | null = null;
  se.values.forEach((v, i) => {
    if (v === null) {
      prev = null;
      return;
    }
    const X = px(xs[i]).toFixed(1);
    const Y = py(v).toFixed(1);
    if (prev === null) d += `M${X},${Y}`;
    else if (se.step) d += `H${X}V${Y}`;
    else d += `L${X},${Y}`;
    prev = v;
  });
  // Colours come from classes: the webview's CSP allows no inline style attributes.
  return s('path', {
    d,
    fill: 'none',
    class: `line c-${se.color}`,
    'stroke-width': 1.6,
    'stroke-dasharray': se.dashed ? '4 3' : undefined,
    'vector-effect': 'non-scaling-stroke',
  });
}

/** A labelled chart with a legend and a readout; `onCursor` hears the index the keyboard or pointer moved to. */
export function lineChart(
  spec: ChartSpec,
  onCursor?: (index: number) => void,
): { element: HTMLElement; setCursor(index: number): void } {
  const frame = frameOf(spec);
  const { width, height, pad, px, fy } = frame;
  const n = spec.x.length;
  const x0 = spec.x[0] ?? 0;
  const x1 = spec.x[n - 1] ?? 1;
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width: '100%',
    role: 'presentation',
    class: 'chart',
    preserveAspectRatio: 'none',
  });
  drawAxes(svg, spec, frame);
  for (const se of spec.series) svg.append(seriesPath(se, spec.x, frame));
  const cursor = s('line', { y1: pad.top, y2: height - pad.bottom, class: 'cursor', visibility: 'hidden' });
  svg.append(cursor);

  const readout = h('p', { class: 'readout muted', 'aria-live': 'polite' });
  const legend = h(
    'div',
    { class: 'legend' },
    spec.series.map((se) => h('span', null, h('i', { class: `c-${se.color}` }), se.name)),
  );
  const figure = h('div', {
    class: 'chart-box',
    tabindex: 0,
    role: 'group',
    'aria-roledescription': 'chart',
    'aria-label': `${spec.title}. Use the arrow keys to read the values over time.`,
  });
  figure.append(svg);
  let at = -1;
  const setCursor = (index: number) => {
    if (n === 0) return;
    at = Math.max(0, Math.min(n - 1, index));
    const X = px(spec.x[at]);
    cursor.setAttribute('x1', String(X));
    cursor.setAttribute('x2', String(X));
    cursor.setAttribute('visibility', 'visible');
    readout.textContent = `${spec.formatX(spec.x[at])}: ${spec.series.map((se) => `${se.name} ${se.values[at] === null ? '–' : fy(se.values[at]!)}`).join(', ')}`;
    onCursor?.(at);
  };
  figure.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 10 : 1;
    if (e.key === 'ArrowRight') setCursor(at + step);
    else if (e.key === 'ArrowLeft') setCursor(at < 0 ? n - 1 : at - step);
    else if (e.key === 'Home') setCursor(0);
    else if (e.key === 'End') setCursor(n - 1);
    else return;
    e.preventDefault();
  });
  figure.addEventListener('pointermove', (e) => {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) return;
    const xv =
      x0 + ((((e.clientX - box.left) / box.width) * width - pad.left) / (width - pad.left - pad.right)) * (x1 - x0);
    setCursor(nearest(spec.x, xv));
  });
  const element = h('figure', { class: 'chart-figure' }, h('figcaption', null, spec.title), legend, figure, readout);
  return { element, setCursor };
}

function nearest(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(xs[lo - 1] - x) < Math.abs(xs[lo] - x) ? lo - 1 : lo;
}

function niceCeil(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}
