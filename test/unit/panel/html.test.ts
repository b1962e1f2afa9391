import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPanelHtml, createNonce } from '../../../client/src/panel/html';

const options = {
  cspSource: 'vscode-webview://fake-source',
  scriptUri: 'vscode-webview://fake-source/dist/webview.js',
  nonce: 'abc123XYZ',
};

function csp(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'CSP meta tag present');
  return match[1];
}

test('the CSP denies by default and allows only the nonce script and our styles', () => {
  const policy = csp(buildPanelHtml(options))
    .split(';')
    .map((d) => d.trim());
  assert.equal(policy[0], "default-src 'none'");
  assert.ok(policy.includes("script-src 'nonce-abc123XYZ'"));
  assert.ok(policy.includes("style-src vscode-webview://fake-source 'nonce-abc123XYZ'"));
  assert.ok(!policy.some((d) => d.includes('unsafe-inline') || d.includes('unsafe-eval')));
});

test('every script carries the nonce and loads the bundle', () => {
  const html = buildPanelHtml(options);
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0], `<script nonce="abc123XYZ" src="${options.scriptUri}">`);
  const styles = html.match(/<style\b[^>]*>/g) ?? [];
  assert.deepEqual(styles, ['<style nonce="abc123XYZ">']);
});

test('no remote content and no inline handlers or style attributes', () => {
  const html = buildPanelHtml(options);
  assert.doesNotMatch(html, /https?:\/\//);
  assert.doesNotMatch(html, /url\(/);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.doesNotMatch(html, /\sstyle=/i);
});

test('colours come from the theme: no literal colours in the CSS', () => {
  const html = buildPanelHtml(options);
  const css = /<style[^>]*>([\s\S]*)<\/style>/.exec(html)![1];
  assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b/i);
  assert.doesNotMatch(css, /\brgba?\(|\bhsla?\(/i);
  assert.match(css, /var\(--vscode-contrastBorder/);
});

test('injected values are escaped', () => {
  const html = buildPanelHtml({ ...options, scriptUri: 'vscode-webview://x/a"b<c>.js' });
  assert.ok(html.includes('src="vscode-webview://x/a&quot;b&lt;c&gt;.js"'));
});

test('nonces are alphanumeric and differ', () => {
  let counter = 0;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => counter++ % 256);
  const a = createNonce(bytes);
  const b = createNonce(bytes);
  assert.match(a, /^[A-Za-z0-9]{32}$/);
  assert.notEqual(a, b);
});
