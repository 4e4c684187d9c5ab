// Text put into an LSP snippet as itself: a tag's name comes from the settings and a value from
// the file, and either may hold what a snippet reads as syntax (`$1`, `}`, `\`).

export function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}
