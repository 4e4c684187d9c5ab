// The settings a file is checked with: the editor's `rmrb.*`, from `--config FILE`, or else from
// the nearest `rmrb.json` above the file and `.vscode/settings.json`'s `rmrb.*` keys, so that the
// command line and the editor agree on one corpus; `--rule CODE=SEVERITY` overrides last.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { normalizeSettings, type Settings } from '../settings';
import { UsageError } from './cliArguments';
import { reason } from './corpusFiles';

export class SettingsFinder {
  private readonly byFolder = new Map<string, Settings>();

  constructor(
    private readonly configFile: string | undefined,
    private readonly rules: Readonly<Record<string, string>>,
  ) {}

  /** The settings for a file in `folder`. */
  forFolder(folder: string): Settings {
    const key = this.configFile ? '' : path.resolve(folder);
    let s = this.byFolder.get(key);
    if (!s) {
      const raw = this.configFile ? readJson(this.configFile, true) : this.lookUp(key);
      s = normalizeSettings(withRules(raw ?? {}, this.rules));
      this.byFolder.set(key, s);
    }
    return s;
  }

  /** `rmrb.json`, and `.vscode/settings.json`'s `rmrb.*` keys, from the folder upwards; the nearest wins. */
  private lookUp(folder: string): Record<string, unknown> | undefined {
    for (let dir = folder; ; ) {
      const own = readJson(path.join(dir, 'rmrb.json'), false);
      if (own) return own;
      const vscode = readJson(path.join(dir, '.vscode', 'settings.json'), false);
      const rmrb = vscode && fromDottedKeys(vscode);
      if (rmrb) return rmrb;
      const up = path.dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  }
}

/** JSON with comments and trailing commas, as VS Code writes its settings; undefined when absent. */
function readJson(file: string, required: boolean): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (required) throw new UsageError(`cannot read the settings ${file}: ${reason(e)}`);
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
