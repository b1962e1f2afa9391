// ECS Lens as a user meets it: the packaged .vsix installed in a real VS Code server, examples/ open,
// driven through Debian's Chromium with the keyboard and the mouse only. No test hooks.
// Screenshots (light and dark theme) go to test-results/screenshots/.
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  chromiumArgs,
  chromiumPath,
  ensureAll,
  installVsix,
  quietSettings,
  startServer,
  workbenchUrl,
  writeUserSettings,
} from '../../../scripts/vscode-server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vsix = resolve(process.env.ECS_LENS_VSIX ?? join(root, 'ecs-lens.vsix'));
const screenshots = join(root, 'test-results', 'screenshots');
const UI_TIMEOUT = 60_000;
const started = Date.now();

/** Every file under `dir`, relative to it, with forward slashes. */
function listFiles(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path).split('\\').join('/')];
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The example files this suite works with, found by name and content so the examples may move. */
function findExamples(workspace) {
  const files = listFiles(workspace).filter((f) => f.endsWith('.json'));
  const taskDefinitions = files.filter(
    (f) => /task-?def/i.test(basename(f)) && Array.isArray(readJson(join(workspace, f))?.containerDefinitions),
  );
  const compatibilities = (f) => readJson(join(workspace, f))?.requiresCompatibilities ?? [];
  const fargate = taskDefinitions.find((f) => compatibilities(f).includes('FARGATE')) ?? taskDefinitions[0];
  const ec2 =
    taskDefinitions.find((f) => readJson(join(workspace, f))?.networkMode === 'bridge') ??
    taskDefinitions.find((f) => compatibilities(f).includes('EC2'));
  const cluster = files.find((f) => f.endsWith('.cluster.json'));
  return { fargate, ec2, cluster };
}

/** Availability zones named in a cluster file (compact form or describe-container-instances output). */
function zonesOf(clusterPath) {
  const zones = new Set();
  JSON.stringify(readJson(clusterPath) ?? {}).replace(/"([a-z]{2}(?:-gov)?-[a-z]+-\d[a-z])"/g, (_, zone) =>
    zones.add(zone),
  );
  return [...zones];
}

describe('ECS Lens as a user sees it', { timeout: 15 * 60_000 }, () => {
  let workspace;
  let dataDir;
  let server;
  let browser;
  let page;
  let examples;
  const typo = 'typo.task-def.json';

  before(async () => {
    assert.ok(existsSync(vsix), `${vsix} exists (npm run package)`);
    await ensureAll();
    mkdirSync(screenshots, { recursive: true });
    const tmp = mkdtempSync(join(tmpdir(), 'ecs-lens-user-'));
    workspace = join(tmp, 'examples');
    dataDir = join(tmp, 'vscode');
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    // A file with a mistake, in the copy only: the committed examples stay correct.
    cpSync(join(root, 'test', 'e2e', 'workspace', 'unknown-member.task-def.json'), join(workspace, typo));
    examples = findExamples(workspace);
    writeUserSettings(dataDir, { ...quietSettings, 'workbench.colorTheme': 'Default Light Modern' });
    const extensionsDir = join(dataDir, 'extensions');
    installVsix(vsix, { extensionsDir, dataDir });
    server = await startServer({ dataDir, extensionsDir, quiet: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench.vs').waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: typo }).waitFor();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (server) {
      writeFileSync(join(root, 'test-results', 'vscode-server-user.log'), server.output());
      await server.stop();
      const logs = join(dataDir, 'user', 'logs');
      if (existsSync(logs)) cpSync(logs, join(root, 'test-results', 'vscode-user-logs'), { recursive: true });
    }
    if (workspace) rmSync(dirname(workspace), { recursive: true, force: true });
    console.log(`user suite ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  async function shot(name) {
    const path = join(screenshots, `${name}.png`);
    await page.screenshot({ path });
    return path;
  }

  /** Runs `body`, keeping a screenshot of the workbench when it fails. */
  async function step(name, body) {
    try {
      await body();
    } catch (error) {
      await shot(`failed-${name}`).catch(() => {});
      throw error;
    }
  }

  async function runCommand(title) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  async function quickOpen(path) {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(path);
    // Enter opens the focused row: wait until filtering has put the file there.
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: basename(path) })
      .first()
      .waitFor();
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    // With two editor groups the file may be the active tab of both.
    await page
      .locator('.tabs-container .tab.active', { hasText: basename(path) })
      .first()
      .waitFor();
  }

  async function showProblems(expected) {
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: expected }).first();
    await row.waitFor();
    return row;
  }

  function editorText() {
    return page
      .locator('.editor-group-container.active .monaco-editor .view-lines')
      .first()
      .innerText()
      .then((t) => t.replace(/\u00a0/g, ' '));
  }

  /** The active editor's visible text once it matches `pattern`, or as it is after the UI timeout. */
  async function editorTextMatching(pattern) {
    let text = await editorText();
    for (const end = Date.now() + UI_TIMEOUT; !pattern.test(text) && Date.now() < end; text = await editorText()) {
      await page.waitForTimeout(250);
    }
    return text;
  }

  function placementFrame() {
    // A webview is an iframe holding the extension's document in an inner iframe.
    return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  async function previewPlacement(theme) {
    assert.ok(examples.ec2, 'an EC2 task definition among the examples');
    await quickOpen(examples.ec2);
    await runCommand('ECS Lens: Preview Task Placement');
    const zones = examples.cluster ? zonesOf(join(workspace, examples.cluster)) : [];
    const frame = placementFrame();
    const placementTab = frame.getByRole('tab', { name: 'Placement' });
    // Just after a window reload the panel VS Code restores may not be shown by the first command: the
    // command is given once more, as a user would, and the suite says so.
    if (
      !(await placementTab.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      ))
    ) {
      console.log(`${theme}: no placement panel 20 s after Preview Task Placement; running the command again`);
      await shot(`${theme}-no-panel`);
      await quickOpen(examples.ec2);
      await runCommand('ECS Lens: Preview Task Placement');
    }
    // The panel comes back on the tab it showed last (after a reload too): the placement is on the first.
    await placementTab.click();
    const zone = frame.getByText(zones[0] ?? /instance/i).first();
    await zone.waitFor();
    const text = await frame.locator('body').innerText();
    // Room for the panel: no bottom panel, and the instances in view.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    await zone.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(`${theme}-placement`);
    return { text, zones };
  }

  /** The panel's Deployment and Scaling tabs, reached with the mouse, the chart read with the keyboard. */
  async function overTime(theme) {
    // Room for the panel: no bottom panel.
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    const frame = placementFrame();
    await frame.getByRole('tab', { name: 'Deployment' }).click();
    const deployment = frame.locator('#panel-deployment .outcome');
    await deployment.waitFor();
    await frame.locator('#panel-deployment .chart-box').first().focus();
    await page.keyboard.press('End');
    await shot(`${theme}-deployment`);
    await frame.getByRole('tab', { name: 'Scaling' }).click();
    const scaling = frame.locator('#panel-scaling .outcome');
    await scaling.waitFor();
    const tasks = frame.locator('#panel-scaling .chart-box').nth(2);
    await tasks.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    const readout = await frame.locator('#panel-scaling .readout').nth(2).innerText();
    await shot(`${theme}-scaling`);
    const result = { deployment: await deployment.innerText(), scaling: await scaling.innerText(), readout };
    await frame.getByRole('tab', { name: 'Placement' }).click();
    // Back to the first editor group, so the next file opens there and not beside the panel.
    await page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines').first().click();
    return result;
  }

  /**
   * The placement form as a user works it, on the EC2 example (a service with strategies and a
   * constraint): each change re-simulates, and a screenshot is taken after each in `theme`.
   */
  async function formTour(theme) {
    const frame = placementFrame();
    const summary = frame.locator('.summary');
    const snap = async (name) => {
      await frame.locator('form').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(`${theme}-panel-${name}`);
    };

    // The count, typed with a pause between the digits: a result arriving meanwhile takes no character back.
    const desired = frame.locator('#desired');
    await desired.click();
    await desired.pressSequentially('12', { delay: 900 });
    assert.equal(await desired.inputValue(), '12');
    await summary.filter({ hasText: /of 12 tasks/ }).waitFor();
    await snap('count');

    // A strategy's type changed: its field becomes one the type takes, with suggestions.
    const strategy = frame.locator('#strategies .rule').first();
    await strategy.locator('select').selectOption('binpack');
    assert.match(await strategy.locator('input').inputValue(), /^(memory|cpu)$/);
    await strategy.locator('select').selectOption('spread');
    assert.equal(await strategy.locator('input').inputValue(), 'attribute:ecs.availability-zone');
    const suggestions = await frame
      .locator('datalist#fields-spread option')
      .evaluateAll((os) => os.map((o) => o.value));
    assert.ok(
      suggestions.includes('instanceId') && suggestions.includes('attribute:workload'),
      `spread suggestions with the cluster's attributes: ${suggestions.join(', ')}`,
    );
    await snap('strategy');

    // A misspelt attribute in a memberOf expression: the editor's message and did-you-mean, and a button that applies it.
    const constraint = frame.locator('#constraints .rule').first();
    const expression = constraint.locator('input');
    await expression.fill('attribute:ecs.instanse-type == m5.large');
    const problem = constraint.locator('.problem', { hasText: "Did you mean 'ecs.instance-type'?" });
    await problem.waitFor();
    await snap('expression');
    await constraint.getByRole('button', { name: 'Change to ecs.instance-type' }).click();
    assert.equal(
      await frame.locator('#constraints .rule input').first().inputValue(),
      'attribute:ecs.instance-type == m5.large',
    );
    await frame.locator('#constraints .rule .problem').first().waitFor({ state: 'detached' });

    // Constraints that leave no instance: said first, with the instances each excluded.
    await frame.locator('#constraints .rule input').first().fill('attribute:workload == gpu');
    const excluded = frame.locator('#excluded-by-constraints');
    // The banner of an earlier result may still show while this one is simulated: wait for the expression typed.
    await excluded.filter({ hasText: 'attribute:workload == gpu' }).waitFor();
    assert.match(
      await excluded.innerText(),
      /exclude every instance[\s\S]*6 instances excluded by memberOf\(attribute:workload == gpu\)/,
    );
    assert.doesNotMatch(await frame.locator('body').innerText(), /would not fit even on an empty/);
    await snap('excluded');

    // The files' values back in the form: count, strategies and constraints.
    await frame.getByRole('button', { name: "Use the files' values" }).click();
    await summary.filter({ hasText: /of 6 tasks/ }).waitFor();
    assert.equal(await desired.inputValue(), '');
    assert.match(await desired.getAttribute('placeholder'), /^6 /);
    assert.deepEqual(await frame.locator('#strategies .rule input').evaluateAll((is) => is.map((i) => i.value)), [
      'attribute:ecs.availability-zone',
      'memory',
    ]);
    assert.deepEqual(await frame.locator('#constraints .rule input').evaluateAll((is) => is.map((i) => i.value)), [
      'attribute:ecs.availability-zone != us-east-1d',
    ]);
    await snap('files');

    // Names of cluster files, not URIs; task chips in the colour the legend gives simulated tasks.
    const clusterNames = await frame.locator('#cluster option').allInnerTexts();
    assert.ok(
      clusterNames.every((n) => !n.includes('file:')),
      clusterNames.join(', '),
    );
    const chip = await frame
      .locator('.task:not(.unplaced)')
      .first()
      .evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor);
    const legend = await frame
      .locator('.legend i.simulated')
      .evaluate((el) => el.ownerDocument.defaultView.getComputedStyle(el).backgroundColor);
    assert.equal(chip, legend, 'task chips use the legend colour of simulated tasks');
  }

  /** The webview's own width (what its CSS media queries see). */
  function panelWidth() {
    return placementFrame()
      .locator('body')
      .evaluate(() => window.innerWidth);
  }

  /** The panel's width once it has changed from `previous` and stopped changing (or `previous` after 10 s). */
  async function settledPanelWidth(previous) {
    let last = await panelWidth();
    for (const end = Date.now() + 10_000; Date.now() < end;) {
      await page.waitForTimeout(100);
      const now = await panelWidth();
      if (now !== previous && now === last) return now;
      last = now;
    }
    return last;
  }

  /**
   * Makes the placement panel `target` px wide by resizing the browser window: the editor groups share
   * a change of width, so each step scales the remaining difference by the share the panel took last.
   */
  async function setPanelWidth(target) {
    let width = await panelWidth();
    let share = 0.5;
    for (let i = 0; i < 8 && Math.abs(width - target) > 1; i++) {
      const viewport = page.viewportSize();
      const change = Math.round((target - width) / share);
      await page.setViewportSize({ width: viewport.width + change, height: viewport.height });
      const now = await settledPanelWidth(width);
      if (change !== 0 && now !== width) share = Math.min(1, Math.max(0.1, (now - width) / change));
      width = now;
    }
    assert.ok(Math.abs(width - target) <= 1, `the panel is ${width} px wide, not ${target}`);
  }

  /**
   * Whatever in `root` does not fit: a control or text past the container's edges, a form label not
   * beside its field, a word split from the field it belongs to, a placeholder cut short.
   * Runs in the webview.
   */
  function layoutProblems(root) {
    const problems = [];
    const getComputedStyle = (el) => root.ownerDocument.defaultView.getComputedStyle(el);
    const name = (el) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent || el.placeholder || el.value || '').trim().slice(0, 30)}"`;
    const shown = (el) => el.getClientRects().length > 0;
    const view = root.ownerDocument.documentElement.clientWidth;
    const box = root.getBoundingClientRect();
    const left = box.left - 0.5;
    const right = Math.min(box.right, view) + 0.5;
    for (const el of root.querySelectorAll('*')) {
      if (!shown(el) || ['OPTION', 'DATALIST'].includes(el.tagName)) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.left < left || r.right > right))
        problems.push(
          `${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px, the panel ${Math.round(box.left)}–${Math.round(right)}`,
        );
    }
    // A form label beside its field: the grid cell after it, on the same row, to its right.
    if (root.tagName === 'FORM' && getComputedStyle(root).gridTemplateColumns.split(' ').length === 2) {
      for (const label of root.querySelectorAll(':scope > label')) {
        if (!shown(label)) continue;
        const field = label.nextElementSibling;
        const l = label.getBoundingClientRect();
        const f = field?.getBoundingClientRect();
        if (!f || !shown(field) || Math.abs(l.top - f.top) > 8 || l.right > f.left + 0.5)
          problems.push(`label ${name(label)} is not beside its field ${field ? name(field) : '(none)'}`);
      }
    }
    // A word in a row ("target", "to", "%") on the line of a neighbouring control.
    for (const node of [...root.querySelectorAll('.row, .field')].flatMap((el) => [...el.childNodes])) {
      if (node.nodeType !== 3 || node.textContent.trim() === '') continue;
      const range = root.ownerDocument.createRange();
      range.selectNodeContents(node);
      const t = range.getBoundingClientRect();
      const beside = [node.previousSibling, node.nextSibling].filter((n) => n?.nodeType === 1 && shown(n));
      const sameLine = beside.some((n) => {
        const r = n.getBoundingClientRect();
        return t.top < r.bottom && r.top < t.bottom;
      });
      if (t.width > 0 && beside.length > 0 && !sameLine)
        problems.push(`"${node.textContent.trim()}" is on a line of its own`);
    }
    // Placeholders whole: the text's width within the input's content box (number inputs keep room for their buttons).
    const ctx = root.ownerDocument.createElement('canvas').getContext('2d');
    for (const input of root.querySelectorAll('input[placeholder]')) {
      if (!shown(input) || input.value !== '' || input.placeholder === '') continue;
      const cs = getComputedStyle(input);
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const need = ctx.measureText(input.placeholder).width;
      const room =
        input.clientWidth -
        parseFloat(cs.paddingLeft) -
        parseFloat(cs.paddingRight) -
        (input.type === 'number' ? 16 : 0);
      if (need > room + 0.5)
        problems.push(
          `placeholder "${input.placeholder}" needs ${Math.ceil(need)} px, ${name(input)} has ${Math.floor(room)}`,
        );
    }
    return problems;
  }

  /**
   * The placement form and the Deployment tab's fields at 420, 545 and 800 px: nothing cut off or past
   * the panel's edge, labels beside their fields, placeholders whole. A screenshot of the panel at each.
   */
  async function formWidths(theme) {
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    const frame = placementFrame();
    const viewport = page.viewportSize();
    const panel = page.locator('iframe.webview.ready').last();
    const problems = [];
    try {
      for (const width of [420, 545, 800]) {
        await setPanelWidth(width);
        await frame.getByRole('tab', { name: 'Deployment' }).click();
        const toolbar = frame.locator('#panel-deployment .toolbar');
        await toolbar.locator('#deploy-maxInstances').waitFor();
        const toolbarProblems = await toolbar.evaluate(layoutProblems);
        await frame.getByRole('tab', { name: 'Placement' }).click();
        const form = frame.locator('form');
        await form.locator('#strategies .rule').first().waitFor();
        // From the top: the header stays over the page, and the form starts under the tabs.
        await form.evaluate((el) => el.ownerDocument.scrollingElement.scrollTo(0, 0));
        await panel.screenshot({ path: join(screenshots, `${theme}-form-${width}.png`) });
        const formProblems = await form.evaluate(layoutProblems);
        problems.push(...[...formProblems, ...toolbarProblems].map((p) => `${width} px: ${p}`));
      }
    } finally {
      await page.setViewportSize(viewport);
    }
    assert.deepEqual(problems, [], 'the form and the Deployment fields at 420, 545 and 800 px');
  }

  /** A Fargate service's preview says what Fargate does with its tasks, and its form asks only what applies. */
  async function fargatePreview(theme) {
    await quickOpen(examples.fargate);
    await runCommand('ECS Lens: Preview Task Placement');
    const frame = placementFrame();
    const summary = frame.locator('.summary', { hasText: /AWS Fargate/ });
    await summary.waitFor();
    const text = await frame.locator('body').innerText();
    assert.doesNotMatch(text, /0 of 0 tasks/);
    assert.match(await summary.innerText(), /^\d+ tasks? on AWS Fargate/);
    // Fargate places no task on the cluster's instances: nothing of EC2 placement in the form.
    // The form is updated from the same result as the summary.
    const form = frame.locator('form');
    for (const field of ['#cluster', '#quick-type', '#strategies', '#constraints', '#cp-type', '#cp-target'])
      assert.equal(await form.locator(field).isVisible(), false, `${field} is hidden for a Fargate service`);
    const labels = await form
      .locator(':scope > label')
      .evaluateAll((ls) => ls.filter((l) => l.getClientRects().length > 0).map((l) => l.textContent));
    assert.deepEqual(labels, ['Desired count', 'Seed']);
    assert.equal(await form.locator('#fargate-note').isVisible(), true, 'the form says why');
    assert.equal(await frame.locator('#desired').isVisible(), true);
    await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(`${theme}-panel-fargate`);
  }

  /**
   * The first hour's rough edges, as a user meets them in the panel: a task definition with errors names
   * them above its result; new tasks failing their health checks for hours read as a summary; the Fargate
   * web service's Scaling tab does not run the worker's auto scaling.
   */
  async function firstHour(theme) {
    if (await page.locator('.part.panel').isVisible()) await page.keyboard.press('Control+J');
    // The copied file with a mistake: the preview names the error ECS would reject it for, linked.
    await quickOpen(typo);
    await runCommand('ECS Lens: Preview Task Placement');
    let frame = placementFrame();
    await frame.getByRole('tab', { name: 'Placement' }).click();
    const errors = frame.locator('#input-errors');
    await errors.waitFor();
    const errorsText = await errors.innerText();
    assert.match(errorsText, /typo\.task-def\.json has an error ECS would reject it for, on line \d+:/);
    assert.match(errorsText, /schema\.unknown-member/);
    await shot(`${theme}-panel-input-errors`);

    // The EC2 worker whose new tasks fail their health checks: hours of failures, summarised.
    await previewPlacement(theme);
    frame = placementFrame();
    await frame.getByRole('tab', { name: 'Deployment' }).click();
    const failing = frame.locator('#deploy-fail');
    if (!(await failing.isChecked())) await failing.check();
    // The outcome of the run with failing health checks, not the one shown before the box was checked.
    const outcome = frame.locator('#panel-deployment .outcome', { hasText: /^Stalls at/ });
    await outcome.waitFor();
    const outcomeText = await outcome.innerText();
    assert.match(outcomeText, /no circuit breaker/);
    // One time format with the CLI: past an hour the seconds stay (5:59:50, not 5:59).
    assert.match(outcomeText, /^Stalls at \d+:\d\d:\d\d/);
    const summarised = await frame.locator('#panel-deployment .summarised').innerText();
    assert.match(summarised, /^\d+ of [\d,]+ steps shown/);
    const picture = await frame.locator('#panel-deployment svg.picture').evaluate((el) => el.viewBox.baseVal.width);
    assert.ok(picture < 1200, `the step picture is ${picture} units wide`);
    const folded = frame.locator('#panel-deployment details.events li.folded').first();
    // Under an hour the clock reads m:ss, past it h:mm:ss.
    assert.match(await folded.textContent(), /more like this until \d+(:\d\d){1,2}$/);
    await frame.locator('#panel-deployment details.events summary').click();
    await frame.locator('#panel-deployment .outcome').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(`${theme}-deployment-failing`);
    await frame.locator('#panel-deployment details.events').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(`${theme}-deployment-failing-events`);
    await failing.uncheck();
    await frame.locator('#panel-deployment .outcome', { hasText: /^Completes/ }).waitFor();

    // The Fargate web service: no scalable target of the workspace names it, so the tab says so.
    await quickOpen('web-service-def.json');
    await runCommand('ECS Lens: Preview Task Placement');
    frame = placementFrame();
    await frame.getByRole('tab', { name: 'Scaling' }).click();
    const scaling = frame.locator('#panel-scaling .banner.error', { hasText: /service\/production\/web/ });
    await scaling.waitFor();
    assert.match(await scaling.innerText(), /No scalable target .* names service\/production\/web in its ResourceId/);
    assert.equal(await frame.locator('#panel-scaling .outcome').count(), 0, 'no run of the worker’s auto scaling');
    await shot(`${theme}-scaling-other-service`);
    await frame.getByRole('tab', { name: 'Placement' }).click();
    await page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines').first().click();
  }

  it('shows the mistake in a file opened with Quick Open in the Problems panel', () =>
    step('problems', async () => {
      await quickOpen(typo);
      const row = await showProblems('portMapping');
      const text = await row.innerText();
      assert.match(text, /portMapping/);
      assert.match(text, /ecs-lens/, 'the problem names its source');
      await shot('light-problems');
    }));

  it('completes a member typed in a task definition (Ctrl+Space, Enter)', () =>
    step('completion', async () => {
      assert.ok(examples.fargate, 'a task definition among the examples');
      const source = readFileSync(join(workspace, examples.fargate), 'utf8');
      const lines = source.split('\n');
      // A member the first container definition does not have yet: the server offers only those.
      const present = Object.keys(JSON.parse(source).containerDefinitions[0]);
      const member = ['portMappings', 'stopTimeout', 'workingDirectory', 'readonlyRootFilesystem', 'ulimits'].find(
        (m) => !present.includes(m),
      );
      const imageLine = lines.findIndex((l) => l.includes('"image"')) + 1;
      assert.ok(imageLine > 0, `${examples.fargate} has a container image`);
      await quickOpen(examples.fargate);
      // To the first "image" with Find, as typeHalfMember does (the Go to Line box may miss an Enter pressed
      // before it has read the number).
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+F');
      await page.keyboard.insertText('"image"');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page
        .locator('.statusbar-item', { hasText: `Ln ${imageLine},` })
        .first()
        .waitFor();
      // A new member line after "image", inside the container definition.
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(`"${member.slice(0, 6)}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.editor-widget.suggest-widget.visible');
      await suggest.locator('.monaco-list-row', { hasText: member }).first().waitFor();
      for (
        let i = 0;
        i < 10 && !(await suggest.locator('.monaco-list-row.focused', { hasText: member }).count());
        i++
      ) {
        await page.keyboard.press('ArrowDown');
      }
      await shot('light-completion');
      await page.keyboard.press('Enter');
      await suggest.waitFor({ state: 'hidden' });
      // The editor draws the accepted edit on its next frame, which a busy machine may delay.
      const text = await editorTextMatching(new RegExp(`"${member}"\\s*:`));
      assert.match(text, new RegExp(`"${member}"\\s*:`), `the accepted item ${member} is in the editor`);
      assert.doesNotMatch(text, new RegExp(`"${member.slice(0, 6)}"`), 'the typed prefix was replaced');
      await shot('light-completion-accepted');
      await runCommand('File: Revert File');
    }));

  it('previews task placement from the command palette: instances and tasks in the panel', () =>
    step('placement', async () => {
      const { text, zones } = await previewPlacement('light');
      if (zones.length > 0)
        assert.ok(
          zones.some((z) => text.includes(z)),
          `the panel names an availability zone of the cluster (${zones.join(', ')})`,
        );
      assert.match(text, /task/i, 'the panel shows tasks');
      assert.match(text, /instance|i-[0-9a-f]+/i, 'the panel shows instances');
    }));

  it("the placement form: live count, strategy fields, expression findings, constraints that exclude all, the files' values", () =>
    step('form', async () => {
      await formTour('light');
      await formWidths('light');
      await fargatePreview('light');
    }));

  /** Types a member's first characters at the start of the line of the first container's "essential", without its closing quote. */
  async function typeHalfMember(file) {
    await quickOpen(file);
    await page.keyboard.press('Control+Home');
    // Found as a user finds it, whatever lines earlier steps added above it.
    await page.keyboard.press('Control+F');
    await page.keyboard.insertText('"essential"');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    // Before the member, on its line; inserted as typed with auto-closing off: the string is not closed yet.
    await page.keyboard.press('Home');
    await page.keyboard.insertText('"user');
  }

  /** The Problems panel's rows under `file` once they have settled (ECS Lens checks after a short pause). */
  async function settledProblemRows(file) {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor();
    const section = async () => {
      const texts = await rows.allInnerTexts();
      const start = texts.findIndex((t) => t.split('\n')[0] === basename(file));
      if (start < 0) return '';
      // A file's row is followed by its problems' rows, up to the next file's row (a name ending in .json).
      const end = texts.findIndex((t, i) => i > start && /\.json$/.test(t.split('\n')[0]));
      return texts.slice(start + 1, end < 0 ? undefined : end).join('\n');
    };
    let last = '';
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(500);
      const now = await section();
      if (now !== '' && now === last) return now;
      last = now;
    }
    return last;
  }

  /** Takes the typed characters back: the editor, not the Problems panel, gets the Ctrl+Z. */
  async function undoInEditor() {
    await runCommand('View: Focus Active Editor Group');
    await page.keyboard.press('Control+Z');
  }

  /**
   * What ECS Lens says of `file` as it is on disk, from the CLI over the same code: the rows a half-typed member
   * may leave standing. Read from the CLI, not from the panel, so a server still starting cannot make it empty.
   */
  function findingsOnDisk(file) {
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', '--format', 'json', file], {
      cwd: workspace,
      encoding: 'utf8',
    });
    assert.ok(run.status === 0 || run.status === 1, `ecs-lens check ${file} ran (exit ${run.status}): ${run.stderr}`);
    return JSON.parse(run.stdout).flatMap((entry) => entry.diagnostics.map((d) => d.message));
  }

  /** Waits until the language server has answered for the active file: its kind is in the status bar. */
  async function serverAnswered(file) {
    const named = `[aria-label*="${basename(file)}"]`;
    await page.locator(`.statusbar-item${named}, .statusbar-item ${named}`).first().waitFor();
  }

  /** ECS Lens's rows of a Problems panel section, without their positions (which move as lines are typed). */
  const ecsLensRows = (rows) =>
    rows.split('\n').reduce((out, line, i, all) => {
      if (line === 'ecs-lens') out.push(all[i - 1]);
      return out;
    }, []);

  it('a half-typed member shows its syntax error alone in the Problems panel', () =>
    step('typing', async () => {
      await quickOpen(examples.fargate);
      await serverAnswered(examples.fargate);
      const before = findingsOnDisk(examples.fargate);
      await typeHalfMember(examples.fargate);
      const rows = await settledProblemRows(examples.fargate);
      assert.doesNotMatch(rows, /Unknown member/, 'no member below the one being typed is called unknown');
      assert.deepEqual(
        ecsLensRows(rows).filter((r) => !before.includes(r)),
        [],
        'ECS Lens adds nothing to the syntax error while the member is half-typed',
      );
      assert.match(rows, /json|Expected|expected/, 'the syntax error is shown');
      await shot('light-problems-typing');
      await undoInEditor();
    }));

  it('shows the kind of an ECS file in the status bar; a click opens the placement preview', () =>
    step('status-bar', async () => {
      await quickOpen(examples.ec2);
      // The item of this file, not the one of the file shown before (its text is the same): named in its label.
      const named = `[aria-label*="${basename(examples.ec2)}"]`;
      const item = page.locator(`.statusbar-item${named}, .statusbar-item ${named}`).first();
      await item.waitFor();
      assert.match(await item.innerText(), /ECS: Task definition/);
      await item.click();
      const zones = examples.cluster ? zonesOf(join(workspace, examples.cluster)) : [];
      await placementFrame()
        .getByText(zones[0] ?? /instance/i)
        .first()
        .waitFor();
      await page.locator('.tabs-container .tab.active', { hasText: /Placement/ }).waitFor();
      if (examples.cluster) {
        await quickOpen(examples.cluster);
        await page.locator('.statusbar-item', { hasText: 'ECS: Cluster' }).first().waitFor();
      }
    }));

  it('clicking a rule code in the Problems panel opens the rule reference at that rule', () =>
    step('rule-link', async () => {
      await quickOpen(typo);
      const row = await showProblems('portMapping');
      await row.hover();
      const link = row.locator('.code-link a, a.code-link, .monaco-link', { hasText: 'schema.unknown-member' }).first();
      await link.click();
      await page.locator('.tabs-container .tab.active', { hasText: /Preview rules\.md|rules\.md/ }).waitFor();
      const preview = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
      const heading = preview.locator('[id="schemaunknown-member"]').first();
      await heading.waitFor();
      // At that rule: its heading is scrolled to the top part of the preview, not left at the start of the page.
      await page.waitForTimeout(1000);
      const top = await heading.evaluate((el) => el.getBoundingClientRect().top);
      const first = await preview
        .locator('h2')
        .first()
        .evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(
        top < 300 && first < 0,
        `the rule's heading is at the top of the preview (heading at ${top}px, first rule at ${first}px)`,
      );
      await shot('light-rule-link');
      // Closed with the tab's close button: a key pressed while the preview's webview has focus stays in the webview.
      const tab = page.locator('.tabs-container .tab', { hasText: /rules\.md/ }).first();
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await tab.waitFor({ state: 'detached' });
      // The placement panel in front again, as the steps after this one expect it.
      await previewPlacement('light');
    }));

  it('runs the deployment and auto scaling in the Deployment and Scaling tabs', () =>
    step('over-time', async () => {
      // The panel as the steps before left it may be closed: open it on the EC2 example again.
      await previewPlacement('light');
      const { deployment, scaling, readout } = await overTime('light');
      assert.match(deployment, /^(Completes|Stalls|Rolls back)/, 'the Deployment tab names the outcome');
      assert.match(scaling, /peak desired \d+/, 'the Scaling tab summarises the run');
      assert.match(readout, /^\d+:\d\d: desired \d+, running \d+/, 'the keyboard cursor reads the tasks chart out');
    }));

  it('names a file’s errors, summarises hours of failing health checks and scales only the service’s own target', () =>
    step('first-hour', () => firstHour('light')));

  it('looks right in the dark theme', () =>
    step('dark', async () => {
      writeUserSettings(dataDir, { ...quietSettings, 'workbench.colorTheme': 'Default Dark Modern' });
      // The server does not push changes to its user settings file to an open page: reload, as a user would.
      await page.reload();
      await page.locator('.monaco-workbench.vs-dark').waitFor();
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: typo }).waitFor();
      await quickOpen(typo);
      await showProblems('portMapping');
      await shot('dark-problems');
      await quickOpen(examples.fargate);
      await serverAnswered(examples.fargate);
      const before = findingsOnDisk(examples.fargate);
      await typeHalfMember(examples.fargate);
      const rows = await settledProblemRows(examples.fargate);
      assert.doesNotMatch(rows, /Unknown member/);
      assert.deepEqual(
        ecsLensRows(rows).filter((r) => !before.includes(r)),
        [],
      );
      await shot('dark-problems-typing');
      await undoInEditor();
      const { text } = await previewPlacement('dark');
      assert.match(text, /task/i);
      await formTour('dark');
      await formWidths('dark');
      await fargatePreview('dark');
    }));

  it('shows the Deployment and Scaling tabs in the dark theme', () =>
    step('over-time-dark', async () => {
      await page.locator('.monaco-workbench.vs-dark').waitFor();
      await previewPlacement('dark');
      const { deployment, scaling } = await overTime('dark');
      assert.match(deployment, /^(Completes|Stalls|Rolls back)/);
      assert.match(scaling, /peak desired \d+/);
    }));

  it('shows the first hour’s panel fixes in the dark theme', () =>
    step('first-hour-dark', async () => {
      await page.locator('.monaco-workbench.vs-dark').waitFor();
      await firstHour('dark');
    }));

  it('activated the installed extension without errors', () =>
    step('activation', async () => {
      const hostLogs = listFiles(dataDir)
        .filter((f) => f.endsWith('remoteexthost.log'))
        .map((f) => readFileSync(join(dataDir, f), 'utf8'));
      assert.ok(
        hostLogs.some((log) => log.includes('_doActivateExtension ecs-lens.ecs-lens')),
        'the extension host activated ecs-lens.ecs-lens',
      );
      // Requests cut off by the reload's extension host shutdown are logged as errors too; they say nothing about the extension.
      const beforeShutdown = hostLogs.flatMap((log) => log.split('Extension host terminating')[0].split('\n'));
      const failures = beforeShutdown.filter(
        (l) => /ecs-lens\.ecs-lens/.test(l) && /(activating extension.*failed|cannot find module|\[error\])/i.test(l),
      );
      assert.deepEqual(failures, []);
    }));
});
