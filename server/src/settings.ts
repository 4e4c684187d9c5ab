// Settings arrive as untrusted JSON from the client (or the command line): every field is
// checked and anything unusable falls back to its default, so a typo never stops validation.

import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './diagnostics/catalogue';
import type { ExtraTag, Placement } from './tags/tagTable';

export type SeveritySetting = Severity | 'off';

export interface Settings {
  /** Severity overrides per diagnostic code. */
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  extraTags: ExtraTag[];
  requiredFields: string[];
  /** YYYYMMDD bounds for RQ; `latest` empty means today. */
  earliestDate: string;
  latestDate: string;
  maxProblems: number;
  /** The most items in a file's outline (records first); `rmrb.outline.maxSymbols`. */
  outlineMaxSymbols: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  severity: {},
  extraTags: [],
  requiredFields: ['RQ', 'BT', 'ZW'],
  earliestDate: '19460515',
  latestDate: '',
  maxProblems: 1000,
  outlineMaxSymbols: 100_000,
});

const SEVERITIES = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);
const PLACEMENTS = new Set<string>(['header', 'body', 'inline']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the `rmrb` settings section (as VS Code sends it) into Settings. */
export function normalizeSettings(raw: unknown): Settings {
  const s = isObject(raw) ? raw : {};
  const diagnostics = isObject(s.diagnostics) ? s.diagnostics : {};
  const tags = isObject(s.tags) ? s.tags : {};
  const dates = isObject(s.dates) ? s.dates : {};
  const outline = isObject(s.outline) ? s.outline : {};

  const severity: Settings['severity'] = {};
  if (isObject(diagnostics.severity)) {
    for (const [code, level] of Object.entries(diagnostics.severity)) {
      if ((DIAGNOSTIC_CODES as string[]).includes(code) && typeof level === 'string' && SEVERITIES.has(level)) {
        severity[code as DiagnosticCode] = level as SeveritySetting;
      }
    }
  }

  const extraTags: ExtraTag[] = [];
  if (Array.isArray(tags.extra)) {
    for (const t of tags.extra) {
      if (!isObject(t) || typeof t.code !== 'string' || typeof t.name !== 'string') continue;
      extraTags.push({
        code: t.code,
        name: t.name,
        placement: typeof t.placement === 'string' && PLACEMENTS.has(t.placement) ? (t.placement as Placement) : 'inline',
        paired: t.paired !== false,
      });
    }
  }

  const requiredFields = Array.isArray(s.requiredFields)
    ? s.requiredFields.filter((c): c is string => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c)).map((c) => c.toUpperCase())
    : [...DEFAULT_SETTINGS.requiredFields];

  const date = (v: unknown, fallback: string) => (typeof v === 'string' && /^(\d{8})?$/.test(v) ? v : fallback);
  const max = typeof diagnostics.maxProblems === 'number' ? diagnostics.maxProblems : typeof s.maxProblems === 'number' ? s.maxProblems : NaN;

  return {
    severity,
    extraTags,
    requiredFields,
    earliestDate: date(dates.earliest, DEFAULT_SETTINGS.earliestDate) || DEFAULT_SETTINGS.earliestDate,
    latestDate: date(dates.latest, ''),
    maxProblems: Number.isFinite(max) && max >= 0 ? Math.floor(max) : DEFAULT_SETTINGS.maxProblems,
    outlineMaxSymbols:
      typeof outline.maxSymbols === 'number' && Number.isFinite(outline.maxSymbols) && outline.maxSymbols >= 1
        ? Math.floor(outline.maxSymbols)
        : DEFAULT_SETTINGS.outlineMaxSymbols,
  };
}

/** `rmrb.workspace.*`: what the server reads of the workspace folders beyond the open files. */
export interface WorkspaceSettings {
  /** Index every corpus file of the workspace folders, open or not. */
  enabled: boolean;
  /** When not empty, only the files these globs match (relative to the workspace folder). */
  include: string[];
  /** Files and folders left out, besides `files.exclude`. */
  exclude: string[];
  /** For clients without workspace diagnostics: publish the closed files' problems. */
  publishClosedFiles: boolean;
}

export const DEFAULT_WORKSPACE_SETTINGS: Readonly<WorkspaceSettings> = Object.freeze({ enabled: true, include: [], exclude: [], publishClosedFiles: false });

/** Reads `rmrb.workspace` out of the `rmrb` settings section. */
export function normalizeWorkspaceSettings(raw: unknown): WorkspaceSettings {
  const w = isObject(raw) && isObject(raw.workspace) ? raw.workspace : {};
  const globs = (v: unknown) => (Array.isArray(v) ? v.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim()) : []);
  return {
    enabled: typeof w.enabled === 'boolean' ? w.enabled : DEFAULT_WORKSPACE_SETTINGS.enabled,
    include: globs(w.include),
    exclude: globs(w.exclude),
    publishClosedFiles: w.publishClosedFiles === true,
  };
}

/**
 * VS Code's `files.exclude`: `{ "**\/.git": true, "**\/*.js": { "when": "$(basename).ts" } }`.
 * Only the globs set to true are taken: a `when` clause needs the sibling files to decide.
 */
export function excludedGlobs(raw: unknown): string[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw)
    .filter(([glob, on]) => on === true && glob.trim() !== '')
    .map(([glob]) => glob.trim());
}
