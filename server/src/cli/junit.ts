import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckedFile } from './sarif';

/**
 * Text for an XML 1.0 attribute or element. Characters XML 1.0 forbids (C0 controls other than tab, line
 * feed and carriage return; U+FFFE and U+FFFF; unpaired surrogates) are written as a visible `\uXXXX`, so
 * one odd name cannot make a CI reader drop the whole report; line breaks in attributes are kept as such.
 */
const escape = (s: string) =>
  s
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

/** JUnit XML: one test suite per file, one test case per problem; errors fail, other severities are recorded as passing cases with output. */
export function toJunit(files: readonly CheckedFile[]): string {
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  for (const file of files) {
    const td = TextDocument.create(file.uri, 'json', 0, file.text);
    const cases: string[] = [];
    let fileFailures = 0;
    for (const p of [...file.problems].sort((a, b) => a.offset - b.offset)) {
      const pos = td.positionAt(p.offset);
      const where = `${file.path}:${pos.line + 1}:${pos.character + 1}`;
      const name = escape(`${p.code} at ${pos.line + 1}:${pos.character + 1}`);
      if (p.severity === 'error') {
        fileFailures++;
        cases.push(
          `    <testcase name="${name}" classname="${escape(file.path)}" file="${escape(file.path)}" line="${pos.line + 1}">\n      <failure type="${escape(p.code)}" message="${escape(p.message)}">${escape(`${where} ${p.message}`)}</failure>\n    </testcase>`,
        );
      } else {
        cases.push(
          `    <testcase name="${name}" classname="${escape(file.path)}" file="${escape(file.path)}" line="${pos.line + 1}">\n      <system-out>${escape(`${where} ${p.severity} ${p.message}`)}</system-out>\n    </testcase>`,
        );
      }
    }
    // A file without problems is one passing case, so a clean run still shows what was checked.
    if (cases.length === 0)
      cases.push(`    <testcase name="no problems" classname="${escape(file.path)}" file="${escape(file.path)}"/>`);
    total += cases.length;
    failures += fileFailures;
    suites.push(
      `  <testsuite name="${escape(file.path)}" tests="${cases.length}" failures="${fileFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ecs-lens check" tests="${total}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}
