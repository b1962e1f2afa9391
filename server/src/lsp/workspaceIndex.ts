import { statSync } from 'node:fs';
import { basename, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EcsDocument } from '../service/document';
import { isSourceFileName, readSourceFile, type SourceFile } from '../surfaces';
import { matchesAnyGlob } from '../service/glob';
import type { EcsLensSettings } from '../service/settings';
import { projectSettingsFor } from '../workspace/projectConfigFile';
import { innermostRoot } from './settings';
import { crossFileVersion, taskDefinitionsByFamily, type WorkspaceView } from '../service/workspace';
import { readFileBounded, skipDirectoryForEcs, walkFolders, type WalkedFile } from '../workspace/walk';
import { matchesGlob } from '../service/glob';
import { defaultDeployContext } from '../service/context/apply';
import type { DeployContext } from '../service/context';
import { isSystemFolder, RepositoryContexts } from '../workspace/repository';
import { escapeControls } from '../workspace/plainText';
import { normalizeUri } from '../workspace/uri';
import { readClusterFile } from '../workspace/clusterFile';
import { findProjectConfig } from '../workspace/projectConfigFile';
import { projectDeployContextGlobs } from '../service/projectConfig';

/** ECS files on disk larger than this are not parsed here (ECS takes at most 64 KiB per task definition); cluster files have their own budget. */
export const maxIndexedFileBytes = 1024 * 1024;
/** A JSON file not named as an ECS file is read this far to see whether it could be one. */
export const sniffBytes = 4 * 1024;
/** JSON files the index looks at, at most (a monorepo has many; ECS files are a few of them). */
export const maxIndexedFiles = 50_000;
/** Workspace folders whose repositories are read for deploy contexts, at most. */
const maxContextRoots = 64;
/** Time spent reading and parsing before letting requests through. */
const sliceMs = 15;

/** Folders the editor never looks into: dependencies, build output, caches. */
const skippedFolderNames = new Set(['node_modules', 'dist', 'out', 'build', 'cdk.out', '.terraform']);

/** Member names one of which every ECS document (task definition, service, describe output, cluster, scaling input) has. */
const ecsMarkers = [
  '"containerDefinitions"',
  '"taskDefinition"',
  '"serviceName"',
  '"desiredCount"',
  '"deploymentConfiguration"',
  '"schedulingStrategy"',
  '"serviceRegistries"',
  '"healthCheckGracePeriodSeconds"',
  '"deploymentController"',
  '"loadBalancers"',
  '"containerInstances"',
  '"instanceGroups"',
  // Application Auto Scaling input and load profiles, for the panel's Scaling tab.
  '"ScalableDimension"',
  '"PolicyType"',
  '"TargetTrackingScalingPolicyConfiguration"',
  '"StepScalingPolicyConfiguration"',
  '"demand"',
  // CloudFormation and CDK templates written as JSON: the template surface decides.
  '"AWSTemplateFormatVersion"',
  '"Resources"',
];

/** True when a JSON text (or its beginning) names a member only ECS documents have. */
export function mayBeEcs(text: string): boolean {
  // A bare list of containers is Terraform's container_definitions file.
  return ecsMarkers.some((m) => text.includes(m)) || (/^\s*\[/.test(text) && text.includes('"image"'));
}

/**
 * The ECS files of the workspace: open documents win over their saved text.
 *
 * The scan lists JSON files with the safe folder walk, classifies them by name first, reads the
 * beginning of the others to see whether they could be ECS files, and parses only those; all of it
 * in short slices between which requests are answered, so start-up does not depend on the size of
 * the workspace. File-change notifications refresh single files.
 */
export class WorkspaceIndex implements WorkspaceView {
  /** By source file URI: its documents (one for a JSON file, one per resource of a Terraform file or template). */
  private readonly onDisk = new Map<string, EcsDocument[]>();
  private readonly open = new Map<string, EcsDocument[]>();
  /** Terraform files and templates by URI, open or on disk: their text, for positions in them. */
  private readonly sources = new Map<string, SourceFile>();
  private byUri: Map<string, EcsDocument> | undefined;
  private roots: string[] = [];
  private generation = 0;
  private merged: EcsDocument[] | undefined;
  private byFamily: Map<string, EcsDocument[]> | undefined;
  private contexts: RepositoryContexts | undefined;

  constructor(private readonly settings: () => EcsLensSettings) {}

  documents(): readonly EcsDocument[] {
    if (!this.merged) {
      const all = new Map(this.onDisk);
      for (const [uri, docs] of this.open) all.set(uri, docs);
      this.merged = [...all.values()].flat();
    }
    return this.merged;
  }

  taskDefinitionsOfFamily(family: string): EcsDocument[] {
    this.byFamily ??= taskDefinitionsByFamily(this.documents());
    return this.byFamily.get(family) ?? [];
  }

  /** The tool that deploys a file, from the workspace folders' workflows, configs and Terraform, and ecsLens.deployContext. */
  deployContextOf(uri: string): DeployContext {
    if (!this.contexts || !uri.startsWith('file:')) return defaultDeployContext;
    try {
      return this.contexts.contextOf(fileURLToPath(uri));
    } catch {
      return defaultDeployContext;
    }
  }

  /** True for a cluster file of the workspace or an open one: the only cluster files the simulator reads. */
  isClusterFile(uri: string): boolean {
    return this.document(uri)?.kind === 'cluster';
  }

  /** A document by its URI: a JSON file's, or a resource's (`file.tf#aws_ecs_service.web`). */
  document(uri: string): EcsDocument | undefined {
    if (!this.byUri) {
      this.byUri = new Map();
      for (const d of this.documents()) this.byUri.set(normalizeUri(d.uri), d);
    }
    return this.byUri.get(normalizeUri(uri));
  }

  /** A Terraform file or template the index holds, for positions in it. */
  sourceFile(uri: string): SourceFile | undefined {
    return this.sources.get(normalizeUri(uri));
  }

  setOpen(file: SourceFile): void {
    if (file.surface !== 'json') {
      const key = normalizeUri(file.uri);
      this.sources.set(key, file);
      if (file.documents.length > 0) this.open.set(key, file.documents);
      else this.open.delete(key);
      this.changed();
      return;
    }
    const doc = file.documents[0];
    // Other files are checked against the last version that parsed cleanly while this one is half-typed.
    // Keyed by the one spelling: the client's `%2B` and the disk's `+` are one file, indexed once.
    const key = normalizeUri(doc.uri);
    const seen = crossFileVersion((this.open.get(key) ?? this.onDisk.get(key))?.[0], doc);
    if (seen.kind === 'unknown') this.open.delete(key);
    else this.open.set(key, [seen]);
    this.changed();
  }

  closeOpen(uri: string): void {
    const key = normalizeUri(uri);
    this.open.delete(key);
    if (!this.onDisk.has(key)) this.sources.delete(key);
    this.changed();
  }

  /**
   * Scans the workspace folders for ECS files. A newer scan (settings changed) ends an older one.
   * Resolves when the scan is complete or replaced.
   */
  async scan(folderUris: readonly string[], log?: (message: string) => void): Promise<void> {
    const generation = ++this.generation;
    const cancelled = () => generation !== this.generation;
    const named = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    // `/`, `/proc`, `/sys`, `/dev` hold no project, and folders that do not exist hold nothing: neither is walked.
    const system = named.filter((root) => isSystemFolder(resolve(root)));
    if (system.length > 0)
      log?.(
        `ECS Lens does not index ${system.length === 1 ? 'the workspace folder' : 'the workspace folders'} ${system.map((s) => JSON.stringify(escapeControls(s))).join(', ')}: a system folder holds no project. Files opened from there are still checked.`,
      );
    this.roots = [];
    let checked = Date.now();
    for (const root of named) {
      if (isSystemFolder(resolve(root)) || !isDirectory(root)) continue;
      this.roots.push(root);
      if (Date.now() - checked > sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cancelled()) return;
        checked = Date.now();
      }
    }
    const settings = this.settings();
    // The setting wins over a folder's .ecs-lens.json, as it does for severities; both over what the repository says.
    const projectGlobs = this.roots.flatMap((root) => {
      // The folder's own file: one above the workspace root was not written by this repository.
      const file = findProjectConfig(root, root);
      return file ? projectDeployContextGlobs(file.config, '', file.path) : [];
    });
    const contexts = new RepositoryContexts({
      globs: [
        ...Object.entries(settings.deployContext ?? {}).map(([glob, context]) => ({
          glob,
          context: context,
          origin: 'ecsLens.deployContext',
        })),
        ...projectGlobs,
      ],
      match: matchesGlob,
    });
    // Thousands of workspace folders (most of them missing) are not each read for deploy contexts.
    for (const root of this.roots.slice(0, maxContextRoots)) {
      await contexts.addSliced(root);
      if (cancelled()) return;
    }
    this.contexts = contexts;
    const found = new Map<string, EcsDocument[]>();
    const queue: WalkedFile[] = [];
    let sliceStart = Date.now();
    const pause = async () => {
      if (Date.now() - sliceStart < sliceMs) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = Date.now();
    };
    const result = await walkFolders(this.roots, {
      includeFile: isSourceFileName,
      skipDirectory: (name) => skippedFolderNames.has(name) || skipDirectoryForEcs(name),
      maxFiles: maxIndexedFiles,
      onFiles: (files) => {
        for (const f of files) queue.push(f);
      },
      cancelled,
    });
    if (cancelled()) return;
    if (result.truncated)
      log?.(
        `The workspace holds more than ${maxIndexedFiles} JSON files; ECS Lens indexed the first ${maxIndexedFiles}.`,
      );
    for (const file of queue) {
      await pause();
      if (cancelled()) return;
      const uri = normalizeUri(pathToFileURL(file.path).toString());
      const docs = this.load(uri, file.path, file.size, settings);
      if (docs) found.set(uri, docs);
    }
    if (cancelled()) return;
    this.onDisk.clear();
    for (const [uri, docs] of found) this.onDisk.set(uri, docs);
    this.changed();
  }

  /** Reads a file the way the scan does: by name, else by its first bytes, within the workspace folders. */
  private load(uri: string, path: string, size: number, settings: EcsLensSettings): EcsDocument[] | undefined {
    const roots = this.roots.length > 0 ? this.roots : undefined;
    const json = path.toLowerCase().endsWith('.json');
    if (size > maxIndexedFileBytes && !json) return undefined;
    if (!json) {
      // A Terraform file or template: its surface decides by content whether it holds ECS resources.
      const read = readFileBounded(path, { maxBytes: maxIndexedFileBytes, roots });
      if (!read.ok) return undefined;
      const file = readSourceFile(uri, withoutBom(read.text), this.withProjectSurfaces(path, settings));
      if (file.surface === 'json' || file.documents.length === 0) {
        this.sources.delete(uri);
        return undefined;
      }
      this.sources.set(uri, file);
      return file.documents;
    }
    const files = settings.files;
    const namedCluster = matchesAnyGlob(path, files.cluster);
    const named =
      namedCluster ||
      matchesAnyGlob(path, files.taskDefinition) ||
      matchesAnyGlob(path, files.service) ||
      path.endsWith('.load.json');
    let cluster = namedCluster;
    if (!named) {
      const head = readFileBounded(path, { maxBytes: sniffBytes, allowPartial: true, roots });
      if (!head.ok || !mayBeEcs(head.text)) return undefined;
      if (!head.truncated) return this.parse(uri, head.text, settings);
      cluster = looksLikeCluster(head.text);
    }
    const read = readFileBounded(path, { maxBytes: maxIndexedFileBytes, roots });
    if (read.ok) return this.parse(uri, read.text, settings);
    // describe-container-instances output of a large cluster: the budget the CLI reads it with.
    return read.reason === 'too-large' && cluster ? [this.largeCluster(uri, path, roots)] : undefined;
  }

  /**
   * A cluster file over the size parsed here: read and admitted (the CLI's budget, which grows with the instances
   * listed, up to ECS's 5,000), its text kept for the simulator's thread to parse; or refused, saying why.
   */
  private largeCluster(uri: string, path: string, roots: readonly string[] | undefined): EcsDocument {
    const read = readClusterFile(path, this.displayName(uri), roots);
    return {
      uri,
      text: read.ok ? read.text : '',
      root: undefined,
      kind: 'cluster',
      body: undefined,
      family: undefined,
      syntaxProblems: [],
      ...(read.ok ? { parseOffThread: true as const } : { refused: read.message }),
    };
  }

  /** A file as messages name it: its path inside the workspace folder that holds it, else its name. */
  displayName(uri: string): string {
    let path: string;
    try {
      path = fileURLToPath(uri.replace(/#.*$/, ''));
    } catch {
      return uri.slice(uri.lastIndexOf('/') + 1);
    }
    const root = innermostRoot(path, this.roots);
    return root ? relative(root, path).split(sep).join('/') : basename(path);
  }

  /** The settings with the surfaces the `.ecs-lens.json` governing the file turns on or off. */
  private withProjectSurfaces(path: string, settings: EcsLensSettings): EcsLensSettings {
    const top = innermostRoot(path, this.roots);
    if (!top) return settings;
    try {
      const { surfaces } = projectSettingsFor(path, top);
      return { ...settings, surfaces: { ...surfaces, ...settings.surfaces } };
    } catch {
      return settings;
    }
  }

  private parse(uri: string, text: string, settings: EcsLensSettings): EcsDocument[] | undefined {
    const doc = readSourceFile(uri, withoutBom(text), settings).documents[0];
    return doc && doc.kind !== 'unknown' ? [doc] : undefined;
  }

  refreshFile(uri: string): void {
    if (!uri.startsWith('file:')) return;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return;
    }
    if (!isSourceFileName(path)) return;
    const key = normalizeUri(uri);
    const docs = this.load(key, path, 0, this.settings());
    if (docs) this.onDisk.set(key, docs);
    else this.onDisk.delete(key);
    this.changed();
  }

  deleteFile(uri: string): void {
    const key = normalizeUri(uri);
    this.onDisk.delete(key);
    if (!this.open.has(key)) this.sources.delete(key);
    this.changed();
  }

  private changed(): void {
    this.merged = undefined;
    this.byFamily = undefined;
    this.byUri = undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The first bytes of a JSON file not named as a cluster file: describe-container-instances output or the compact form. */
function looksLikeCluster(head: string): boolean {
  return /"(?:containerInstances|instanceGroups)"\s*:\s*\[/.test(head) && !head.includes('"containerDefinitions"');
}

/** Editors drop a byte order mark from the document text; so does the index. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
