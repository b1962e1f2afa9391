/**
 * Placement constraints, compiled once per simulation and evaluated per task and instance.
 */
import { compileExpression } from '../cql';
import type { SimInstance } from './clusterModel';
import type { ExpressionProblem, PlacementConstraintInput } from './types';
import { itemError, type InputError, type ListPlace } from './inputErrors';

export interface CompiledConstraint {
  input: PlacementConstraintInput;
  /** How the constraint is named in reasons: `distinctInstance`, `memberOf(<expression>)`. */
  label: string;
  /** True when the instance may take one more task of the simulated group. */
  allows(instance: SimInstance): boolean;
}

export interface CompiledConstraints {
  constraints: CompiledConstraint[];
  /** Each about one constraint, named by the list it was read from (ConstraintSources). */
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

/**
 * Where the constraints were read: the first `count` from `first` (the service's list, or the panel's override of it
 * in the options), the rest from the task definition's. Without it, an error names the constraint's place in the
 * joined list and no file.
 */
export interface ConstraintSources {
  first: ListPlace;
  count: number;
}

const taskDefinitionConstraints: ListPlace = { input: 'task definition', path: 'placementConstraints' };

export function compileConstraints(
  inputs: PlacementConstraintInput[],
  instanceCount: number,
  sources: ConstraintSources = { first: { path: 'placementConstraints' }, count: inputs.length },
): CompiledConstraints {
  const error = (index: number, message: string, member: string) =>
    index < sources.count
      ? itemError(sources.first, index, message, member)
      : itemError(taskDefinitionConstraints, index - sources.count, message, member);
  const constraints: CompiledConstraint[] = [];
  const errors: InputError[] = [];
  const expressionProblems: ExpressionProblem[] = [];
  for (const [index, input] of inputs.entries()) {
    if (input?.type === 'distinctInstance') {
      constraints.push({ input, label: 'distinctInstance', allows: (instance) => instance.sameGroup === 0 });
      continue;
    }
    if (input?.type !== 'memberOf') {
      errors.push(error(index, 'must be distinctInstance or memberOf', '.type'));
      continue;
    }
    const text = typeof input.expression === 'string' ? input.expression : '';
    if (!text.trim()) {
      errors.push(error(index, 'is required for a memberOf constraint', '.expression'));
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
      errors.push(error(index, `not valid at character ${(fatal[0].offset ?? 0) + 1}; not simulated`, '.expression'));
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
