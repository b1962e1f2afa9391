import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { maxDocumentLength } from '../service/document';
import { defaultSettings } from '../service/settings';
import { isSourceFileName, readSourceFile } from '../surfaces';
import { readFileBounded, skipDirectoryForEcs, walkSync } from '../workspace/walk';
import { admitClusterText, maxClusterFileBytes } from '../workspace/admission';

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
export function readInputFile(path: string, flag?: string): string {
  const cluster = flag === '--cluster';
  const read = readFileBounded(path, { maxBytes: cluster ? maxClusterFileBytes : maxDocumentLength });
  if (read.ok && cluster) {
    const refused = admitClusterText(read.text, path);
    if (refused) throw new Error(refused.slice(path.length + 2));
  }
  if (!read.ok)
    throw new Error(
      read.reason === 'unreadable'
        ? read.message.replace(/^cannot read "[^"]*": /, '').replace(/\.$/, '')
        : read.message,
    );
  return read.text;
}

/**
 * An input document of `simulate`, `deploy` and `scale`: a JSON file, or one resource of a template or a
 * Terraform file named after `#` (`stack.yaml#WebService`, `main.tf#aws_ecs_service.web`), as the API
 * document the checks read (values the file does not determine are placeholders).
 */
export function readInputDocument(path: string, flag?: string): string {
  const named = /^(.+)#([\w.:\-[\]"]+)$/.exec(path);
  if (!named || flag === '--cluster' || existsSync(path)) return readInputFile(path, flag);
  const [, file, address] = named;
  const text = readInputFile(file, flag);
  const source = readSourceFile(pathToFileURL(resolve(file)).toString(), text, defaultSettings);
  if (source.surface === 'json')
    throw new Error(`${file} is not a template or a Terraform file; name no resource after #`);
  const doc = source.documents.find((d) => d.origin?.address === address);
  if (!doc) {
    const names = source.documents.map((d) => d.origin?.address).join(', ');
    throw new Error(`${file} has no ECS resource ${address}${names ? ` (it has ${names})` : ''}`);
  }
  return doc.text;
}
