/**
 * Large files are read and checked in slices: while a 2,000-resource Terraform module, a CDK-sized template and a
 * 3.9 MiB task definition are opened, edited and replaced whole, the server keeps answering the outline of another file, and the
 * check of a version overtaken by a newer edit is dropped. Timing: `npm run build && npm run test:responsiveness`.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { LspClient } from '../lsp/client';
import { bigFiles, outlineWaits, runBigFile, startWithSmallFile } from '../bench/bigFiles';

let client: LspClient;
let folder: string;
let other: string;
/** What an answer waits for with nothing else to do: on a machine busy with other work, more than nothing. */
let quietest = 0;

before(async () => {
  ({ client, folder, other } = await startWithSmallFile());
  const quietUntil = performance.now() + 2000;
  quietest = Math.max(...(await outlineWaits(client, other, () => performance.now() >= quietUntil)));
});

after(async () => {
  assert.equal(await client.stop(), 0);
  rmSync(folder, { recursive: true, force: true });
});

for (const file of bigFiles())
  test(`${file.label}: opened, edited and replaced, other requests answered within 100 ms, older versions dropped`, async () => {
    const run = await runBigFile(client, folder, file, other);
    const allowed = Math.max(100, quietest + 100);
    const said = `(allowed ${Math.round(allowed)} ms: 100, or the slowest of ${Math.round(quietest)} ms with nothing open plus 100)`;
    assert.ok(run.requests >= 5, `only ${run.requests} requests were asked while the file was read`);
    assert.ok(run.diagnostics.length > 0, 'the file has diagnostics');
    assert.ok(
      run.openLongestWait < allowed,
      `while opening, an outline request waited ${Math.round(run.openLongestWait)} ms ${said}`,
    );
    assert.ok(
      run.editLongestWait < allowed,
      `while editing, an outline request waited ${Math.round(run.editLongestWait)} ms ${said}`,
    );
    assert.ok(
      run.replaceLongestWait < allowed,
      `while its text was replaced, an outline request waited ${Math.round(run.replaceLongestWait)} ms ${said}`,
    );
    // Version 2 was being read or checked when version 3 arrived: only 1, 3 and the replacement 4 are published.
    assert.deepEqual(run.publishedVersions, [1, 3, 4]);
  });
