import type {
  ExpressionProblem,
  ManagedScalingField,
  PlacementChoices,
  PlacementOptionsResponse,
  PlacementConstraintInput,
  PlacementStrategyInput,
  SimulationResult,
} from '../../../server/src/protocol';
import {
  startingQuickCluster,
  type ClusterChoice,
  type FileRef,
  type PanelInputs,
  type QuickClusterChoice,
} from '../panel/messages';
import { h } from './dom';

type Rule = PlacementStrategyInput | PlacementConstraintInput;
type RuleKind = 'strategy' | 'constraint';

interface RuleEditor {
  noun: string;
  /** The types the server's table lists, each with whether it takes an argument; none until it has answered. */
  types: Array<{ type: string; takesArg: boolean; attributeArg?: boolean }>;
  /** The member holding the type's argument. */
  arg: 'field' | 'expression';
  placeholder: string;
  /** What the Add button appends: the first type with its default argument (from the server). */
  added?: Rule;
  container: HTMLDivElement;
}

/** The simulation inputs. Edits go to the host as `setInputs`; files are never touched. */
export class InputsForm {
  readonly element: HTMLFormElement;
  private inputs: PanelInputs = { cluster: startingQuickCluster(undefined) };
  private clusters: FileRef[] = [];
  /** What the service and task definition say, shown until the user edits a list. */
  private fromFile: Record<RuleKind, Rule[]> = { strategy: [], constraint: [] };
  /** The quick cluster last shown, else the server's default: what choosing the quick cluster again shows. */
  private lastQuick: QuickClusterChoice | undefined;
  private startingQuick: QuickClusterChoice = startingQuickCluster(undefined);
  /** The task definition's own constraints: always applied, shown under the editable ones. */
  private taskConstraints: PlacementConstraintInput[] = [];
  /** The files' task count, shown in the count field until the user types one. */
  private fileCount: number | undefined;
  private choices: PlacementChoices | undefined;
  private problems: ExpressionProblem[] = [];
  /** The constraints the last result used, to tell which row a finding belongs to. */
  private resultConstraints: PlacementConstraintInput[] = [];
  /** The inputs last sent: a result for older ones must not take back what the user typed since. */
  private lastSent: string | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where each constraint row shows its expression's findings, by row (editable rows, then the task definition's). */
  private problemSlots: HTMLDivElement[] = [];
  private readonly fieldLists = h('div', { hidden: true });
  private readonly useFiles = h(
    'button',
    { type: 'button', class: 'btn secondary', id: 'use-files' },
    "Use the files' values",
  );
  private readonly filesNote = h('span', { class: 'muted' });

  private readonly cluster = h('select', { id: 'cluster' });
  private readonly openCluster = h('button', { type: 'button', class: 'link' }, 'Open');
  /** The last result was a Fargate one: the inputs only EC2 placement reads are hidden. */
  private fargate = false;
  private readonly ec2Only: HTMLElement[];
  private readonly fargateNote = h(
    'p',
    { class: 'muted full', id: 'fargate-note', hidden: true },
    'On AWS Fargate, the cluster, strategies, constraints and capacity provider do not apply.',
  );
  private readonly quickLabel = h('label', { for: 'quick-type' }, 'Instances');
  private readonly quickRow: HTMLDivElement;
  private readonly quickType = h('input', {
    id: 'quick-type',
    type: 'text',
    size: 12,
    'aria-label': 'Instance type',
    spellcheck: 'false',
  });
  private readonly quickCount = h('input', {
    id: 'quick-count',
    type: 'number',
    min: 0,
    step: 1,
    'aria-label': 'Number of instances',
  });
  private readonly quickZones = h('input', {
    id: 'quick-zones',
    type: 'text',
    size: 32,
    'aria-label': 'Availability zones, comma-separated',
    spellcheck: 'false',
  });
  private readonly desired = h('input', {
    id: 'desired',
    type: 'number',
    class: 'wide',
    min: 0,
    step: 1,
    placeholder: 'from file',
  });
  private readonly seed = h('input', { id: 'seed', type: 'number', min: 0, step: 1, placeholder: 'default' });
  private readonly cpType = h('input', {
    id: 'cp-type',
    type: 'text',
    size: 12,
    placeholder: 'instance type',
    'aria-label': 'Capacity provider instance type',
    spellcheck: 'false',
  });
  private readonly cpTarget = h('input', {
    id: 'cp-target',
    type: 'number',
    step: 1,
    'aria-label': 'Target capacity, percent',
  });
  private readonly cpMinStep = h('input', {
    id: 'cp-min-step',
    type: 'number',
    step: 1,
    'aria-label': 'Minimum scaling step size, instances',
  });
  private readonly cpMaxStep = h('input', {
    id: 'cp-max-step',
    type: 'number',
    step: 1,
    'aria-label': 'Maximum scaling step size, instances',
  });
  private readonly editors: Record<RuleKind, RuleEditor> = {
    strategy: {
      noun: 'strategy',
      types: [],
      arg: 'field',
      placeholder: 'field',
      container: h('div', { class: 'rules', id: 'strategies', role: 'group', 'aria-labelledby': 'strategies-label' }),
    },
    constraint: {
      noun: 'constraint',
      types: [],
      arg: 'expression',
      placeholder: 'expression',
      container: h('div', { class: 'rules', id: 'constraints', role: 'group', 'aria-labelledby': 'constraints-label' }),
    },
  };

  constructor(
    private readonly onChange: (inputs: PanelInputs) => void,
    private readonly onOpenFile: (uri: string) => void,
  ) {
    // Words that belong to a field stay on its line (`.field` does not wrap inside).
    const field = (...parts: Array<string | HTMLElement>) => h('span', { class: 'field' }, ...parts);
    this.quickRow = h(
      'div',
      { class: 'row' },
      field(this.quickType, '×', this.quickCount),
      field('in', this.quickZones),
    );
    const clusterLabel = h('label', { for: 'cluster' }, 'Cluster');
    const clusterRow = h('div', { class: 'row' }, this.cluster, this.openCluster);
    const strategiesLabel = h('label', { id: 'strategies-label' }, 'Strategies');
    const constraintsLabel = h('label', { id: 'constraints-label' }, 'Constraints');
    const cpLabel = h('label', { for: 'cp-type' }, 'Capacity provider');
    // One grid cell for the whole capacity provider, so the labels after it stay beside their fields.
    const cpRow = h(
      'div',
      { class: 'row', id: 'capacity-provider' },
      this.cpType,
      field('target', this.cpTarget, '%'),
      field('step', this.cpMinStep, 'to', this.cpMaxStep, 'instances'),
    );
    this.ec2Only = [
      clusterLabel,
      clusterRow,
      strategiesLabel,
      this.editors.strategy.container,
      constraintsLabel,
      this.editors.constraint.container,
      cpLabel,
      cpRow,
    ];
    this.element = h(
      'form',
      { 'aria-label': 'Simulation inputs' },
      this.fargateNote,
      clusterLabel,
      clusterRow,
      this.quickLabel,
      this.quickRow,
      h('label', { for: 'desired' }, 'Desired count'),
      h('div', { class: 'row' }, this.desired),
      strategiesLabel,
      this.editors.strategy.container,
      constraintsLabel,
      this.editors.constraint.container,
      cpLabel,
      cpRow,
      h('label', { for: 'seed' }, 'Seed'),
      h('div', { class: 'row' }, this.seed),
      h('div', { class: 'row full' }, this.useFiles, this.filesNote),
      this.fieldLists,
    );
    this.useFiles.addEventListener('click', () => this.useFilesValues());
    // Enter in a field commits it rather than reloading the page.
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      this.readFields();
    });
    for (const el of [
      this.cluster,
      this.quickType,
      this.quickCount,
      this.quickZones,
      this.desired,
      this.seed,
      this.cpType,
      this.cpTarget,
      this.cpMinStep,
      this.cpMaxStep,
    ]) {
      el.addEventListener('change', () => this.readFields());
      // Re-simulated as the user types, once typing pauses; the field keeps what is typed meanwhile.
      if (el instanceof HTMLInputElement)
        el.addEventListener('input', () => this.whenTypingPauses(() => this.readFields()));
    }
    this.openCluster.addEventListener('click', () => {
      if (this.inputs.cluster.kind === 'file') this.onOpenFile(this.inputs.cluster.uri);
    });
  }

  /**
   * What the server's tables offer: strategy and constraint types, what an added row starts as, and each
   * capacity-provider field's range and default.
   */
  setOptions(options: PlacementOptionsResponse): void {
    const strategy = this.editors.strategy;
    strategy.types = options.strategyTypes.map((t) => ({
      type: t.type,
      takesArg: t.fields.length > 0 || t.attributeField,
      attributeArg: t.attributeField,
    }));
    strategy.added = options.newStrategy;
    const constraint = this.editors.constraint;
    constraint.types = options.constraintTypes.map((t) => ({ type: t.type, takesArg: t.takesExpression }));
    constraint.added = options.newConstraint;
    this.startingQuick = startingQuickCluster(options);
    const range = (input: HTMLInputElement, field: ManagedScalingField | undefined) => {
      if (!field) return;
      input.min = String(field.min);
      input.max = String(field.max);
      input.placeholder = String(field.default);
    };
    range(this.cpTarget, options.managedScaling.targetCapacity);
    range(this.cpMinStep, options.managedScaling.minimumScalingStepSize);
    range(this.cpMaxStep, options.managedScaling.maximumScalingStepSize);
  }

  /** New files or a reloaded webview: show these inputs and cluster choices. */
  setInit(clusters: FileRef[], inputs: PanelInputs): void {
    this.clusters = clusters;
    this.inputs = structuredClone(inputs);
    this.lastSent = undefined;
    if (inputs.cluster.kind === 'quick') this.lastQuick = structuredClone(inputs.cluster);
    this.cluster.replaceChildren(
      ...clusters.map((c) => h('option', { value: `file:${c.uri}` }, c.label)),
      h('option', { value: 'quick' }, 'Quick cluster (built here)'),
    );
    this.syncFields(true);
    this.renderRules('strategy');
    this.renderRules('constraint');
    this.showOrigin();
  }

  /**
   * A result arrived: what the files say (strategies, the service's constraints, the count) is kept for
   * the lists and fields the user has not overridden, and the expressions' findings are shown by row.
   */
  setResult(result: SimulationResult, inputs: PanelInputs): void {
    const fromTask = Math.min(result.taskDefinitionConstraints ?? 0, result.constraints.length);
    const ofService = result.constraints.slice(0, result.constraints.length - fromTask);
    // The result's lists are the files' only where these inputs did not replace them.
    if (inputs.placementStrategy === undefined) this.fromFile.strategy = result.strategies;
    if (inputs.placementConstraints === undefined) this.fromFile.constraint = ofService;
    if (inputs.desiredCount === undefined) this.fileCount = result.count;
    this.taskConstraints = result.constraints.slice(result.constraints.length - fromTask);
    this.resultConstraints = result.constraints;
    this.problems = result.expressionProblems ?? [];
    this.fargate = result.mode === 'fargate';
    if (result.choices) this.setChoices(result.choices);
    // Inputs older than the last sent would undo what was typed since.
    if (this.lastSent === undefined || JSON.stringify(inputs) === this.lastSent) this.inputs = structuredClone(inputs);
    this.syncFields(false);
    for (const kind of ['strategy', 'constraint'] as const) {
      const editor = this.editors[kind];
      if (!editor.container.contains(document.activeElement)) this.renderRules(kind);
      else if (kind === 'constraint') this.showProblems();
    }
    this.showOrigin();
  }

  /** Suggestions for the strategy fields: one list per type, the cluster's attributes included. */
  private setChoices(choices: PlacementChoices): void {
    this.choices = choices;
    this.fieldLists.replaceChildren(
      ...Object.entries(choices.strategyFields).map(([type, fields]) =>
        h(
          'datalist',
          { id: `fields-${type}` },
          fields.map((f) => h('option', { value: f })),
        ),
      ),
      h(
        'datalist',
        { id: 'fields-attributes' },
        choices.attributes.map((a) => h('option', { value: `attribute:${a} == ` })),
      ),
    );
  }

  /** "Use the files' values": strategies, constraints and count as the files have them, in the form and the simulation. */
  private useFilesValues(): void {
    this.setRules('strategy', undefined);
    this.setRules('constraint', undefined);
    this.inputs.desiredCount = undefined;
    this.desired.value = '';
    this.renderRules('strategy');
    this.renderRules('constraint');
    this.syncFields(true);
    this.showOrigin();
    this.desired.focus();
    this.commit();
  }

  private showOrigin(): void {
    const edited =
      this.inputs.desiredCount !== undefined ||
      this.inputs.placementStrategy !== undefined ||
      this.inputs.placementConstraints !== undefined;
    this.useFiles.hidden = !edited;
    this.filesNote.textContent = edited
      ? 'Edited here; the files are unchanged.'
      : this.fargate
        ? 'Count from the files.'
        : 'Count, strategies and constraints from the files.';
  }

  private whenTypingPauses(action: () => void): void {
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(action, typingPauseMs);
  }

  private rules(kind: RuleKind): Rule[] | undefined {
    return kind === 'strategy' ? this.inputs.placementStrategy : this.inputs.placementConstraints;
  }

  private setRules(kind: RuleKind, rules: Rule[] | undefined): void {
    if (kind === 'strategy') this.inputs.placementStrategy = rules;
    else this.inputs.placementConstraints = rules;
  }

  /** Editing starts from what is shown, i.e. the file's list. */
  private editableRules(kind: RuleKind): Rule[] {
    let rules = this.rules(kind);
    if (!rules) {
      rules = structuredClone(this.fromFile[kind]);
      this.setRules(kind, rules);
    }
    return rules;
  }

  private renderRules(kind: RuleKind, focus?: 'last' | 'add'): void {
    const editor = this.editors[kind];
    const rules = this.rules(kind) ?? this.fromFile[kind];
    if (kind === 'constraint') this.problemSlots = [];
    const rows = rules.map((rule, index) => this.ruleRow(kind, editor, rule, index));
    // The task definition's constraints apply whatever the service says: shown, not edited here.
    const fixed =
      kind === 'constraint'
        ? this.taskConstraints.map((c) => {
            const slot = h('div', { class: 'problems' });
            this.problemSlots.push(slot);
            return h(
              'div',
              { class: 'fixed' },
              h(
                'div',
                { class: 'row' },
                h('span', { class: 'muted' }, 'Task definition:'),
                h('code', null, c.expression ? `${c.type}(${c.expression})` : c.type),
              ),
              slot,
            );
          })
        : [];
    const footer = this.footer(kind);
    editor.container.replaceChildren(...rows, ...fixed, footer);
    if (kind === 'constraint') this.showProblems();
    if (focus === 'add') footer.querySelector('button')?.focus();
    else if (focus === 'last') rows[rows.length - 1]?.querySelector('select')?.focus();
  }

  private renderFooter(kind: RuleKind): void {
    this.editors[kind].container.lastElementChild?.replaceWith(this.footer(kind));
  }

  /** Add, reset to the files' list, and where the list comes from. */
  private footer(kind: RuleKind): HTMLDivElement {
    const editor = this.editors[kind];
    const overridden = this.rules(kind) !== undefined;
    const count = (this.rules(kind) ?? this.fromFile[kind]).length;
    const add = h('button', { type: 'button', class: 'btn secondary', disabled: !editor.added }, `Add ${editor.noun}`);
    add.addEventListener('click', () => {
      if (!editor.added) return;
      this.editableRules(kind).push(structuredClone(editor.added));
      this.renderRules(kind, 'last');
      this.commit();
    });
    const origin = overridden ? 'Edited here.' : count === 0 ? 'None in the files.' : 'From the files.';
    return h('div', { class: 'row' }, add, h('span', { class: 'muted' }, origin));
  }

  private ruleRow(kind: RuleKind, editor: RuleEditor, rule: Rule, index: number): HTMLDivElement {
    const current = rule.type;
    const names = editor.types.map((t) => t.type);
    const types = names.includes(current) ? names : [current, ...names];
    const info = (name: string) => editor.types.find((t) => t.type === name);
    const type = h(
      'select',
      { 'aria-label': `${editor.noun} ${index + 1} type` },
      types.map((t) => h('option', { value: t, selected: t === current }, t)),
    );
    const arg = h('input', {
      type: 'text',
      value: argOf(rule, editor.arg) ?? '',
      placeholder: editor.placeholder,
      'aria-label': `${editor.noun} ${index + 1} ${editor.arg}`,
      spellcheck: 'false',
    });
    const remove = h(
      'button',
      { type: 'button', class: 'btn secondary', 'aria-label': `Remove ${editor.noun} ${index + 1}` },
      'Remove',
    );
    const slot = h('div', { class: 'problems' });
    if (kind === 'constraint') this.problemSlots[index] = slot;
    const showList = () => {
      const takesArg = info(type.value)?.takesArg ?? true;
      if (kind === 'strategy') arg.setAttribute('list', `fields-${type.value}`);
      else if (takesArg) arg.setAttribute('list', 'fields-attributes');
      else arg.removeAttribute('list');
      arg.disabled = !takesArg;
      // Short enough to show whole in a narrow panel; the title says it in full.
      arg.placeholder = arg.disabled ? `no ${editor.arg}` : editor.placeholder;
      arg.title = arg.disabled ? `${type.value} takes no ${editor.arg}` : '';
    };
    const update = () => {
      clearTimeout(this.typingTimer);
      const value = arg.disabled ? undefined : arg.value.trim() || undefined;
      const next: Rule =
        value === undefined
          ? { type: type.value }
          : editor.arg === 'field'
            ? { type: type.value, field: value }
            : { type: type.value, expression: value };
      const wasOverridden = this.rules(kind) !== undefined;
      this.editableRules(kind)[index] = next;
      // Rebuilding the rows would drop the focus the user is tabbing with; only the footer changes.
      if (!wasOverridden) this.renderFooter(kind);
      this.showOrigin();
      this.commit();
    };
    type.addEventListener('change', () => {
      // A field the new type does not take is replaced by the first one it does (the table's first suggestion).
      const fields = kind === 'strategy' ? (this.choices?.strategyFields[type.value] ?? []) : [];
      const attributeArg = info(type.value)?.attributeArg ?? false;
      if (kind === 'strategy' && !fitsType(attributeArg, arg.value.trim(), fields)) arg.value = fields[0] ?? '';
      if (kind === 'constraint' && info(type.value)?.takesArg === false) arg.value = '';
      showList();
      update();
    });
    arg.addEventListener('change', update);
    arg.addEventListener('input', () => this.whenTypingPauses(update));
    showList();
    remove.addEventListener('click', () => {
      this.editableRules(kind).splice(index, 1);
      this.renderRules(kind, 'add');
      this.commit();
    });
    return h('div', { class: 'rule' }, h('div', { class: 'row' }, type, arg, remove), slot);
  }

  /** Each constraint row's expression findings, in the editor's words, with its did-you-mean as a button. */
  private showProblems(): void {
    const rows = this.rules('constraint') ?? this.fromFile.constraint;
    const ofService = this.resultConstraints.length - this.taskConstraints.length;
    this.problemSlots.forEach((slot, row) => {
      // Row i shows the findings of constraint i of the result only while its expression is the one simulated.
      const index = row < rows.length ? row : ofService + (row - rows.length);
      const shown = (row < rows.length ? rows[row] : this.taskConstraints[row - rows.length]) as
        PlacementConstraintInput | undefined;
      const simulated = this.resultConstraints[index];
      const found =
        simulated && shown?.expression === simulated.expression
          ? this.problems.filter((p) => p.constraint === index)
          : [];
      slot.replaceChildren(
        ...found.map((p) => {
          const fix =
            p.replacement !== undefined && row < rows.length
              ? h('button', { type: 'button', class: 'link' }, `Change to ${p.replacement}`)
              : null;
          fix?.addEventListener('click', () => this.applyReplacement(row, p));
          return h(
            'div',
            { class: `problem ${p.severity}`, role: p.severity === 'error' ? 'alert' : undefined },
            p.message,
            fix ? ' ' : '',
            fix,
          );
        }),
      );
    });
  }

  private applyReplacement(row: number, p: ExpressionProblem): void {
    const rules = this.editableRules('constraint');
    const rule = rules[row] as PlacementConstraintInput;
    const text = rule.expression ?? '';
    rules[row] = {
      ...rule,
      expression: text.slice(0, p.offset) + (p.replacement ?? '') + text.slice(p.offset + p.length),
    };
    this.renderRules('constraint');
    this.showOrigin();
    this.commit();
  }

  /** Shows the model in the fields; a field being typed in keeps its text unless `force`. */
  private syncFields(force: boolean): void {
    const set = (el: HTMLInputElement | HTMLSelectElement, value: string) => {
      if (force || document.activeElement !== el) el.value = value;
    };
    const cluster = this.inputs.cluster;
    const quick = cluster.kind === 'quick' ? cluster : (this.lastQuick ?? this.startingQuick);
    if (cluster.kind === 'file' && !this.clusters.some((c) => c.uri === cluster.uri)) {
      // A file the list does not hold (yet): its name, never a raw URI.
      this.cluster.append(
        h(
          'option',
          { value: `file:${cluster.uri}` },
          decodeURIComponent(cluster.uri.slice(cluster.uri.lastIndexOf('/') + 1)),
        ),
      );
    }
    set(this.cluster, cluster.kind === 'file' ? `file:${cluster.uri}` : 'quick');
    set(this.quickType, quick.instanceType);
    set(this.quickCount, String(quick.count));
    set(this.quickZones, quick.availabilityZones.join(', '));
    set(this.desired, optional(this.inputs.desiredCount));
    this.desired.placeholder = this.fileCount !== undefined ? `${this.fileCount} (files)` : 'from files';
    this.desired.title =
      this.fileCount !== undefined ? `The files ask for ${this.fileCount}; type a number to try another.` : '';
    set(this.seed, optional(this.inputs.seed));
    set(this.cpType, this.inputs.capacityProvider?.instanceType ?? '');
    set(this.cpTarget, optional(this.inputs.capacityProvider?.targetCapacity));
    set(this.cpMinStep, optional(this.inputs.capacityProvider?.minimumScalingStepSize));
    set(this.cpMaxStep, optional(this.inputs.capacityProvider?.maximumScalingStepSize));
    this.showFieldsThatApply(cluster.kind);
  }

  /** Fargate: only the count and the seed; EC2: the cluster, and the quick cluster's fields when it is chosen. */
  private showFieldsThatApply(cluster: ClusterChoice['kind']): void {
    for (const el of this.ec2Only) el.hidden = this.fargate;
    this.fargateNote.hidden = !this.fargate;
    this.quickLabel.hidden = this.quickRow.hidden = this.fargate || cluster !== 'quick';
    this.openCluster.hidden = cluster !== 'file';
  }

  private readFields(): void {
    clearTimeout(this.typingTimer);
    const choice = this.cluster.value;
    this.lastQuick = {
      kind: 'quick',
      instanceType: this.quickType.value.trim(),
      count: integer(this.quickCount.value) ?? 0,
      availabilityZones: this.quickZones.value.split(/[\s,]+/).filter((z) => z !== ''),
    };
    this.inputs.cluster = choice.startsWith('file:')
      ? { kind: 'file', uri: choice.slice('file:'.length) }
      : this.lastQuick;
    this.inputs.desiredCount = integer(this.desired.value);
    this.inputs.seed = integer(this.seed.value);
    const instanceType = this.cpType.value.trim() || undefined;
    const targetCapacity = integer(this.cpTarget.value);
    const minimumScalingStepSize = integer(this.cpMinStep.value);
    const maximumScalingStepSize = integer(this.cpMaxStep.value);
    this.inputs.capacityProvider =
      instanceType ||
      targetCapacity !== undefined ||
      minimumScalingStepSize !== undefined ||
      maximumScalingStepSize !== undefined
        ? { instanceType, targetCapacity, minimumScalingStepSize, maximumScalingStepSize }
        : undefined;
    this.showFieldsThatApply(this.inputs.cluster.kind);
    this.showOrigin();
    this.commit();
  }

  private commit(): void {
    const inputs = JSON.parse(JSON.stringify(this.inputs)) as PanelInputs;
    this.lastSent = JSON.stringify(inputs);
    this.onChange(inputs);
  }
}

/** Pause in typing after which the panel simulates what is typed. */
const typingPauseMs = 400;

/** Whether a strategy type takes `field`: one of its fields, or any `attribute:<name>` when the type spreads on attributes. */
function fitsType(attributeArg: boolean, field: string, fields: string[]): boolean {
  if (attributeArg && /^attribute:.+/.test(field)) return true;
  return fields.some((f) => f.toLowerCase() === field.toLowerCase());
}

function argOf(rule: Rule, arg: 'field' | 'expression'): string | undefined {
  return arg === 'field' ? (rule as PlacementStrategyInput).field : (rule as PlacementConstraintInput).expression;
}

function optional(n: number | undefined): string {
  return n === undefined ? '' : String(n);
}

function integer(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}
