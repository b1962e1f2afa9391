import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EcsLensApi } from '../../../client/src/extension';
import type { SimulationResult } from '../../../server/src/protocol';
import {
  activateExtension,
  codeOf,
  ecsDiagnostics,
  hoverText,
  isActive,
  labelOf,
  nextEvent,
  openFile,
  positionOf,
  waitForCode,
  waitForDiagnostics,
  workspaceUri,
} from './helpers';

async function readJson(relative: string): Promise<unknown> {
  const bytes = await vscode.workspace.fs.readFile(workspaceUri(relative));
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

suite('ECS Lens in a real VS Code', function () {
  let api: EcsLensApi;

  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('ecsLens')
      .update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('gives a plain JSON file nothing, and an ECS file opened after it its diagnostics', async function () {
    // The first test pays for extension activation, server start and schema compilation.
    this.timeout(180_000);
    const plain = await openFile('package.json');
    api = await activateExtension();
    const ecs = await openFile('unknown-member.task-def.json');
    await waitForCode(ecs.uri, 'schema.unknown-member', 120_000);
    assert.ok(isActive(), 'the extension is active once an ECS file is open');
    assert.deepEqual(ecsDiagnostics(plain.uri), [], 'no ecs-lens diagnostics on a plain package.json');
  });

  test('reports an unknown member on its key with code schema.unknown-member', async () => {
    const document = await openFile('unknown-member.task-def.json');
    const diagnostics = await waitForCode(document.uri, 'schema.unknown-member');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'schema.unknown-member')!;
    assert.equal(
      document.getText(diagnostic.range).replace(/"/g, ''),
      'portMapping',
      'the diagnostic points at the offending key',
    );
    assert.match(diagnostic.message, /portMapping/);
  });

  test("in a json document, syntax errors come from VS Code's JSON support alone", async () => {
    const document = await openFile('comma-and-typo.task-def.json');
    assert.equal(document.languageId, 'json');
    // Both arrive: VS Code's trailing-comma error and ECS Lens's unknown member.
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (ds) => ds.some((d) => d.source === 'json') && ds.some((d) => codeOf(d) === 'schema.unknown-member'),
      "VS Code's and ECS Lens's diagnostics",
      undefined,
      'all',
    );
    assert.ok(
      !diagnostics.some((d) => d.source === 'ecs-lens' && String(codeOf(d)).startsWith('json.')),
      'no second underline from ECS Lens',
    );
  });

  test('in a jsonc document, a trailing comma is json.trailing-comma (ECS takes strict JSON)', async () => {
    const opened = await openFile('trailing-comma.task-def.json');
    const document = await vscode.languages.setTextDocumentLanguage(opened, 'jsonc');
    const diagnostics = await waitForCode(document.uri, 'json.trailing-comma');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'json.trailing-comma')!;
    assert.equal(document.getText(diagnostic.range), ',');
  });

  test('reports broken JSON as json.syntax in a jsonc document', async () => {
    const document = await vscode.languages.setTextDocumentLanguage(
      await openFile('missing-comma.task-def.json'),
      'jsonc',
    );
    const diagnostics = await waitForCode(document.uri, 'json.syntax');
    assert.ok(diagnostics.every((d) => d.severity === vscode.DiagnosticSeverity.Error || codeOf(d) !== 'json.syntax'));
  });

  test('offers portMappings inside a container definition', async () => {
    const document = await openFile('completion.task-def.json');
    // The blank line that opens the container definition object.
    const position = new vscode.Position(4, 6);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      position,
    );
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('portMappings'), `portMappings offered; got ${labels.slice(0, 40).join(', ')}`);
  });

  test('shows a hover on a task definition key', async () => {
    const document = await openFile('api.task-def.json');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, '"memory"', 2),
    );
    const texts = hovers.map(hoverText).filter((t) => t.length > 0);
    assert.ok(texts.length > 0, 'a hover with non-empty contents');
  });

  test('go to definition leads from a service to its task definition', async () => {
    const service = await openFile('api.service-def.json');
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      service.uri,
      positionOf(service, '"taskDefinition": "api"', '"taskDefinition": "'.length + 1),
    );
    const uris = locations.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
    assert.ok(
      uris.some((p) => p.endsWith('/api.task-def.json')),
      `definition in api.task-def.json; got ${uris.join(', ')}`,
    );
  });

  test('the outline of a task definition is one tree: VS Code’s JSON outline, containers under containerDefinitions', async () => {
    const document = await openFile('api.task-def.json');
    // VS Code's JSON support registers its outline once its own server runs: ask until its tree is there.
    const outline = () =>
      vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
    let symbols = (await outline()) ?? [];
    for (const until = Date.now() + 60_000; !symbols.some((s) => s.name === 'containerDefinitions');) {
      assert.ok(Date.now() < until, `no JSON outline within a minute; got ${symbols.map((s) => s.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      symbols = (await outline()) ?? [];
    }
    const task = JSON.parse(document.getText()) as Record<string, unknown> & {
      containerDefinitions: Array<{ name: string }>;
    };
    // Every provider's top-level symbols come back together: a second tree would add the container names.
    assert.deepEqual(
      symbols.map((s) => s.name).sort(),
      Object.keys(task).sort(),
      'top-level symbols are the file’s own keys, once',
    );
    const containers = symbols.find((s) => s.name === 'containerDefinitions')!;
    assert.equal(containers.children.length, task.containerDefinitions.length);
    for (const [i, c] of task.containerDefinitions.entries()) {
      const name = containers.children[i].children.find((s) => s.name === 'name');
      assert.equal(name?.detail, c.name, `container ${c.name} under containerDefinitions`);
    }
  });

  test('quick fix renames portMapping to portMappings', async () => {
    const document = await openFile('unknown-member.task-def.json');
    const diagnostics = await waitForCode(document.uri, 'schema.unknown-member');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'schema.unknown-member')!;
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix =
      actions.find(
        (a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && /portMappings/.test(a.title),
      ) ?? actions.find((a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined);
    assert.ok(fix, `a quick fix with an edit; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    assert.match(document.getText(), /"portMappings"\s*:/);
    assert.doesNotMatch(document.getText(), /"portMapping"\s*:/);
    await waitForDiagnostics(
      document.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'schema.unknown-member'),
      'the unknown-member diagnostic to go',
    );
  });

  test('in a Terraform file: the mistake on its HCL key, the fix in HCL, completion of an argument and a jsonencode member', async () => {
    const document = await openFile('infra/ecs.tf');
    const diagnostics = await waitForCode(document.uri, 'schema.unknown-member');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'schema.unknown-member')!;
    assert.equal(document.getText(diagnostic.range), 'helthCheck', 'the diagnostic points at the HCL key');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(
      (a): a is vscode.CodeAction => 'edit' in a && a.edit !== undefined && a.title === 'Rename to "healthCheck"',
    );
    assert.ok(fix, `the rename fix; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    assert.match(document.getText(), /\n\s+healthCheck = \{/);
    await waitForDiagnostics(
      document.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'schema.unknown-member'),
      'the unknown-member diagnostic to go',
    );
    // Half-typed names: a container member inside jsonencode, an argument of the task definition.
    const typing = new vscode.WorkspaceEdit();
    typing.insert(
      document.uri,
      positionOf(document, '      essential = true\n', '      essential = true\n'.length),
      '      stopTim\n',
    );
    typing.insert(document.uri, positionOf(document, '  cpu                      = 512\n', 0), '  ipc\n');
    assert.ok(await vscode.workspace.applyEdit(typing));
    const itemsAt = async (needle: string) =>
      (
        await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          positionOf(document, needle, needle.length),
        )
      ).items;
    const member = (await itemsAt('stopTim')).find((i) => labelOf(i) === 'stopTimeout');
    assert.ok(member, 'stopTimeout offered inside jsonencode');
    const memberText = member.insertText instanceof vscode.SnippetString ? member.insertText.value : member.insertText;
    assert.match(String(memberText), /^stopTimeout = /);
    const argument = (await itemsAt('  ipc')).find((i) => labelOf(i) === 'ipc_mode');
    assert.ok(argument, 'ipc_mode offered among the arguments');
  });

  test('in a CloudFormation template: the mistake on its YAML key, the fix in YAML, completion of a property by its CloudFormation name', async () => {
    const document = await openFile('cloudformation/stack.yaml');
    const diagnostics = await waitForCode(document.uri, 'logging.awslogs-unknown-option');
    const diagnostic = diagnostics.find((d) => codeOf(d) === 'logging.awslogs-unknown-option')!;
    assert.equal(document.getText(diagnostic.range), 'awslogs-create-grop', 'the diagnostic points at the YAML key');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find(
      (a): a is vscode.CodeAction =>
        'edit' in a && a.edit !== undefined && a.title === 'Rename to "awslogs-create-group"',
    );
    assert.ok(fix, `the rename fix; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!), 'the edit applies');
    assert.match(document.getText(), /\n {14}awslogs-create-group: 'true'\n/, 'a plain YAML key, as written');
    await waitForDiagnostics(
      document.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'logging.awslogs-unknown-option'),
      'the unknown-option diagnostic to go',
    );
    // A half-typed property of the worker container, completed in PascalCase as YAML.
    const typing = new vscode.WorkspaceEdit();
    typing.insert(
      document.uri,
      positionOf(document, '          MemoryReservation: 512\n', '          MemoryReservation: 512\n'.length),
      '          StopTi\n',
    );
    assert.ok(await vscode.workspace.applyEdit(typing));
    const items = (
      await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        positionOf(document, 'StopTi', 'StopTi'.length),
      )
    ).items;
    const stop = items.find((i) => labelOf(i) === 'StopTimeout');
    assert.ok(stop, `StopTimeout offered; got ${items.slice(0, 10).map(labelOf).join(', ')}`);
    const text = stop.insertText instanceof vscode.SnippetString ? stop.insertText.value : stop.insertText;
    assert.match(String(text), /^StopTimeout: /);
  });

  test('Preview Task Placement opens the panel, and a simulation round trip places the tasks', async function () {
    this.timeout(120_000);
    await openFile('api.task-def.json');
    const rendered = nextEvent(api.placement.onDidSimulate, 'the placement panel to render a simulation', 90_000);
    await vscode.commands.executeCommand('ecsLens.previewPlacement');
    const shown: SimulationResult = await rendered;
    assert.ok(api.placement.visible, 'the panel is visible');
    assert.ok(shown.placements.length > 0, `the panel's simulation placed tasks; errors: ${shown.errors.join('; ')}`);
    assert.equal(api.placement.lastResult, shown);

    const cluster = (await readJson('dev.cluster.json')) as {
      containerInstances: Array<{ ec2InstanceId: string; containerInstanceArn: string }>;
    };
    // The server pairs the service with its task definition and reads the files itself.
    const response = await api.simulate({
      uri: workspaceUri('api.service-def.json').toString(),
      cluster: { uri: workspaceUri('dev.cluster.json').toString() },
    });
    assert.equal(response.error, undefined);
    assert.equal(response.sources.taskDefinition, workspaceUri('api.task-def.json').toString());
    const result = response.result!;
    assert.deepEqual(result.errors, []);
    assert.equal(result.placements.length, 4, 'desiredCount tasks placed');
    assert.deepEqual(result.unplaced, []);
    const known = new Set(
      cluster.containerInstances.flatMap((i) => [
        i.ec2InstanceId,
        i.containerInstanceArn,
        i.containerInstanceArn.split('/').pop()!,
      ]),
    );
    for (const p of result.placements) assert.ok(known.has(p.instance), `${p.instance} is an instance of the cluster`);
    const zones = new Set(
      result.placements.map((p) => result.instances.find((i) => i.instance === p.instance)?.availabilityZone),
    );
    assert.equal(zones.size, 3, 'spread over the three availability zones');
  });

  test("a diagnostic's code links to its rule, and the link opens the rendered rule reference at that rule", async function () {
    this.timeout(60_000);
    // A file no other test edits (the quick-fix test renames the member in unknown-member.task-def.json).
    const document = await openFile('comma-and-typo.task-def.json');
    const diagnostic = (await waitForCode(document.uri, 'schema.unknown-member')).find(
      (d) => codeOf(d) === 'schema.unknown-member',
    )!;
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, vscode.env.uriScheme, 'a link the editor hands back to the extension');
    assert.equal(code.target.authority, 'ecs-lens.ecs-lens');
    assert.equal(code.target.query, 'schema.unknown-member');
    const isReference = (tab: vscode.Tab) =>
      tab.input instanceof vscode.TabInputCustom &&
      tab.input.viewType === 'vscode.markdown.preview.editor' &&
      tab.input.uri.path.endsWith('/docs/rules.md');
    const opened = new Promise<void>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (vscode.window.tabGroups.all.some((g) => g.tabs.some(isReference))) {
          sub.dispose();
          resolve();
        }
      });
    });
    // What a click on the code in the Problems panel or the hover does: hand the link to the editor's opener.
    await vscode.commands.executeCommand('vscode.open', code.target);
    await Promise.race([
      opened,
      new Promise((_, reject) => setTimeout(() => reject(new Error('the rule reference did not open')), 30_000)),
    ]);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isReference)!;
    assert.ok(tab.isActive, 'the rule reference is the active tab');
    await vscode.window.tabGroups.close(tab);
  });

  test('turning ecsLens.validate.enable off clears the diagnostics, and on brings them back', async () => {
    const document = await openFile('validate-toggle.task-def.json');
    await waitForCode(document.uri, 'schema.unknown-member');
    const config = () => vscode.workspace.getConfiguration('ecsLens', document.uri);
    await config().update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'no ecs-lens diagnostics with validation off');
    await config().update('validate.enable', true, vscode.ConfigurationTarget.Workspace);
    await waitForCode(document.uri, 'schema.unknown-member');
  });
});
