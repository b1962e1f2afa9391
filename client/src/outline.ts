/**
 * One outline per document: VS Code draws every document-symbol provider's tree side by side (Outline
 * view, breadcrumbs), so ECS Lens leaves the outline to an extension that already outlines the
 * language: VS Code's own JSON support for JSON (every key, which the breadcrumbs follow), HashiCorp's
 * for Terraform, Red Hat's for YAML. Where none is installed (Neovim, a `.tf` file without an HCL
 * extension) the server's outline (containers, ports, variables, ECS resources) is the one shown.
 */
const outliningExtensions: Readonly<Record<string, readonly string[]>> = {
  json: ['vscode.json-language-features'],
  jsonc: ['vscode.json-language-features'],
  terraform: ['hashicorp.terraform'],
  yaml: ['redhat.vscode-yaml'],
  cloudformation: ['redhat.vscode-yaml'],
};

/** Whether an installed extension already gives documents of this language an outline. */
export function outlinedElsewhere(languageId: string, installed: (extensionId: string) => boolean): boolean {
  return (outliningExtensions[languageId] ?? []).some(installed);
}
