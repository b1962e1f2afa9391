/**
 * Simulated time as the CLI and the panel print it: `m:ss` below an hour, `h:mm:ss` from an
 * hour on, so "12:00" is always twelve minutes and an hour always shows its seconds.
 * Shared by the server, the CLI and the webview: it imports nothing.
 */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}
