/**
 * The two renderings of a SimulationResult for the CLI: a JSON document and a plain-text report.
 */
import type { SimulationResult } from '../placement/types';

/** The CLI's `--format json`: placements, unplaced, instances and scaleOut first, then the rest. */
export function formatJson(result: SimulationResult): string {
  const { placements, unplaced, instances, scaleOut, ...rest } = result;
  return JSON.stringify({ placements, unplaced, instances, scaleOut: scaleOut ?? null, ...rest }, null, 2);
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

function taskList(tasks: number[]): string {
  if (tasks.length === 0) return '-';
  // Runs of consecutive numbers read as ranges: 0-3, 7.
  const parts: string[] = [];
  for (let i = 0; i < tasks.length; i++) {
    let j = i;
    while (j + 1 < tasks.length && tasks[j + 1] === tasks[j] + 1) j++;
    parts.push(j > i ? `${tasks[i]}-${tasks[j]}` : String(tasks[i]));
    i = j;
  }
  return parts.join(', ');
}

export function formatText(result: SimulationResult): string {
  const lines: string[] = [];
  const total = result.placements.length + result.unplaced.length;
  lines.push(`Mode: ${result.mode}`);
  if (result.mode !== 'fargate') {
    lines.push(
      `Strategies: ${result.strategies.map((s) => (s.field ? `${s.type}(${s.field})` : s.type)).join(' > ') || 'none'}`,
    );
  }
  lines.push(
    `Constraints: ${result.constraints.map((c) => (c.expression ? `${c.type}(${c.expression})` : c.type)).join(', ') || 'none'}`,
  );

  if (result.instances.length > 0 && result.mode !== 'fargate') {
    lines.push('');
    const rows = [['INSTANCE', 'AZ', 'TASKS', 'CPU USED/REG', 'MEMORY USED/REG', 'NOTE']];
    for (const i of result.instances) {
      const note =
        i.status !== undefined && i.status !== 'ACTIVE'
          ? i.status
          : i.agentConnected === false
            ? 'agent disconnected'
            : i.existingTasks
              ? `${i.existingTasks} running before`
              : '';
      rows.push([
        i.instance,
        i.availabilityZone ?? '-',
        taskList(i.tasks),
        `${i.cpu.registered - i.cpu.remaining}/${i.cpu.registered}`,
        `${i.memory.registered - i.memory.remaining}/${i.memory.registered}`,
        note,
      ]);
    }
    lines.push(...table(rows));
  }

  if (result.mode !== 'fargate') {
    lines.push('', `Placed ${result.placements.length} of ${total} task${total === 1 ? '' : 's'}.`);
  }
  if (result.unplaced.length > 0) {
    lines.push('Unplaced:');
    // Consecutive tasks refused for the same reasons are listed once.
    let i = 0;
    while (i < result.unplaced.length) {
      const text = result.unplaced[i].reasons.map((r) => r.message).join('; ');
      let j = i;
      while (j + 1 < result.unplaced.length && result.unplaced[j + 1].reasons.map((r) => r.message).join('; ') === text)
        j++;
      const label =
        j > i ? `tasks ${result.unplaced[i].task}-${result.unplaced[j].task}` : `task ${result.unplaced[i].task}`;
      lines.push(`  ${label}: ${text}`);
      i = j + 1;
    }
  }
  if (result.capacityProviders) {
    lines.push('', 'Capacity providers:');
    for (const c of result.capacityProviders)
      lines.push(
        `  ${c.capacityProvider}: ${c.tasks} task${c.tasks === 1 ? '' : 's'}${c.placed + c.unplaced > 0 ? `, ${c.placed} placed, ${c.unplaced} not placed` : ''}`,
      );
  }
  if (result.scaleOuts)
    for (const s of result.scaleOuts) lines.push('', `Scale-out (${s.capacityProvider}): ${s.message}`);
  else if (result.scaleOut && (result.unplaced.length > 0 || result.mode !== 'fargate'))
    lines.push('', `Scale-out: ${result.scaleOut.message}`);
  if (result.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of result.notes) lines.push(`  - ${n}`);
  }
  if (result.explanations.length > 0) {
    lines.push('', 'Explanations:');
    for (const e of result.explanations) {
      lines.push(`  ${e.summary}`);
      for (const step of e.steps) lines.push(`    ${step.step}: ${step.note}`);
    }
  }
  return lines.join('\n') + '\n';
}
