import type { Surface } from '../types';
import type { Segment } from '../sourceMap';
import { memberAnchor, renderMember, valueAt } from './complete';
import { isJsonText } from './parse';
import { readTemplate } from './read';
import { yaml } from '../../service/libraries';
import { propertyName } from './resources';

/**
 * CloudFormation templates, YAML or JSON, hand-written or synthesized by the CDK (`cdk.out/*.template.json`)
 * or SAM: recognised by content, whatever the file is called, so that other YAML and JSON files are left alone.
 */
export const cloudFormationSurface: Surface = {
  id: 'cloudformation',
  extensions: ['.yaml', '.yml', '.json', '.template'],
  recognises: (uri, text) => isTemplateFile(uri) && isTemplateText(text),
  read: readTemplate,
  renderEdit,
  renderMember,
  memberAnchor,
  valueAt,
  memberName: propertyName,
};

function isTemplateFile(uri: string): boolean {
  return /\.(ya?ml|json|template)$/i.test(uri.replace(/[?#].*$/, ''));
}

/**
 * A template names its format version near the top, or declares ECS resource types (CDK output leaves the
 * version out). The scan is a plain substring search: it runs on every candidate file.
 */
export function isTemplateText(text: string): boolean {
  if (text.includes('AWSTemplateFormatVersion')) return true;
  return text.includes('Resources') && /["']?Type["']?\s*:\s*["']?AWS::ECS::/.test(text);
}

/**
 * A quick fix's new value or member name (JSON, as the rules write it) in the template's syntax: JSON as it
 * is; in YAML a plain scalar where the source had one and the value reads back the same, else the JSON text
 * on one line (JSON is YAML's flow syntax). A property name is written in CloudFormation's spelling.
 */
function renderEdit(newText: string, segment: Segment, sourceText: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(newText);
  } catch {
    return undefined;
  }
  const written = sourceText.slice(segment.sOffset, segment.sOffset + segment.sLength);
  const json = isJsonText(sourceText);
  if (segment.role === 'key') {
    if (typeof value !== 'string') return undefined;
    // A property name (PascalCase) takes CloudFormation's spelling; a free key (a docker label, a log option) stays as written.
    const name = /^["']?[A-Z]/.test(written) ? propertyName(value) : value;
    if (name === undefined) return undefined;
    if (json || written.startsWith('"')) return JSON.stringify(name);
    if (written.startsWith("'")) return plainReadsBack(name) ? name : JSON.stringify(name);
    return plainReadsBack(name) ? name : JSON.stringify(name);
  }
  if (json) return JSON.stringify(value);
  // A block scalar or a value over several lines: replacing it could break the indentation around it.
  if (/[\r\n]/.test(written) || written.startsWith('!')) return undefined;
  if (typeof value === 'string' && !/^["']/.test(written) && plainReadsBack(value)) return value;
  return JSON.stringify(value);
}

/** True when a string written without quotes reads back as that same string. */
function plainReadsBack(value: string): boolean {
  if (value === '' || /[\r\n]/.test(value) || /^[\s]|[\s]$/.test(value)) return false;
  try {
    return yaml().parse(value) === value && !/[:#{}[\],&*!|>'"%@`]/.test(value[0]);
  } catch {
    return false;
  }
}
