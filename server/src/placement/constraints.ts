/**
 * Placement constraints, compiled once per simulation and evaluated per task and instance.
 */
import { compileExpression } from '../cql';
import type { SimInstance } from './clusterModel';
import type { ExpressionProblem, PlacementConstraintInput } from './types';
import { generalError, type InputError } from './inputErrors';

export interface CompiledConstraint {
  input: PlacementConstraintInput;
  /** How the constraint is named in reasons: `distinctInstance`, `memberOf(<expression>)`. */
  label: string;
  /** True when the instance may take one more task of the simulated group. */
  allows(instance: SimInstance): boolean;
}

export interface CompiledConstraints {
  constraints: CompiledConstraint[];
  /** About the service's and the task definition's constraints together: no one file holds them. */
  errors: InputError[];
  /** Every finding in the memberOf expressions (warnings with their did-you-mean too), by constraint index. */
  expressionProblems: ExpressionProblem[];
}

interface ProblemLike {
  message?: string;
  severity?: string;
  offset?: number;
  length?: number;
  replacement?: string;
}

export function compileConstraints(inputs: PlacementConstraintInput[], instanceCount: number): CompiledConstraints {
  const constraints: CompiledConstraint[] = [];
  const errors: InputError[] = [];
  const expressionProblems: ExpressionProblem[] = [];
  for (const [index, input] of inputs.entries()) {
    if (input?.type === 'distinctInstance') {
      constraints.push({ input, label: 'distinctInstance', allows: (instance) => instance.sameGroup === 0 });
      continue;
    }
    if (input?.type !== 'memberOf') {
      errors.push(generalError(`placement constraint ${index + 1}: type must be distinctInstance or memberOf`));
      continue;
    }
    const text = typeof input.expression === 'string' ? input.expression : '';
    if (!text.trim()) {
      errors.push(generalError('a memberOf placement constraint needs an expression'));
      continue;
    }
    const compiled = compileExpression(text);
    // The same findings, words and suggestions as the editor's placement.expression rule.
    for (const p of compiled.problems as ProblemLike[]) {
      expressionProblems.push({
        constraint: index,
        offset: p.offset ?? 0,
        length: p.length ?? 0,
        message: p.message ?? 'invalid',
        severity:
          p.severity === 'warning' || p.severity === 'information' || p.severity === 'hint' ? p.severity : 'error',
        ...(p.replacement !== undefined ? { replacement: p.replacement } : {}),
      });
    }
    const fatal = (compiled.problems as ProblemLike[]).filter(
      (p) => p.severity === undefined || p.severity === 'error',
    );
    if (fatal.length > 0) {
      // The expression's own words quote it: the simulator's error says where, the editor's diagnostic says what.
      errors.push(
        generalError(
          `placement constraint ${index + 1}: the memberOf expression is not valid at character ${(fatal[0].offset ?? 0) + 1}; not simulated`,
        ),
      );
      continue;
    }
    // The result only changes when a task lands on the instance (task:group, runningTasksCount), so it is cached per version.
    const cachedVersion = new Int32Array(instanceCount).fill(-1);
    const cached = new Uint8Array(instanceCount);
    constraints.push({
      input,
      label: `memberOf(${text})`,
      allows(instance) {
        const i = instance.index;
        if (i < instanceCount && cachedVersion[i] === instance.version) return cached[i] === 1;
        let ok: boolean;
        try {
          ok = compiled.evaluate(instance.view);
        } catch {
          ok = false;
        }
        if (i < instanceCount) {
          cachedVersion[i] = instance.version;
          cached[i] = ok ? 1 : 0;
        }
        return ok;
      },
    });
  }
  return { constraints, errors, expressionProblems };
}
