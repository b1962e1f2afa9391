/** The panel's CSS: theme colours only through --vscode-* variables, so light, dark and high contrast all follow the editor. */
export const panelCss = `
:root { color-scheme: light dark; }
[hidden] { display: none !important; }
body { margin: 0; padding: 0 16px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); line-height: 1.4; }
h2 { font-size: 1.1em; margin: 16px 0 6px; font-weight: 600; }
h3 { font-size: 1em; margin: 12px 0 6px; font-weight: 600; }
button, input, select { font: inherit; color: inherit; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
button { cursor: pointer; }
.btn { background: var(--vscode-button-background); color: var(--vscode-button-foreground);
  border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 3px 10px; }
.btn:hover { background: var(--vscode-button-hoverBackground); }
.btn.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
.btn.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
.link { background: none; border: 0; padding: 0; color: var(--vscode-textLink-foreground); text-decoration: underline; }
.link:hover { color: var(--vscode-textLink-activeForeground); }
input, select { background: var(--vscode-input-background); color: var(--vscode-input-foreground);
  border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, transparent)); border-radius: 2px; padding: 2px 4px; }
select { background: var(--vscode-dropdown-background); color: var(--vscode-dropdown-foreground); border-color: var(--vscode-dropdown-border, transparent); }
input[type=number] { width: 6em; }
/* Room for a placeholder such as "5000 (files)" or "group max" beside the number buttons. */
input[type=number].wide { width: 8.5em; }
header { position: sticky; top: 0; z-index: 1; background: var(--vscode-editor-background); padding: 8px 0;
  display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
header .status { margin-left: auto; color: var(--vscode-descriptionForeground); }
.muted { color: var(--vscode-descriptionForeground); }
form { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 6px 12px; align-items: start; margin-top: 8px; }
form > label { color: var(--vscode-descriptionForeground); padding-top: 3px; }
form .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; min-width: 0; }
form .field { display: inline-flex; gap: 6px; align-items: center; white-space: nowrap; max-width: 100%; }
form input, form select { max-width: 100%; min-width: 0; }
form .full { grid-column: 1 / -1; }
form > p.full { margin: 0; }
.rules { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.rules .row input[type=text] { flex: 1 1 9em; min-width: 0; }
.rules .fixed code { overflow-wrap: anywhere; min-width: 0; }
/* Labels above their fields only where two columns leave a field no room (420 px keeps two). */
@media (max-width: 360px) { form { grid-template-columns: minmax(0, 1fr); } }
.rules .fixed .row { gap: 6px; }
.problem { font-size: 0.9em; margin: 2px 0 2px 2px; padding-left: 6px; border-left: 2px solid; }
.problem.error { border-color: var(--vscode-editorError-foreground); }
.problem.warning { border-color: var(--vscode-editorWarning-foreground); }
.problem.information, .problem.hint { border-color: var(--vscode-editorInfo-foreground); }
.banner { margin: 8px 0; padding: 6px 8px; border-left: 3px solid; }
.banner.error { border-color: var(--vscode-inputValidation-errorBorder); background: var(--vscode-inputValidation-errorBackground); }
.banner.warning { border-color: var(--vscode-inputValidation-warningBorder); background: var(--vscode-inputValidation-warningBackground); }
.banner.note { border-color: var(--vscode-textBlockQuote-border); background: var(--vscode-textBlockQuote-background); }
.banner p { margin: 2px 0; }
.stale { opacity: 0.6; }
.zone { margin-top: 12px; }
.instances { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 8px; }
.instance { border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent)); border-radius: 3px; padding: 6px 8px;
  background: var(--vscode-sideBar-background, transparent); }
.instance.inactive { opacity: 0.7; }
.instance .name { font-family: var(--vscode-editor-font-family); font-size: 0.95em; overflow-wrap: anywhere; }
.meter { display: grid; grid-template-columns: 4.5em 1fr; gap: 0 6px; align-items: center; margin: 4px 0; font-size: 0.9em; }
.meter .figures { grid-column: 2; color: var(--vscode-descriptionForeground); font-size: 0.9em; }
.bar { display: flex; height: 8px; background: var(--vscode-scrollbarSlider-background); border: 1px solid var(--vscode-contrastBorder, transparent); }
.bar span { display: block; height: 100%; }
.bar .existing { background: var(--ecs-chart-yellow, var(--vscode-charts-yellow)); }
.bar .simulated { background: var(--ecs-chart-blue, var(--vscode-charts-blue)); }
.legend { display: flex; gap: 12px; font-size: 0.9em; color: var(--vscode-descriptionForeground); margin: 4px 0; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; border: 1px solid var(--vscode-contrastBorder, transparent); }
.legend .existing { background: var(--ecs-chart-yellow, var(--vscode-charts-yellow)); }
.legend .simulated { background: var(--ecs-chart-blue, var(--vscode-charts-blue)); }
.legend .free { background: var(--vscode-scrollbarSlider-background); }
.tasks { display: flex; flex-wrap: wrap; gap: 3px; margin-top: 4px; }
/* Task chips in the legend's colour for simulated tasks, in every theme. */
.task { min-width: 2.4em; padding: 1px 4px; border-radius: 2px; border: 1px solid var(--vscode-contrastBorder, transparent);
  background: var(--ecs-chart-blue, var(--vscode-charts-blue)); color: var(--vscode-editor-background); font-size: 0.9em; }
.task:hover { outline: 1px dashed var(--vscode-focusBorder); }
.task[aria-pressed=true] { background: var(--vscode-button-background); color: var(--vscode-button-foreground); outline: 1px solid var(--vscode-focusBorder); }
.task.unplaced { background: var(--vscode-inputValidation-errorBackground); color: var(--vscode-foreground); border-color: var(--vscode-inputValidation-errorBorder); }
ul.reasons { margin: 4px 0 8px; padding-left: 20px; }
.unplaced-task { margin: 6px 0; }
#explanation { position: sticky; bottom: 0; max-height: 45vh; overflow: auto; margin-top: 12px; padding: 6px 10px;
  background: var(--vscode-editorWidget-background); color: var(--vscode-editorWidget-foreground);
  border: 1px solid var(--vscode-editorWidget-border, var(--vscode-contrastBorder, transparent)); }
#explanation ol { margin: 4px 0; padding-left: 20px; }
#explanation li { margin: 4px 0; }
#explanation code, .mono { font-family: var(--vscode-editor-font-family); }
#explanation .close { float: right; }
details summary { cursor: pointer; color: var(--vscode-descriptionForeground); }
`;
