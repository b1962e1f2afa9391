// Placement panel UI (webview entry): renders what the host sends and reports edits back.
import type { InputErrors, SimulationResult, TaskExplanation } from '../../../server/src/protocol';
import type { FileRef, HostMessage, PanelInputs, PanelSources, WebviewMessage } from '../panel/messages';
import { h } from './dom';
import { InputsForm } from './form';
import { renderInputErrors } from './inputErrors';
import { renderExplanation, renderResult } from './results';
import { OverTimeTabs, type OverTimeState } from './overTime';
import { followThemeChartColours } from './palette';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Everything needed to redraw the panel after VS Code discarded the hidden webview. */
interface ViewState {
  sources?: PanelSources;
  clusters?: FileRef[];
  inputs?: PanelInputs;
  result?: SimulationResult;
  /** The id of the result on screen, which explanations are asked and answered against. */
  resultId?: number;
  /** The last explanation the host sent, for the result on screen (null: the server had none). */
  explanation?: { task: number; explanation: TaskExplanation | null };
  error?: string;
  inputErrors?: InputErrors;
  selectedTask?: number;
  overTime?: OverTimeState;
}

followThemeChartColours(document);

const vscode = acquireVsCodeApi();
const state: ViewState = (vscode.getState() as ViewState | undefined) ?? {};
const post = (message: WebviewMessage) => vscode.postMessage(message);
const save = () => vscode.setState(state);

const sourcesEl = h('div', { class: 'sources' });
const statusEl = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' });
const errorEl = h('div', { 'aria-live': 'assertive' });
const resultsEl = h('div', { id: 'results' });
const inputErrorsEl = h('div', { 'aria-live': 'polite' });
const explanationEl = h('aside', {
  id: 'explanation',
  hidden: true,
  'aria-live': 'polite',
  'aria-labelledby': 'explanation-title',
});
const form = new InputsForm(
  (inputs) => {
    state.inputs = inputs;
    save();
    post({ type: 'setInputs', inputs });
  },
  (uri) => post({ type: 'openFile', uri }),
);

const tabs = new OverTimeTabs(post, [form.element, errorEl, resultsEl, explanationEl], (state.overTime ??= {}), save);
document.getElementById('app')!.replaceChildren(h('header', null, sourcesEl, statusEl), inputErrorsEl, tabs.element);
showInputErrors();

// One listener for every task button, however many instances are drawn.
resultsEl.addEventListener('click', (e) => {
  const button = (e.target as Element).closest<HTMLElement>('[data-task]');
  if (button) select(Number(button.dataset.task));
});
explanationEl.addEventListener('click', (e) => {
  if ((e.target as Element).closest('[data-close]')) closeExplanation();
});
inputErrorsEl.addEventListener('click', (e) => {
  const uri = (e.target as Element).closest<HTMLElement>('[data-uri]')?.dataset.uri;
  if (uri) post({ type: 'openFile', uri });
});
sourcesEl.addEventListener('click', (e) => {
  const uri = (e.target as Element).closest<HTMLElement>('[data-uri]')?.dataset.uri;
  if (uri) post({ type: 'openFile', uri });
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !explanationEl.hidden) closeExplanation();
});

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'init':
      state.sources = message.sources;
      state.clusters = message.clusters;
      state.inputs = message.inputs;
      save();
      showSources();
      if (message.options) form.setOptions(message.options);
      form.setInit(message.clusters, message.inputs);
      return;
    case 'simulating':
      statusEl.textContent = 'Simulating…';
      return;
    case 'result':
      state.result = message.result;
      state.resultId = message.id;
      state.explanation = undefined;
      state.inputs = message.inputs;
      state.error = undefined;
      save();
      showError();
      showResult();
      form.setResult(message.result, message.inputs);
      statusEl.textContent = '';
      post({ type: 'rendered', id: message.id });
      // A new placement means new files or inputs: the runs over time follow.
      tabs.invalidate();
      return;
    case 'explanation':
      if (message.id !== state.resultId) return;
      state.explanation = { task: message.task, explanation: message.explanation };
      save();
      if (state.selectedTask === message.task) showExplanation(message.task);
      return;
    case 'deployment':
    case 'scaling':
      tabs.receive(message);
      return;
    case 'inputErrors':
      state.inputErrors = message.errors;
      save();
      showInputErrors();
      return;
    case 'error':
      state.error = message.message;
      save();
      showError();
      statusEl.textContent = '';
      return;
  }
});

function showSources(): void {
  const file = (label: string, ref: FileRef | undefined) =>
    ref
      ? h(
          'span',
          null,
          `${label} `,
          h('button', { type: 'button', class: 'link', 'data-uri': ref.uri, title: `Open ${ref.label}` }, ref.label),
        )
      : null;
  const { taskDefinition, service } = state.sources ?? {};
  sourcesEl.replaceChildren(
    file('Task definition', taskDefinition) ?? '',
    taskDefinition ? ' · ' : '',
    file('Service', service) ?? (taskDefinition ? h('span', { class: 'muted' }, 'no service (run-task)') : ''),
  );
}

function showInputErrors(): void {
  inputErrorsEl.replaceChildren(renderInputErrors(state.inputErrors));
}

function showError(): void {
  errorEl.replaceChildren(
    state.error ? h('div', { class: 'banner error', role: 'alert' }, h('p', null, state.error)) : '',
  );
  // The last good result stays visible but dimmed: it no longer matches the files.
  resultsEl.classList.toggle('stale', state.error !== undefined);
}

function showResult(): void {
  if (!state.result) return;
  if (state.selectedTask !== undefined && !taskExists(state.result, state.selectedTask)) state.selectedTask = undefined;
  resultsEl.replaceChildren(renderResult(state.result, state.selectedTask));
  if (state.selectedTask !== undefined) showExplanation(state.selectedTask);
  else explanationEl.hidden = true;
}

/** Shows a task's explanation; focus stays on the task so the keyboard can move on to the next one. */
function select(task: number): void {
  if (!state.result) return;
  resultsEl.querySelectorAll('[aria-pressed=true]').forEach((el) => el.setAttribute('aria-pressed', 'false'));
  resultsEl.querySelectorAll(`[data-task="${task}"]`).forEach((el) => el.setAttribute('aria-pressed', 'true'));
  state.selectedTask = task;
  save();
  showExplanation(task);
}

/** Shows the task's explanation, asking the host for it first when it is not the one at hand. */
function showExplanation(task: number): void {
  if (!state.result) return;
  const known = state.explanation?.task === task ? state.explanation.explanation : undefined;
  if (known === undefined && state.resultId !== undefined) post({ type: 'explain', id: state.resultId, task });
  explanationEl.replaceChildren(renderExplanation(task, state.result, known));
  explanationEl.hidden = false;
}

function closeExplanation(): void {
  const task = state.selectedTask;
  state.selectedTask = undefined;
  save();
  explanationEl.hidden = true;
  resultsEl.querySelectorAll('[aria-pressed=true]').forEach((el) => el.setAttribute('aria-pressed', 'false'));
  // Back to where the user was, so the keyboard does not lose its place.
  if (task !== undefined) resultsEl.querySelector<HTMLElement>(`[data-task="${task}"]`)?.focus();
}

function taskExists(result: SimulationResult, task: number): boolean {
  return result.placements.some((p) => p.task === task) || result.unplaced.some((u) => u.task === task);
}

// A reloaded webview (the panel was hidden) redraws from its saved state at once, then asks the host for fresh data.
if (state.sources) showSources();
if (state.inputs) form.setInit(state.clusters ?? [], state.inputs);
if (state.result) showResult();
if (state.result && state.inputs) form.setResult(state.result, state.inputs);
showError();
post({ type: 'ready' });
