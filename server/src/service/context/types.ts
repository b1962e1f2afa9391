import type { DeployContextName } from '../../ecs/deployTools';

export type { DeployContextName } from '../../ecs/deployTools';

/** Where in the repository a context was learnt: a path relative to the repository root, and a 1-based line. */
export interface ContextSource {
  path: string;
  line: number;
}

/** The consumer of one file, and why ECS Lens believes it. */
export interface DeployContext {
  name: DeployContextName;
  /** One sentence for hover, status and JSON output: "deployed by .github/workflows/deploy.yml line 41". */
  reason: string;
  source?: ContextSource;
  /** The repository's scripts pass --family, so the file may leave family out. */
  familySupplied?: ContextSource;
  /** The repository passes the file to update-service. */
  updateService?: ContextSource;
  /** ALL_CAPS tokens the repository's scripts substitute: placeholders in this file. */
  substitutedTokens?: readonly string[];
  /** Members a pipeline step sets before ECS sees the file (jq, the render action): their values are not judged. */
  filledMembers?: readonly FilledMember[];
  /** The CodeDeploy appspec beside this file: the container and port its load balancer routes to. */
  appspecTarget?: AppspecTarget;
}

/** LoadBalancerInfo of a CodeDeploy appspec for ECS (ContainerName, ContainerPort) and where it is. */
export interface AppspecTarget {
  containerName?: string;
  containerPort?: number;
  source: ContextSource;
}

/** One step of a path into a task definition: a member, an index, every element, or the container of that name. */
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- '*' is kept for the reader
export type FilledStep = string | number | '*' | { container: string };

/** A member a pipeline step sets: its path in the file, the step, and where the step is. */
export interface FilledMember {
  path: readonly FilledStep[];
  /** "a jq step", "aws-actions/amazon-ecs-render-task-definition". */
  by: string;
  source: ContextSource;
}

/** A repository file that can name a deploy context (workflow, ecspresso config, buildspec, *.tf, script). */
export interface RepositoryFile {
  /** Relative to the repository root, with "/" separators. */
  path: string;
  text: string;
}

/** What the repository says about its ECS files, learnt once per scan. */
export interface RepositoryFacts {
  /** By file path relative to the repository root. */
  byPath: ReadonlyMap<string, DeployContext>;
  /** Folders holding an appspec or buildspec: taskdef files there are CodeDeploy input. */
  codedeployFolders: ReadonlyMap<string, ContextSource>;
  familySupplied: ReadonlyMap<string, ContextSource>;
  updateServiceInputs: ReadonlyMap<string, ContextSource>;
  /** ALL_CAPS tokens the repository's scripts substitute (sed), so they are placeholders. */
  substitutedTokens: ReadonlySet<string>;
  /** By file path: members a jq step or the render action sets before the file is deployed. */
  filledMembers?: ReadonlyMap<string, FilledMember[]>;
  /** By folder: the appspec's load balancer target. */
  appspecTargets?: ReadonlyMap<string, AppspecTarget>;
  /** The tokens above, sorted once. */
  sortedSubstitutedTokens?: readonly string[];
}

export const emptyRepositoryFacts: RepositoryFacts = {
  byPath: new Map(),
  codedeployFolders: new Map(),
  familySupplied: new Map(),
  updateServiceInputs: new Map(),
  substitutedTokens: new Set(),
};
