import { schemas, type JsonSchema } from '../schema';

/** Members whose keys are the user's own (labels, driver options): never re-cased. */
export const freeFormMaps: ReadonlySet<string> = new Set(['dockerLabels', 'options', 'driverOpts', 'labels']);

let names: Map<string, string> | undefined;

/** The API's spelling of a member name matched case-insensitively, from the task-definition and service schemas. */
export function canonicalMemberName(name: string): string | undefined {
  if (!names) {
    names = new Map();
    const add = (schema: JsonSchema | undefined) => {
      for (const [key, child] of Object.entries(schema?.properties ?? {})) {
        if (!names!.has(key.toLowerCase())) names!.set(key.toLowerCase(), key);
        add(child);
      }
      if (schema?.items) add(schema.items);
      for (const s of schema?.anyOf ?? []) add(s);
    };
    for (const root of [schemas.taskDefinition, schemas.service]) {
      add(root);
      for (const def of Object.values(root.definitions ?? {})) add(def);
    }
  }
  return names.get(name.toLowerCase());
}
