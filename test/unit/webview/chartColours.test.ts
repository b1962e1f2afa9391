import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chartColourNames,
  chartPalette,
  composite,
  contrast,
  minimumChartContrast,
  parseColour,
} from '../../../client/src/webview/palette';
import { panelCss } from '../../../client/src/panel/styles';
import { dynamicsCss } from '../../../client/src/panel/dynamicsStyles';

/**
 * The colours a webview receives in VS Code 1.139's default themes: `editor.background`, `foreground`
 * and `charts.*` as the theme files (extensions/theme-defaults/themes/*.json, with their includes) set
 * them, else the colour registry's defaults (charts.red = editorError.foreground, charts.blue =
 * editorInfo.foreground, charts.yellow = editorWarning.foreground, charts.orange =
 * minimap.findMatchHighlight = editor.findMatchHighlightBackground, #EA5C0055 in light and dark and
 * unset in high contrast; charts.green and charts.purple have their own defaults).
 */
const themes: Record<string, Record<string, string | undefined>> = {
  'Light Modern': {
    '--vscode-editor-background': '#FFFFFF',
    '--vscode-foreground': '#3B3B3B',
    '--vscode-charts-blue': '#0063d3',
    '--vscode-charts-green': '#388A34',
    '--vscode-charts-yellow': '#BF8803',
    '--vscode-charts-orange': '#EA5C0055',
    '--vscode-charts-red': '#E51400',
    '--vscode-charts-purple': '#652D90',
  },
  'Dark Modern': {
    '--vscode-editor-background': '#1F1F1F',
    '--vscode-foreground': '#CCCCCC',
    '--vscode-charts-blue': '#59a4f9',
    '--vscode-charts-green': '#89D185',
    '--vscode-charts-yellow': '#CCA700',
    '--vscode-charts-orange': '#EA5C0055',
    '--vscode-charts-red': '#F14C4C',
    '--vscode-charts-purple': '#B180D7',
  },
  'Dark High Contrast': {
    '--vscode-editor-background': '#000000',
    '--vscode-foreground': '#FFFFFF',
    '--vscode-charts-blue': '#59a4f9',
    '--vscode-charts-green': '#89D185',
    '--vscode-charts-yellow': '#FFD370',
    '--vscode-charts-orange': undefined,
    '--vscode-charts-red': '#F48771',
    '--vscode-charts-purple': '#B180D7',
  },
  'Light High Contrast': {
    '--vscode-editor-background': '#FFFFFF',
    '--vscode-foreground': '#292929',
    '--vscode-charts-blue': '#0063d3',
    '--vscode-charts-green': '#374e06',
    '--vscode-charts-yellow': '#895503',
    '--vscode-charts-orange': undefined,
    '--vscode-charts-red': '#B5200D',
    '--vscode-charts-purple': '#652D90',
  },
  'Light 2026': {
    '--vscode-editor-background': '#FFFFFF',
    '--vscode-foreground': '#202020',
    '--vscode-charts-blue': '#1A5CFF',
    '--vscode-charts-green': '#388A34',
    '--vscode-charts-yellow': '#667309',
    '--vscode-charts-orange': '#d18616',
    '--vscode-charts-red': '#ad0707',
    '--vscode-charts-purple': '#652D90',
  },
  'Dark 2026': {
    '--vscode-editor-background': '#121314',
    '--vscode-foreground': '#bfbfbf',
    '--vscode-charts-blue': '#57A3F8',
    '--vscode-charts-green': '#86CF86',
    '--vscode-charts-yellow': '#E0B97F',
    '--vscode-charts-orange': '#CD861A',
    '--vscode-charts-red': '#EF8773',
    '--vscode-charts-purple': '#AD80D7',
  },
};

const drawnContrast = (colour: string, background: string) => {
  const bg = parseColour(background)!;
  return contrast(composite(parseColour(colour)!, bg), bg);
};

test('WCAG contrast: black on white is 21:1, a colour on itself 1:1, and 33% orange on Dark Modern under 3:1', () => {
  assert.equal(contrast(parseColour('#000')!, parseColour('#ffffff')!).toFixed(1), '21.0');
  assert.equal(contrast(parseColour('rgb(31, 31, 31)')!, parseColour('#1f1f1f')!), 1);
  // What the Deployment tab's load line was drawn with in Dark Modern: the theme colour as is.
  const raw = drawnContrast('#EA5C0055', '#1F1F1F');
  assert.ok(raw < 2, `33% opaque orange on #1F1F1F: ${raw.toFixed(2)}:1`);
  assert.deepEqual(parseColour('rgba(234, 92, 0, 0.333)'), { r: 234, g: 92, b: 0, a: 0.333 });
});

for (const [theme, variables] of Object.entries(themes)) {
  test(`every chart colour reaches ${minimumChartContrast}:1 against the panel background in ${theme}`, () => {
    const background = variables['--vscode-editor-background']!;
    const palette = chartPalette((name) => variables[name]);
    const short = chartColourNames
      .map((name) => ({ name, colour: palette[name], ratio: drawnContrast(palette[name], background) }))
      .filter((c) => !(c.ratio >= minimumChartContrast))
      .map((c) => `${c.name} ${c.colour} ${c.ratio.toFixed(2)}:1`);
    assert.deepEqual(short, []);
    // A colour that already reaches 3:1 is drawn as the theme gives it.
    for (const name of chartColourNames) {
      const own = variables[name === 'foreground' ? '--vscode-foreground' : `--vscode-charts-${name}`];
      if (own && parseColour(own)!.a === 1 && drawnContrast(own, background) >= minimumChartContrast) {
        assert.equal(palette[name], own.toLowerCase(), `${name} keeps the theme's ${own}`);
      }
    }
  });
}

test("the panel's chart marks read the readable palette, the theme's colour only as a fallback", () => {
  const css = panelCss + dynamicsCss;
  const uses = [...css.matchAll(/var\(--vscode-charts-(\w+)\)/g)];
  assert.ok(uses.length > 0);
  for (const use of uses) {
    const before = css.slice(Math.max(0, use.index - 30), use.index);
    assert.match(before, new RegExp(`var\\(--ecs-chart-${use[1]}, $`), `--vscode-charts-${use[1]} is only a fallback`);
  }
  for (const name of chartColourNames) {
    assert.ok(css.includes(`var(--ecs-chart-${name}, `), `the stylesheet draws with --ecs-chart-${name}`);
  }
});
