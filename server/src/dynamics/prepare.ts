/**
 * The step `deploy` and `scale` share before any simulation: the task definition and the service parsed once, and
 * every input they were given through the same budgets and admission as a placement.
 */
import { budgetErrors } from '../placement/budgets';
import { parseService, type ServiceSpec } from '../placement/serviceModel';
import { parseTaskDefinition, type TaskRequirement } from '../placement/taskModel';
import { inputError, type InputError } from '../placement/inputErrors';
import { admitSimulationInput, type AdmissionInput } from '../workspace/admission';
import { serviceObject } from './serviceInputs';

export interface ServiceInputs {
  taskDefinition: unknown;
  service: unknown;
  cluster: unknown;
}

export interface PreparedService {
  task?: TaskRequirement;
  service?: ServiceSpec;
  /** The service as an object (create-service input or the service of describe-services output). */
  serviceJson?: ReturnType<typeof serviceObject>;
  /** What the task definition and service say is wrong, in that order. */
  parseErrors: InputError[];
  /** Inputs over a budget or numbers outside their ECS limit: the shared ones, then the command's own. */
  admissionErrors: InputError[];
  notes: string[];
}

/** `own`: the command's other inputs (its options, the current revision, the scaling files), admitted with the rest. */
export function prepareService(request: ServiceInputs, own: AdmissionInput): PreparedService {
  const parseErrors: InputError[] = [];
  const notes: string[] = [];
  const parsedTask = parseTaskDefinition(request.taskDefinition);
  parseErrors.push(...parsedTask.errors);
  notes.push(...parsedTask.notes);
  const serviceJson = serviceObject(request.service);
  if (!serviceJson)
    parseErrors.push(
      inputError('service', 'expected a JSON object (create-service input or describe-services output)'),
    );
  const parsedService = serviceJson ? parseService(serviceJson) : undefined;
  if (parsedService) parseErrors.push(...parsedService.errors);
  // The same budgets as a placement: a cluster file too large to expand is an error, not a hang.
  const admissionErrors = [
    ...budgetErrors(
      {
        taskDefinition: request.taskDefinition,
        service: request.service,
        cluster: request.cluster,
      },
      {},
    ),
    ...admitSimulationInput(own),
  ];
  return {
    task: parsedTask.task,
    service: parsedService?.service,
    serviceJson,
    parseErrors,
    admissionErrors,
    notes,
  };
}
