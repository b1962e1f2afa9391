// Parsing of the typed values some subjects compare: dates, agent versions, counts.

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses the date forms registeredAt accepts: 2018-06-18, 2018-06-18T22:28:28,
 * 2018-06-18T22:28:28Z and 2018-06-18T22:28:28+00:00. No zone means UTC. Returns epoch ms.
 */
export function parseQueryDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[7];
  if (zone && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An instance's registration time: the query forms, or any ISO 8601 text the API returns. */
export function parseInstanceDate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const q = parseQueryDate(text);
  if (q !== undefined) return q;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

const VERSION = /^\d+(?:\.\d+){0,3}$/;

/** Parses an agent version such as 1.14.5 into its numeric parts. */
export function parseVersion(text: string): number[] | undefined {
  return VERSION.test(text) ? text.split('.').map(Number) : undefined;
}

/** Instances may report `v1.14.5` or `1.14.5-beta`; only the leading numbers count. */
export function parseInstanceVersion(text: string | undefined): number[] | undefined {
  const m = text === undefined ? null : /^v?(\d+(?:\.\d+)*)/.exec(text.trim());
  return m ? m[1].split('.').map(Number) : undefined;
}

export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function parseCount(text: string): number | undefined {
  return /^-?\d{1,15}$/.test(text) ? Number(text) : undefined;
}
