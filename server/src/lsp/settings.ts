import type { Connection } from 'vscode-languageserver/node';
import { globProblem } from '../service/glob';
import { fileURLToPath } from 'node:url';
import { defaultSettings, type EcsLensSettings } from '../service/settings';
import { projectSettingsFor } from '../workspace/projectConfigFile';
import { isInside } from '../workspace/walk';
import { deployContextNames, type DeployContextName } from '../ecs/deployTools';

/**
 * Settings pulled from the client per document (`workspace/configuration` with a scope), cached until the
 * client says they changed; clients that cannot be asked push them with didChangeConfiguration instead.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<EcsLensSettings>>();
  global: EcsLensSettings = defaultSettings;
  canPull = false;
  private readonly reportedPatterns = new Set<string>();
  /** The workspace folders as paths: a file's `.ecs-lens.json` is looked up no higher than the folder holding it. */
  workspaceRoots: string[] = [];

  constructor(private readonly connection: Connection) {}

  for(uri: string): Promise<EcsLensSettings> {
    return this.fromClient(uri).then((s) => this.withProjectConfig(s, uri));
  }

  private fromClient(uri: string): Promise<EcsLensSettings> {
    if (!this.canPull) return Promise.resolve(this.global);
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'ecsLens' }).then(
        (raw) => normalizeSettings(raw, this.reportPattern),
        () => this.global,
      );
      this.cache.set(uri, s);
    }
    return s;
  }

  /**
   * The `.ecs-lens.json` that governs a file on disk (read again when it changes): its severities go under
   * the user's `ecsLens.rules`, and an ignored file is not validated.
   */
  private withProjectConfig(settings: EcsLensSettings, uri: string): EcsLensSettings {
    if (!uri.startsWith('file:')) return settings;
    let project: ReturnType<typeof projectSettingsFor>;
    try {
      const path = fileURLToPath(uri);
      const top = innermostRoot(path, this.workspaceRoots);
      if (!top) return settings;
      project = projectSettingsFor(path, top);
    } catch {
      return settings;
    }
    // Said once per content, so a later mistake in the same file is said too.
    const reported = project.config && `${project.config.path}\n${project.config.problems.join('\n')}`;
    if (project.config && project.config.problems.length && !this.reportedConfigs.has(reported!)) {
      if (this.reportedConfigs.size > 100) this.reportedConfigs.clear();
      this.reportedConfigs.add(reported!);
      for (const problem of project.config.problems)
        this.connection.console.warn(`ECS Lens: ${project.config.path}: ${problem}`);
    }
    if (!project.config) return settings;
    return {
      ...settings,
      validate: project.ignored ? { ...settings.validate, enable: false } : settings.validate,
      rules: { ...project.rules, ...settings.rules },
      surfaces: { ...project.surfaces, ...settings.surfaces },
    };
  }

  private readonly reportedConfigs = new Set<string>();

  /** An unusable file pattern is said once in the output channel; the other patterns keep working. */
  private readonly reportPattern = (pattern: string, problem: string): void => {
    if (this.reportedPatterns.has(pattern) || this.reportedPatterns.size > 100) return;
    this.reportedPatterns.add(pattern);
    this.connection.console.warn(
      `ECS Lens ignores the file pattern ${JSON.stringify(pattern.slice(0, 200))}: ${problem}.`,
    );
  };

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** After a configuration change: drops the cache and refreshes the global settings; resolves when they are read. */
  async changed(pushed: unknown): Promise<void> {
    this.cache.clear();
    if (!this.canPull) {
      this.global = normalizeSettings((pushed as { ecsLens?: unknown } | undefined)?.ecsLens, this.reportPattern);
      return;
    }
    const raw: unknown = await this.connection.workspace.getConfiguration('ecsLens');
    this.global = normalizeSettings(raw, this.reportPattern);
  }
}

/** The innermost of the folders that holds `path`, if any. */
export function innermostRoot(path: string, roots: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const root of roots) if (isInside(path, root) && (!best || root.length > best.length)) best = root;
  return best;
}

/** Patterns per file-kind setting, at most; a list needs a handful. */
const maxPatternsPerSetting = 100;

/** The settings as the client sends them: any member may be missing or of another type. */
interface RawSettings {
  validate?: { enable?: unknown };
  files?: Partial<Record<keyof EcsLensSettings['files'], unknown>>;
  rules?: unknown;
  deployContext?: unknown;
  trace?: { server?: unknown };
}

const traceLevels: ReadonlyArray<EcsLensSettings['trace']['server']> = ['off', 'messages', 'verbose'];

/** Settings from the client, with defaults for anything missing or of the wrong type; unusable file patterns are dropped. */
export function normalizeSettings(
  raw: unknown,
  reportPattern?: (pattern: string, problem: string) => void,
): EcsLensSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as RawSettings;
  const list = (v: unknown, d: string[]) => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return d;
    return v.slice(0, maxPatternsPerSetting).filter((pattern: string) => {
      const problem = globProblem(pattern);
      if (problem) reportPattern?.(pattern, problem);
      return !problem;
    });
  };
  return {
    validate: { enable: r.validate?.enable !== false },
    files: {
      taskDefinition: list(r.files?.taskDefinition, defaultSettings.files.taskDefinition),
      service: list(r.files?.service, defaultSettings.files.service),
      cluster: list(r.files?.cluster, defaultSettings.files.cluster),
      daemonTaskDefinition: list(r.files?.daemonTaskDefinition, defaultSettings.files.daemonTaskDefinition),
      expressService: list(r.files?.expressService, defaultSettings.files.expressService),
    },
    rules: r.rules && typeof r.rules === 'object' ? (r.rules as EcsLensSettings['rules']) : {},
    deployContext: deployContextSetting(r.deployContext),
    trace: { server: traceLevels.find((l) => l === r.trace?.server) ?? 'off' },
  };
}

/** `ecsLens.deployContext`: glob → context; entries naming no known context are left out. */
function deployContextSetting(raw: unknown): Record<string, DeployContextName> {
  const out: Record<string, DeployContextName> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [glob, name] of Object.entries(raw)) {
    if (typeof name === 'string' && (deployContextNames as readonly string[]).includes(name))
      out[glob] = name as DeployContextName;
  }
  return out;
}
