import { dynamicsCss } from './dynamicsStyles';
import { panelCss } from './styles';

export interface PanelHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  /** webview.asWebviewUri(dist/webview.js) */
  scriptUri: string;
  /** Fresh per page load; the only script allowed to run carries it. */
  nonce: string;
}

/** The webview page: a CSP that allows only our nonce'd script and style, and a mount point for main.ts. */
export function buildPanelHtml({ cspSource, scriptUri, nonce }: PanelHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Task Placement</title>
<style nonce="${attr(nonce)}">${panelCss}${dynamicsCss}</style>
</head>
<body>
<div id="app"><p class="muted">Loading…</p></div>
<script nonce="${attr(nonce)}" src="${attr(scriptUri)}"></script>
</body>
</html>`;
}

/** 32 alphanumeric characters from the given random source (crypto in the host). */
export function createNonce(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
