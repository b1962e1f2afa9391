// Source: template syntaxes seen in real ECS files: CodeDeploy (<IMAGE1_NAME>), Go/ecspresso/Mustache ({{x}}),
// shell/envsubst/Terraform (${X}, $X), CodePipeline-style ($$$X$$$), Octopus (#{X}), token replacement (__X__, %X%),
// and documentation stand-ins ({INSERT …}, XXXXXXXXXXXX, aws_account_id).

// Every pattern runs in time linear in the value: an opening delimiter is followed by a class that
// excludes it (`[^{}]`), so a value of 1 MB of `{{` or `${` is rejected in one pass, never rescanned.
const patterns: readonly RegExp[] = [
  /<[A-Za-z][\w .:-]{0,63}>/,
  /\{\{[^{}]*\}\}/,
  /\$\{[^{}]*\}/,
  /\$\$\$\w+\$\$\$/,
  /#\{[^{}]+\}/,
  /\$[A-Z_][A-Z0-9_]*/,
  /__[A-Z][A-Z0-9_]*__/,
  /%[A-Z][A-Z0-9_]+%/,
  /\b(?:REPLACE_?ME|CHANGE_?ME)\w*/i,
  /\{[A-Z][^{}]*\}/,
  /\b[Xx]{4,}\b/,
  /\b(?:aws_)?account[_-]?id\b/i,
  /\bYOUR[_-][A-Z0-9_-]+\b/,
];

// One alternation is tested per string value on every keystroke: far cheaper than a loop over the patterns.
const anyPlaceholder = new RegExp(
  patterns.map((p) => (p.flags.includes('i') ? caseInsensitive(p.source) : p.source)).join('|'),
);

function caseInsensitive(source: string): string {
  return source.replace(/\\[A-Za-z]|\[[^\]]*\]|[A-Za-z]/g, (m) =>
    m.length === 1 ? `[${m.toUpperCase()}${m.toLowerCase()}]` : m,
  );
}

// Whole ALL_CAPS tokens the repository's own scripts substitute (sed s/ACCOUNT_NUMBER/…/), set while one file is checked.
let substituted: RegExp | undefined;

/** Runs `check` with `tokens` also taken as placeholders (checking is synchronous, so the scope is exact). */
export function withSubstitutedTokens<T>(tokens: readonly string[], check: () => T): T {
  const words = tokens.filter((t) => /^[A-Z][A-Z0-9_]{2,63}$/.test(t));
  if (words.length === 0) return check();
  const previous = substituted;
  substituted = new RegExp(`(?<![A-Za-z0-9_])(?:${words.join('|')})(?![A-Za-z0-9_])`);
  try {
    return check();
  } finally {
    substituted = previous;
  }
}

/** True when the value holds a template placeholder, so it cannot be checked until rendered. */
export function isPlaceholder(value: string): boolean {
  return anyPlaceholder.test(value) || (substituted !== undefined && substituted.test(value));
}

/** The first placeholder token in the value, for messages. */
export function placeholderToken(value: string): string | undefined {
  if (substituted) {
    const m = substituted.exec(value);
    if (m && !anyPlaceholder.test(value)) return m[0];
  }
  for (const p of patterns) {
    const m = p.exec(value);
    if (m) return m[0];
  }
  return undefined;
}

// Source: Docker's reference grammar (distribution/reference): a repository name is lower case, so an image that
// is one ALL_CAPS word (IMAGE_URI, CONTAINER_IMAGE) can never be pulled: it is a stand-in a pipeline should replace.
const bareToken = /^[A-Z][A-Z0-9_]{2,63}$/;

/** An image value that is one ALL_CAPS word: a placeholder whether or not anything substitutes it. */
export function isBareImageToken(value: string): boolean {
  return bareToken.test(value);
}

/** The name inside a placeholder token (`<IMAGE_URI>` -> IMAGE_URI), to compare with what scripts substitute. */
export function placeholderName(token: string): string {
  return token.replace(/^[<{$#%_]+|[>}$#%_]+$/g, '').trim();
}
