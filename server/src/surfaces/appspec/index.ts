import { appspecFileName } from '../../ecs/codedeployAppspec';
import { parseTemplate, type TNode } from '../cloudformation/parse';
import type { Steps } from '../../shared/steps';
import type { Surface, SurfaceReading } from '../types';
import { VirtualJsonWriter } from '../virtualJson';

/**
 * CodeDeploy AppSpec files for Amazon ECS (appspec.yaml, appspec.yml, appspec.json): one document of kind
 * `appspec`, the file as JSON with a map back to it, so that the rules that compare it with the task
 * definition it deploys report at its own values. An appspec for EC2 or Lambda names no ECS service and is left alone.
 */
export const appspecSurface: Surface = {
  id: 'appspec',
  extensions: ['.yaml', '.yml', '.json'],
  recognises: (uri, text) =>
    appspecFileName.test(decodeURIComponent(uri.replace(/[?#].*$/, ''))) && text.includes('AWS::ECS::Service'),
  read: appspecSteps,
  // Quick fixes are not offered in an appspec: which of the two files is wrong is the user's call.
  renderEdit: () => undefined,
};

/** An appspec is a few lines: read in one step. */
// eslint-disable-next-line require-yield
function* appspecSteps(uri: string, text: string): Steps<SurfaceReading> {
  return readAppspec(uri, text);
}

export function readAppspec(uri: string, text: string): SurfaceReading {
  const parsed = parseTemplate(text);
  // A file that does not parse is not judged: its syntax belongs to YAML and CodeDeploy, not to ECS Lens.
  if (!parsed.root || parsed.root.type !== 'map') return { documents: [], problems: [] };
  const writer = new VirtualJsonWriter();
  write(writer, parsed.root, parsed.syntax === 'json', 0);
  const whole = { offset: 0, length: text.length };
  return {
    documents: [
      {
        kind: 'appspec',
        text: writer.text(),
        origin: {
          surface: 'appspec',
          uri,
          address: 'appspec',
          range: whole,
          nameRange: { offset: 0, length: 0 },
          map: writer.map,
          resourceType: 'AppSpec',
        },
      },
    ],
    problems: [],
  };
}

/** Bounded like the template reader: a hostile file nests no deeper than this. */
const maxDepth = 64;

function write(w: VirtualJsonWriter, node: TNode, json: boolean, depth: number): void {
  if (depth > maxDepth || node.tag) {
    w.unknown(node.tag ? `!${node.tag}` : 'nested too deep', node.span);
    return;
  }
  if (node.type === 'map') {
    w.beginObject(node.span);
    for (const e of node.entries) {
      w.key(e.key, e.keySpan, json ? 'quoted' : false);
      write(w, e.value, json, depth + 1);
    }
    w.endObject();
  } else if (node.type === 'seq') {
    w.beginArray(node.span);
    for (const item of node.items) write(w, item, json, depth + 1);
    w.endArray();
  } else w.value(node.value, node.span, { exact: json });
}
