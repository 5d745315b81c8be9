/**
 * What the preview webview may ask of the extension, kept apart from `vscode` so it can be
 * tested on its own: the page's content security policy, the files a `reveal` may open, and
 * the pattern that finds a declaration (user text escaped, never read as a regular expression).
 */

/** The preview page's CSP: nothing but our own nonce'd script, styles and images; no `<base>`, no form posts. */
export function previewCsp(cspSource: string, scriptNonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${scriptNonce}'`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

/** The files the current study's documents come from: the study and every `data-file` the server put in them. */
export function studyFiles(studyFile: string, documents: readonly { html?: string }[]): Set<string> {
  const files = new Set([studyFile]);
  for (const document of documents) for (const match of (document.html ?? '').matchAll(/data-file="([^"]*)"/g)) files.add(unescapeAttribute(match[1]));
  return files;
}

function unescapeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern of `kind name` as a declaration header, or undefined when either is not a plain name. */
export function declarationPattern(kind: string, name: string): RegExp | undefined {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/;
  if (!plain.test(kind) || !plain.test(name)) return undefined;
  return new RegExp(`\\b${escapeRegExp(kind)}\\s+${escapeRegExp(name)}\\b`);
}
