/**
 * Inputs built to be slow: a 1 MB expression, a catastrophic-backtracking pattern, a long memberOf
 * string under the cursor. The unit tests check what these return; this measures how long they take.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkExpression, compileExpression, completeExpression, hoverExpression } from '../../server/src/cql';
import type { CqlInstance } from '../../server/src/cql';
import { complete } from '../../server/src/service/completion';
import { parseDocument } from '../../server/src/service/document';
import { hover } from '../../server/src/service/hover';
import { emptyWorkspace } from '../../server/src/service/workspace';

function once(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const instance = (name: string): CqlInstance => ({
  ec2InstanceId: 'i-1',
  attributes: { name },
  agentConnected: true,
  agentVersion: '1.14.5',
  registeredAt: '2018-06-18T22:28:28Z',
  runningTasksCount: 1,
  taskGroups: [],
});

export function benchLinearity(): Array<{ name: string; ms: number }> {
  const huge = `task:group == a and ${'x'.repeat(1 << 20)}`;
  const subject = 'a'.repeat(100_000);
  const nested = compileExpression('attribute:name =~ (a*)*b');
  const text = JSON.stringify({
    family: 'a',
    containerDefinitions: [],
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:a == "' + 'x\\'.repeat(50_000) + '"' }],
  });
  const doc = parseDocument('file:///w/a-task-def.json', text);
  const td = TextDocument.create(doc.uri, 'json', 1, text);
  return [
    {
      name: 'a 1 MB memberOf expression: check, compile, complete, hover (budget 200 ms)',
      ms: once(() => {
        checkExpression(huge);
        compileExpression(huge);
        completeExpression(huge, huge.length);
        hoverExpression(huge, 5);
      }),
    },
    {
      name: '(a*)*b and (a|aa)*c against 100,000 characters (budget 1,000 ms)',
      ms: once(() => {
        nested.evaluate(instance(subject));
        compileExpression('attribute:name =~ (a|aa)*c').evaluate(instance(subject));
      }),
    },
    {
      name: 'hover and completion in a 100,000-character memberOf string (budget 1,000 ms)',
      ms: once(() => {
        hover(doc, td, text.length - 10);
        complete(doc, td, text.length - 10, emptyWorkspace);
      }),
    },
  ];
}
