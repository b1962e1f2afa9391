import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { maxDocumentLength } from '../service/document';
import { defaultSettings } from '../service/settings';
import { isSourceFileName, readSourceFile } from '../surfaces';
import { withDeclaredCapacity } from '../surfaces/capacity';
import { readFileBounded, skipDirectoryForEcs, walkSync } from '../workspace/walk';
import { readClusterFile } from '../workspace/clusterFile';

export interface Input {
  path: string;
  explicit: boolean;
  size: number;
}

/**
 * Files to check, messages about what could not be read (the run goes on without it, and exits 2) and
 * notes about what a folder held that was left alone (links leading out of it, pipes, devices).
 * Folders are searched with the safe walk: regular `*.json` files (and the files a surface reads: `*.tf`, templates) inside the folder named, no
 * `node_modules`, `.git` or other dot-folders than the ones ECS files live in (`.aws`, `.github`, …).
 */
export function collectFiles(paths: string[]): { inputs: Input[]; unreadable: string[]; notes: string[] } {
  const inputs: Input[] = [];
  const unreadable: string[] = [];
  const notes: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new Error(`cannot read "${p}": no such file or folder.`);
    }
    if (stat.isDirectory()) {
      const walked = walkSync([p], {
        includeFile: isSourceFileName,
        skipDirectory: skipDirectoryForEcs,
      });
      for (const f of walked.files) inputs.push({ path: f.path, explicit: false, size: f.size });
      for (const s of walked.skipped) {
        if (s.reason === 'unreadable') unreadable.push(`cannot read "${s.path}": ${s.code}.`);
        else if (s.reason === 'outside-root')
          notes.push(`"${s.path}" is a link that leads outside "${p}"; not followed.`);
        else if (s.reason === 'not-regular')
          notes.push(`"${s.path}" is not a regular file (a pipe, socket or device); skipped.`);
        else notes.push(`"${s.path}" is nested deeper than ECS Lens searches; skipped.`);
      }
      if (walked.truncated)
        notes.push(`"${p}" holds more files than ECS Lens searches in one run; the rest were not checked.`);
    } else if (stat.isFile()) {
      inputs.push({ path: p, explicit: true, size: stat.size });
    } else {
      unreadable.push(`"${p}" is not a regular file (a pipe, socket or device); not read.`);
    }
  }
  return { inputs, unreadable, notes };
}

/**
 * Reads an input file of the CLI: a regular file, at most as large as ECS Lens parses; throws with a clear message.
 * A cluster file (`--cluster`) has a budget that grows with the instances it lists, up to ECS's 5,000 per cluster.
 */
/** A resource of a source file named on the command line: `infra/ecs.tf#aws_ecs_service.web`, `stack.yaml#WebService`. */
const resourcePattern = /^(.+\.(?:tf|ya?ml|json|template))#([\w.[\]"-]+)$/i;

export function readInputFile(path: string, flag?: string): string {
  const resource = resourcePattern.exec(path);
  if (resource) return resourceText(resource[1], resource[2], flag);
  if (flag === '--cluster') {
    const cluster = readClusterFile(path, path);
    if (cluster.ok) return cluster.text;
    if (cluster.reason === 'admission') throw new Error(cluster.message.slice(path.length + 2));
    throw new Error(
      cluster.reason === 'unreadable'
        ? cluster.message.replace(/^cannot read "[^"]*": /, '').replace(/\.$/, '')
        : cluster.message,
    );
  }
  const read = readFileBounded(path, { maxBytes: maxDocumentLength });
  if (!read.ok)
    throw new Error(
      read.reason === 'unreadable'
        ? read.message.replace(/^cannot read "[^"]*": /, '').replace(/\.$/, '')
        : read.message,
    );
  return read.text;
}

/**
 * One resource of a Terraform file (`infra/ecs.tf#aws_ecs_service.web`) or a CloudFormation template
 * (`stack.yaml#WebService`, by logical ID) as the API-shaped JSON the checks
 * read: values the module does not give (variables, references) stay placeholders.
 */
function resourceText(file: string, address: string, flag?: string): string {
  const text = readInputFile(file, flag);
  const read = readSourceFile(pathToFileURL(resolve(file)).toString(), text, defaultSettings);
  const doc = read.documents.find((d) => d.origin?.address === address);
  if (!doc) {
    const there = read.documents.map((d) => d.origin?.address).filter(Boolean);
    throw new Error(
      `no resource ${address} in it (${there.length ? `it declares ${there.join(', ')}` : 'it declares no ECS task definition or service'})`,
    );
  }
  return doc.text;
}

/**
 * The input reader of `simulate`, `deploy` and `scale`: when `--service` is a resource of a source file that
 * declares capacity providers beside it (a template's), they join the cluster file's (one model reads
 * both); other inputs are read as they are.
 */
export function inputReaderFor(args: readonly string[]): (path: string, flag?: string) => string {
  let service: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '--service') service = args[i + 1];
    else if (arg.startsWith('--service=')) service = arg.slice('--service='.length);
  });
  const resource = service ? resourcePattern.exec(service) : null;
  if (!resource) return readInputFile;
  return (path, flag) => {
    const text = readInputFile(path, flag);
    if (flag !== '--cluster') return text;
    let capacity;
    try {
      const source = readInputFile(resource[1], '--service');
      const read = readSourceFile(pathToFileURL(resolve(resource[1])).toString(), source, defaultSettings);
      capacity = read.documents.find((d) => d.origin?.address === resource[2])?.origin?.capacity;
    } catch {
      return text; // the --service read reports it
    }
    if (!capacity) return text;
    let cluster: unknown;
    try {
      cluster = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return text; // the --cluster read reports it
    }
    return JSON.stringify(withDeclaredCapacity(cluster, capacity));
  };
}
