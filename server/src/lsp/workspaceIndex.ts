import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseDocument, type EcsDocument } from '../service/document';
import type { EcsLensSettings } from '../service/settings';
import { crossFileVersion, type WorkspaceView } from '../service/workspace';

const maxFiles = 5000;
const maxFileBytes = 1024 * 1024;
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.cache', 'cdk.out', '.terraform']);

/**
 * The ECS files of the workspace: open documents win over their saved text. Files on
 * disk are read once at start and then on file-change notifications.
 */
export class WorkspaceIndex implements WorkspaceView {
  private readonly onDisk = new Map<string, EcsDocument>();
  private readonly open = new Map<string, EcsDocument>();

  constructor(private readonly settings: () => EcsLensSettings) {}

  documents(): readonly EcsDocument[] {
    const all = new Map(this.onDisk);
    for (const [uri, doc] of this.open) all.set(uri, doc);
    return [...all.values()];
  }

  setOpen(doc: EcsDocument): void {
    // Other files are checked against the last version that parsed cleanly while this one is half-typed.
    const seen = crossFileVersion(this.open.get(doc.uri) ?? this.onDisk.get(doc.uri), doc);
    if (seen.kind === 'unknown') this.open.delete(doc.uri);
    else this.open.set(doc.uri, seen);
  }

  closeOpen(uri: string): void {
    this.open.delete(uri);
  }

  /** Scans workspace folders for ECS files (bounded in count and size). */
  scan(folderUris: readonly string[]): void {
    let budget = maxFiles;
    const visited = new Set<string>();
    const walk = (dir: string) => {
      // Linked folders can form a loop: each real folder is walked once.
      let real: string;
      try { real = realpathSync(dir); } catch { return; }
      if (visited.has(real)) return;
      visited.add(real);
      let names: string[];
      try { names = readdirSync(dir); } catch { return; }
      for (const name of names) {
        if (budget <= 0) return;
        const path = join(dir, name);
        let stat;
        try { stat = statSync(path); } catch { continue; }
        if (stat.isDirectory()) {
          if (!skippedFolders.has(name) && !name.startsWith('.')) walk(path);
        } else if (name.endsWith('.json') && stat.size <= maxFileBytes) {
          budget--;
          this.refreshFile(pathToFileURL(path).toString());
        }
      }
    };
    for (const uri of folderUris) {
      if (uri.startsWith('file:')) walk(fileURLToPath(uri));
    }
  }

  refreshFile(uri: string): void {
    let text: string;
    try {
      const path = fileURLToPath(uri);
      if (statSync(path).size > maxFileBytes) { this.onDisk.delete(uri); return; }
      text = readFileSync(path, 'utf8');
    } catch {
      this.onDisk.delete(uri);
      return;
    }
    const doc = parseDocument(uri, text, this.settings());
    if (doc.kind === 'unknown') this.onDisk.delete(uri);
    else this.onDisk.set(uri, doc);
  }

  deleteFile(uri: string): void {
    this.onDisk.delete(uri);
  }
}
