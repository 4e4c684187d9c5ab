// The settings a file is checked with: the editor's `rmrb.*`, from `--config FILE`, or else from
// the nearest `rmrb.json` above the file and `.vscode/settings.json`'s `rmrb.*` keys, so that the
// command line and the editor agree on one corpus; `--rule CODE=SEVERITY` overrides last.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { normalizeSettings, type Settings } from '../settings';
import { UsageError } from './cliArguments';

export class SettingsFinder {
  /** The settings of each folder seen, shared by every folder that takes them from the same file. */
  private readonly byFolder = new Map<string, Settings>();
  private fromConfig: Settings | undefined;
  private defaults: Settings | undefined;

  constructor(
    private readonly configFile: string | undefined,
    private readonly rules: Readonly<Record<string, string>>,
  ) {}

  /** The settings for a file in `folder`. */
  forFolder(folder: string): Settings {
    if (this.configFile) return (this.fromConfig ??= normalizeSettings(withRules(readJson(this.configFile, true) ?? {}, this.rules)));
    // Files come folder by folder: the last folder's settings are most often the ones asked for.
    if (folder === this.lastFolder) return this.lastSettings!;
    this.lastFolder = folder;
    return (this.lastSettings = this.settingsOf(path.resolve(folder)));
  }
  private lastFolder: string | undefined;
  private lastSettings: Settings | undefined;

  /** `rmrb.json`, and `.vscode/settings.json`'s `rmrb.*` keys, from the folder upwards; the nearest wins. */
  private settingsOf(dir: string): Settings {
    let s = this.byFolder.get(dir);
    if (s) return s;
    const own = readJson(path.join(dir, 'rmrb.json'), false) ?? fromDottedKeys(readJson(path.join(dir, '.vscode', 'settings.json'), false) ?? {});
    if (own) s = normalizeSettings(withRules(own, this.rules));
    else {
      const up = path.dirname(dir);
      s = up === dir ? (this.defaults ??= normalizeSettings(withRules({}, this.rules))) : this.settingsOf(up);
    }
    this.byFolder.set(dir, s);
    return s;
  }
}

/** JSON with comments and trailing commas, as VS Code writes its settings; undefined when absent. */
function readJson(file: string, required: boolean): Record<string, unknown> | undefined {
  // Most folders have no settings of their own: asking is cheaper than a failed read's exception.
  if (!required && !existsSync(file)) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (required) throw new UsageError(`cannot read the settings ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message)}`);
    return undefined;
  }
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length || typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${file} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** `{"rmrb.dates.earliest": "…"}` as `{dates: {earliest: "…"}}`; undefined when it has no `rmrb.*` key. */
function fromDottedKeys(settings: Record<string, unknown>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'rmrb' && typeof value === 'object' && value) out = { ...(out ?? {}), ...(value as object) };
    if (!key.startsWith('rmrb.')) continue;
    out ??= {};
    const parts = key.slice(5).split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

function withRules(raw: Record<string, unknown>, rules: Readonly<Record<string, string>>): Record<string, unknown> {
  if (Object.keys(rules).length === 0) return raw;
  const diagnostics = { ...((raw.diagnostics as Record<string, unknown>) ?? {}) };
  diagnostics.severity = { ...((diagnostics.severity as Record<string, unknown>) ?? {}), ...rules };
  return { ...raw, diagnostics };
}
