import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateDeployment } from '../../../server/src/dynamics';
import { Run, TaskList, type SimTask, type State } from '../../../server/src/dynamics/deploymentRun';
import { mulberry32 } from '../../../server/src/placement/random';
import { runningCluster, service } from './helpers';

const states: State[] = ['waiting', 'pending', 'running', 'healthy', 'draining', 'stopped', 'failed'];

function task(seq: number): SimTask {
  return { kind: 'new', req: {} as never, state: 'waiting', at: Infinity, seq };
}

test('a task list keeps the order tasks entered it, and the task just visited may leave it', () => {
  const list = new TaskList();
  const tasks = [0, 1, 2, 3, 4].map(task);
  for (const t of tasks) list.push(t);
  list.remove(tasks[0]);
  list.remove(tasks[2]);
  list.remove(tasks[4]);
  list.push(tasks[2]);
  assert.deepEqual(
    [...list].map((t) => t.seq),
    [1, 3, 2],
  );
  assert.equal(list.size, 3);
  const visited: number[] = [];
  for (const t of list) {
    visited.push(t.seq!);
    list.remove(t);
  }
  assert.deepEqual(visited, [1, 3, 2]);
  assert.equal(list.size, 0);
  assert.equal(list.first, undefined);
  assert.equal(list.last, undefined);
});

test('the tasks due by a time come in creation order over a seeded run of schedules, past the room the run starts with', () => {
  const random = mulberry32(11);
  const run = new Run({ task: {} } as never, {});
  const times = [1, 2, 3, 5, 8, Infinity];
  const pick = () => times[Math.floor(random() * times.length)];
  let checked = 0;
  for (let step = 0; step < 600; step++) {
    if (run.tasks.length < 300 && random() < 0.5) {
      const made = task(0);
      made.at = pick();
      run.add(made);
    } else if (run.tasks.length > 0) {
      const moved = run.tasks[Math.floor(random() * run.tasks.length)];
      run.set(moved, moved.state, pick());
    }
    const t = times[Math.floor(random() * 5)];
    const expected = run.tasks.filter((x) => x.at <= t).map((x) => x.seq!);
    assert.deepEqual([...run.dueNow(t)], expected, `due by ${t} at step ${step}`);
    if (expected.length > 64) checked++;
  }
  assert.ok(checked > 0, 'more tasks were due at once than the room a run starts with');
});

/** Checks every recorded step of every run (the what-if runs behind the fixes included) against a scan of its tasks. */
function checkedRuns(body: () => void): number {
  const record = Run.prototype.record;
  let checks = 0;
  Run.prototype.record = function (this: Run, t: number) {
    for (const kind of ['old', 'new'] as const) {
      for (const state of states) {
        const scanned = this.tasks.filter((x) => x.kind === kind && x.state === state);
        const listed = [...this.bucket(kind, state)];
        assert.equal(this.count(kind, state), scanned.length, `${kind} ${state} counted at t=${t}`);
        assert.deepEqual(new Set(listed), new Set(scanned), `${kind} ${state} listed at t=${t}`);
      }
      // New tasks wait, and are placed, in the order they were made.
      const waiting = [...this.bucket('new', 'waiting')].map((x) => x.seq!);
      assert.deepEqual(
        waiting,
        [...waiting].sort((a, b) => a - b),
      );
    }
    const due = this.tasks.filter((x) => x.at !== Infinity);
    assert.deepEqual(new Set(this.timed), new Set(due), `tasks due at t=${t}`);
    assert.equal(this.timed.length, due.length);
    checks++;
    return record.call(this, t);
  };
  try {
    body();
  } finally {
    Run.prototype.record = record;
  }
  return checks;
}

test('the counts, lists and due tasks of a deployment run match its tasks at every step, what-if runs included', () => {
  let stalled = 0;
  const checks = checkedRuns(() => {
    for (const [min, max] of [
      [50, 100],
      [100, 100],
      [0, 200],
    ]) {
      const result = simulateDeployment({
        cluster: runningCluster(6, 'm5.large', 1, { cpu: 256, memory: 512, hostPorts: [8080] }),
        service: service({
          desiredCount: 6,
          deploymentConfiguration: { minimumHealthyPercent: min, maximumPercent: max },
        }),
        taskDefinition: {
          family: 'app',
          containerDefinitions: [
            {
              name: 'app',
              image: 'app:2',
              cpu: 256,
              memory: 512,
              portMappings: [{ containerPort: 8080, hostPort: 8080 }],
            },
          ],
        },
      });
      if (result.outcome === 'stalled') {
        stalled++;
        assert.ok((result.fixes ?? []).length > 0, 'the stalled deployment has fixes');
      } else assert.equal(result.outcome, 'completed', JSON.stringify(result.reason));
    }
  });
  assert.equal(stalled, 1);
  assert.ok(checks > 20, `${checks} steps checked`);
});

test('a run counts and lists its tasks by state, and lists those due, as they move', () => {
  const run = new Run({ task: {} } as never, {});
  const tasks = [0, 1, 2, 3, 4].map((k): SimTask => ({ kind: 'new', req: {} as never, state: 'pending', at: 10 + k }));
  for (const t of tasks) run.add(t);
  const due = () => new Set(run.timed.map((t) => t.seq));
  assert.deepEqual(due(), new Set([0, 1, 2, 3, 4]));
  run.set(tasks[1], 'running', Infinity);
  run.set(tasks[4], 'running', Infinity);
  run.set(tasks[0], 'running', Infinity);
  assert.deepEqual(due(), new Set([2, 3]));
  run.set(tasks[3], 'running', 40);
  run.set(tasks[2], 'healthy', Infinity);
  run.set(tasks[3], 'healthy', Infinity);
  assert.deepEqual(due(), new Set());
  assert.equal(run.count('new', 'pending'), 0);
  assert.equal(run.count('new', 'running'), 3);
  assert.equal(run.count('new', 'running', 'healthy'), 5);
  assert.deepEqual(
    [...run.bucket('new', 'running')].map((t) => t.seq),
    [1, 4, 0],
  );
});
