// A real client other than VS Code: Debian's Neovim (0.7: no snippet support, its own word rules), headless,
// driven over its RPC socket with keys as a user types them. Skipped, saying why, when nvim is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './client';

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip =
  nvimVersion.status === 0 ? false : 'nvim is not installed (apt-get install neovim; .ci/run installs it as root)';

const taskDef = `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "nginx",
      "memory": 512,
      "portMapping": [{ "containerPort": 80 }]
    }
  ]
}
`;

test(
  'Neovim: open, diagnostics, completion without snippets, a code action and the edit it makes',
  { skip, timeout: 120_000 },
  async (t) => {
    t.diagnostic(nvimVersion.stdout.split('\n')[0]);
    const dir = mkdtempSync(join(tmpdir(), 'ecs-lens-nvim-'));
    const file = join(dir, 'web-task-def.json');
    writeFileSync(file, taskDef);
    const socket = join(dir, 'nvim.sock');
    const nvim = spawn(
      'nvim',
      ['--headless', '--clean', '--listen', socket, '-u', join(repoRoot, 'test', 'lsp', 'neovim', 'init.lua'), file],
      {
        env: {
          ...process.env,
          ECS_LENS_NODE: process.execPath,
          ECS_LENS_SERVER: join(repoRoot, 'bin', 'ecs-lens-language-server.js'),
          ECS_LENS_ROOT: dir,
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<number | null>((resolve) => nvim.once('exit', (code) => resolve(code)));
    const remote = (args: string[]) => spawnSync('nvim', ['--server', socket, ...args], { encoding: 'utf8' });
    const lua = (expr: string): unknown => {
      const r = remote(['--remote-expr', `luaeval(${JSON.stringify(`vim.fn.json_encode(${expr})`)})`]);
      // nvim --remote-expr prints the value on stderr.
      const out = `${r.stdout}${r.stderr}`.trim();
      if (r.status !== 0 || !out) return undefined;
      try {
        return JSON.parse(out);
      } catch {
        return undefined;
      }
    };
    const keys = (k: string) => remote(['--remote-send', k]);
    async function until<T>(what: string, read: () => T, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
      const deadline = Date.now() + ms;
      for (;;) {
        const v = read();
        if (ok(v)) return v;
        if (Date.now() > deadline) throw new Error(`${what}: last seen ${JSON.stringify(v)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    type Diag = { message: string; code?: string; lnum: number };
    const diagnostics = () =>
      (lua(
        'vim.tbl_map(function(d) return { message = d.message, code = d.code, lnum = d.lnum } end, vim.diagnostic.get(0))',
      ) as Diag[] | undefined) ?? [];
    const lines = () => (lua('vim.api.nvim_buf_get_lines(0, 0, -1, false)') as string[] | undefined) ?? [];
    try {
      // Open: the server attaches and publishes its diagnostics.
      const first = await until('diagnostics', diagnostics, (d) => d.some((x) => x.code === 'schema.unknown-member'));
      t.diagnostic(`diagnostics: ${first.map((d) => `${d.lnum + 1}: ${d.code} ${d.message}`).join(' | ')}`);

      // Completion as typed: a new line after "memory", `"ulim`, then omni completion (Ctrl-X Ctrl-O) and accept.
      keys('<Esc>7GA<CR>"ulim<C-x><C-o>');
      // One match is inserted at once; several open the menu, where Ctrl-Y accepts the selected one.
      const menu = await until(
        'completion',
        () => ({ pum: lua('vim.fn.pumvisible()'), text: lines().join('\n') }),
        (v) => v.pum === 1 || v.text.includes('ulimits'),
      );
      keys(menu.pum === 1 ? '<C-y><Esc>' : '<Esc>');
      const afterCompletion = await until('completed line', lines, (l) => l.some((x) => x.includes('ulimits')));
      const line = afterCompletion.find((x) => x.includes('ulimits'))!;
      assert.equal(line.trim(), '"ulimits": [{ "name": "nofile", "softLimit": 65535, "hardLimit": 65535 }],');
      assert.ok(
        afterCompletion.every((l) => !/[\0\n$]/.test(l)),
        `no NUL bytes or snippet syntax: ${JSON.stringify(afterCompletion)}`,
      );
      assert.doesNotThrow(() => JSON.parse(afterCompletion.join('\n')), 'the buffer is JSON after the completion');

      // Diagnostics for the edited text (fixes are offered for the version they were computed on).
      const current =
        'vim.tbl_map(function(d) return d.user_data.lsp.data.version - vim.lsp.util.buf_versions[vim.api.nvim_get_current_buf()] end, vim.diagnostic.get(0))';
      await until(
        'diagnostics of the current version',
        () => lua(current) as number[] | undefined,
        (v) => !!v && v.length > 0 && v.every((x) => x === 0),
      );
      // A code action from the client's own menu (vim.lsp.buf.code_action, first matching title), and its edit.
      keys('<Esc>:let g:ecs_lens_action = "portMappings"<CR>');
      keys('<Esc>/portMapping<CR>:lua vim.lsp.buf.code_action()<CR>');
      const fixed = await until('fixed buffer', lines, (l) => l.some((x) => x.includes('"portMappings"')));
      assert.ok(!fixed.some((x) => x.includes('"portMapping"')), fixed.join('\n'));
      // The edit reaches the server, which no longer reports the member; the completed ulimits is reported nowhere.
      const after = await until(
        'diagnostics after the fix',
        diagnostics,
        (d) => !d.some((x) => x.code === 'schema.unknown-member'),
      );
      assert.deepEqual(
        after.filter((d) => fixed[d.lnum]?.includes('ulimits')),
        [],
      );
      keys('<Esc>:qa!<CR>');
      assert.equal(await exited, 0);
    } finally {
      if (nvim.exitCode === null) nvim.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
