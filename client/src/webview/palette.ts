// Chart colours that stay readable: each theme chart colour drawn opaque and, where it does not reach
// 3:1 against the panel background (WCAG 2.x non-text contrast), moved towards black or white until it does.

/** The chart colours the panel draws with (`--vscode-charts-<name>`; `foreground` is `--vscode-foreground`). */
export const chartColourNames = ['blue', 'green', 'yellow', 'orange', 'red', 'purple', 'foreground'] as const;
export type ChartColourName = (typeof chartColourNames)[number];

/** The least contrast a chart mark needs against the panel background (WCAG 2.x, 1.4.11 non-text contrast). */
export const minimumChartContrast = 3;

/** Hues used when a theme leaves a chart colour unset (high-contrast themes leave charts.orange empty). */
const fallbackHue: Record<ChartColourName, string> = {
  blue: '#0063d3',
  green: '#388a34',
  yellow: '#bf8803',
  orange: '#ea5c00',
  red: '#e51400',
  purple: '#652d90',
  foreground: '#808080',
};

export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Reads `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(…)` and `rgba(…)`; anything else is undefined. */
export function parseColour(text: string | undefined): Rgba | undefined {
  const value = text?.trim().toLowerCase() ?? '';
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value);
  if (hex) {
    const digits = hex[1].length <= 4 ? [...hex[1]].map((d) => d + d).join('') : hex[1];
    const byte = (i: number) => parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    return { r: byte(0), g: byte(1), b: byte(2), a: digits.length === 8 ? byte(3) / 255 : 1 };
  }
  const fn = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(value);
  if (fn) {
    const alpha = fn[4] === undefined ? 1 : fn[4].endsWith('%') ? parseFloat(fn[4]) / 100 : parseFloat(fn[4]);
    return { r: +fn[1], g: +fn[2], b: +fn[3], a: Math.min(1, Math.max(0, alpha)) };
  }
  return undefined;
}

/** The colour seen when `top` is painted over an opaque `bottom`. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const mixChannel = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mixChannel(top.r, bottom.r), g: mixChannel(top.g, bottom.g), b: mixChannel(top.b, bottom.b), a: 1 };
}

/** WCAG 2.x relative luminance of an opaque colour. */
export function luminance(c: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG 2.x contrast ratio of two opaque colours (1 to 21). */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function toHex(c: Rgba): string {
  const byte = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${byte(c.r)}${byte(c.g)}${byte(c.b)}`;
}

function mix(from: Rgba, to: Rgba, t: number): Rgba {
  return { r: from.r + (to.r - from.r) * t, g: from.g + (to.g - from.g) * t, b: from.b + (to.b - from.b) * t, a: 1 };
}

/**
 * The opaque colour to draw a chart mark with: the theme colour without its transparency (a line at
 * 33% opacity, as Dark Modern's charts.orange, all but disappears), moved towards black on a light
 * background or white on a dark one in small steps until it reaches 3:1.
 */
export function readableChartColour(
  themeColour: string | undefined,
  background: string,
  name: ChartColourName,
): string {
  const bg = parseColour(background);
  const base = parseColour(themeColour) ?? parseColour(fallbackHue[name])!;
  const opaqueBg = bg ? composite(bg, { r: 255, g: 255, b: 255, a: 1 }) : { r: 255, g: 255, b: 255, a: 1 };
  const opaque = { ...base, a: 1 };
  const black = { r: 0, g: 0, b: 0, a: 1 };
  const white = { r: 255, g: 255, b: 255, a: 1 };
  const towards = contrast(black, opaqueBg) >= contrast(white, opaqueBg) ? black : white;
  for (let step = 0; step <= 20; step++) {
    const candidate = mix(opaque, towards, step / 20);
    if (contrast(candidate, opaqueBg) >= minimumChartContrast) return toHex(candidate);
  }
  return toHex(towards);
}

/** Every chart colour for a theme, from its CSS variables (`--vscode-charts-*`, `--vscode-foreground`, `--vscode-editor-background`). */
export function chartPalette(variable: (name: string) => string | undefined): Record<ChartColourName, string> {
  const background = variable('--vscode-editor-background') ?? '#ffffff';
  const palette = {} as Record<ChartColourName, string>;
  for (const name of chartColourNames) {
    const themeVariable = name === 'foreground' ? '--vscode-foreground' : `--vscode-charts-${name}`;
    palette[name] = readableChartColour(variable(themeVariable), background, name);
  }
  return palette;
}

/** The CSS variable the panel's stylesheet reads a chart colour from. */
export const chartColourVariable = (name: ChartColourName) => `--ecs-chart-${name}`;

/**
 * Keeps `--ecs-chart-*` on `body` in step with the theme: VS Code sets the `--vscode-*` variables on
 * the document element's style and changes them there when the theme changes.
 */
export function followThemeChartColours(doc: Document): void {
  const apply = () => {
    const style = getComputedStyle(doc.documentElement);
    const palette = chartPalette((name) => style.getPropertyValue(name).trim() || undefined);
    for (const name of chartColourNames) doc.body.style.setProperty(chartColourVariable(name), palette[name]);
  };
  apply();
  new MutationObserver(apply).observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
