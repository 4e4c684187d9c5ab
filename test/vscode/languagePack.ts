// A minimal Chinese (Simplified) language pack, made by the runner for itself: VS Code's display
// language can only be Chinese with a language pack installed, and these machines cannot fetch
// Microsoft's. The pack contributes `localizations` for zh-cn with a core translation that
// translates nothing (VS Code falls back to English for every string it lacks), which is enough
// for the workbench to run in zh-cn: `vscode.env.language` is `zh-cn`, and the extension's
// package.nls.zh-cn.json and l10n/bundle.l10n.zh-cn.json are what VS Code loads for it. It is
// packed with vsce and installed with the server's own CLI, as a user installs one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeJson } from './json';
import { REPO_ROOT } from './paths';
import type { Prepared } from './provision';
import { lastLines } from './text';
import { installVsix } from './vsix';

export const DISPLAY_LANGUAGE = 'zh-cn';
const PUBLISHER = 'rmrb-corpus-tests';
const NAME = 'rmrb-test-language-pack-zh-cn';
const VERSION = '0.0.1';

/** Makes the pack in `runDir` and installs it into `extensionsDir`. */
export async function installLanguagePack(prepared: Prepared, runDir: string, extensionsDir: string): Promise<void> {
  const source = path.join(runDir, 'language-pack');
  fs.mkdirSync(path.join(source, 'translations'), { recursive: true });
  writeJson(path.join(source, 'package.json'), {
    name: NAME,
    displayName: 'Chinese (Simplified) language pack for the rmrb-corpus tests',
    description: 'Makes zh-cn a display language; translates nothing itself.',
    publisher: PUBLISHER,
    version: VERSION,
    license: 'MIT',
    engines: { vscode: '^1.82.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [
        {
          languageId: DISPLAY_LANGUAGE,
          languageName: 'Chinese Simplified',
          localizedLanguageName: '中文(简体)',
          translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
        },
      ],
    },
  });
  writeJson(path.join(source, 'translations', 'main.i18n.json'), { version: '1.0.0', contents: {} });
  fs.writeFileSync(path.join(source, 'README.md'), '# A test language pack\n');
  fs.writeFileSync(path.join(source, 'LICENSE'), 'MIT\n');
  const vsix = path.join(runDir, 'language-pack.vsix');
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const packed = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: source, encoding: 'utf8', timeout: 60_000 });
  if (packed.status !== 0) throw new Error(`packing the language pack failed:\n${lastLines(`${packed.stdout}${packed.stderr}`, 10)}`);
  await installVsix(prepared, vsix, runDir, extensionsDir);
  // The server keeps its language packs in `languagepacks.json` of its user data folder, written
  // when a running server installs one; the CLI install above does not write it, so it is
  // written here as the server would, naming the installed pack's translation.
  const installed = fs.readdirSync(extensionsDir).find((name) => name.startsWith(`${PUBLISHER}.${NAME}-`));
  if (!installed) throw new Error(`the language pack is not in ${extensionsDir} after its install`);
  writeJson(path.join(runDir, 'user-data', 'languagepacks.json'), {
    [DISPLAY_LANGUAGE]: {
      hash: `${NAME}-${VERSION}`,
      label: '中文(简体)',
      extensions: [{ extensionIdentifier: { id: `${PUBLISHER}.${NAME}` }, version: VERSION }],
      translations: { vscode: path.join(extensionsDir, installed, 'translations', 'main.i18n.json') },
    },
  });
}
