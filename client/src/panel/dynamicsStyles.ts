import { chartColourNames, chartColourVariable, type ChartColourName } from '../webview/palette';

/** CSS of the Deployment and Scaling tabs: charts in --vscode-* theme colours only, set by class (the CSP allows no inline styles). */
// Each colour reads the webview's readable version (webview/palette.ts), the theme's own as a fallback.
const colourVar = (c: ChartColourName) =>
  `var(${chartColourVariable(c)}, ${c === 'foreground' ? 'var(--vscode-foreground)' : `var(--vscode-charts-${c})`})`;
const colourCss = chartColourNames
  .map(
    (c) =>
      `svg path.line.c-${c} { stroke: ${colourVar(c)}; } svg rect.c-${c} { fill: ${colourVar(c)}; } .legend i.c-${c} { background: ${colourVar(c)}; }`,
  )
  .join('\n');

export const dynamicsCss = `${colourCss}
.tabs { display: flex; gap: 2px; margin-top: 8px; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
.tabs [role=tab] { background: none; border: 0; border-bottom: 2px solid transparent; padding: 4px 10px; color: var(--vscode-descriptionForeground); }
.tabs [role=tab][aria-selected=true] { color: var(--vscode-foreground); border-bottom-color: var(--vscode-panelTitle-activeBorder, var(--vscode-focusBorder)); }
.tabs [role=tab]:hover { color: var(--vscode-foreground); }
.dynamics .outcome { margin: 10px 0 4px; }
.dynamics .outcome.completed strong { color: var(--vscode-testing-iconPassed, var(--ecs-chart-green, var(--vscode-charts-green))); }
.dynamics .outcome.stalled strong, .dynamics .outcome.rolled-back strong { color: var(--vscode-errorForeground); }
.dynamics .fixes { margin: 2px 0 4px; padding-left: 20px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; margin: 8px 0; }
.toolbar label { color: var(--vscode-descriptionForeground); }
.toolbar .field { display: inline-flex; gap: 4px; align-items: center; white-space: nowrap; }
.chart-figure { margin: 12px 0; }
.chart-figure figcaption { font-weight: 600; margin-bottom: 2px; }
.chart-box { border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); border-radius: 3px; padding: 4px; overflow-x: auto; }
.chart-box:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
svg .grid { stroke: var(--vscode-editorLineNumber-foreground); stroke-opacity: 0.3; stroke-width: 1; }
svg .axis { fill: var(--vscode-descriptionForeground); font-size: 10px; font-family: var(--vscode-font-family); }
svg .marker { stroke: var(--vscode-editorLineNumber-foreground); stroke-dasharray: 2 3; stroke-width: 1; }
svg .gap { stroke: var(--vscode-foreground); stroke-dasharray: 3 2; stroke-width: 2; }
svg .cursor { stroke: var(--vscode-focusBorder); stroke-width: 1; }
svg .stall { fill: var(--vscode-errorForeground); fill-opacity: 0.35; }
svg .column-bg { fill: transparent; }
svg .column.selected .column-bg { fill: var(--vscode-list-activeSelectionBackground, var(--vscode-focusBorder)); fill-opacity: 0.35; }
svg .stall-column .column-bg { fill: var(--vscode-inputValidation-errorBackground, var(--vscode-errorForeground)); fill-opacity: 0.6; stroke: var(--vscode-errorForeground); }
.legend .stall-swatch { background: var(--vscode-inputValidation-errorBackground, var(--vscode-errorForeground)); border-color: var(--vscode-errorForeground); }
.readout { min-height: 1.4em; margin: 2px 0 0; font-size: 0.9em; }
details.events ol { margin: 4px 0; padding-left: 20px; }
`;
