// Every diagnostic the extension reports: a stable code (users configure severities by it
// and quick fixes key on it), a default severity, and its message in English and Chinese.
// Built from the parser's structural diagnostics (structure.ts), the rules' (rules/registry.ts)
// and those of whole files (files.ts).
// Messages are functions so that the locale is chosen when a diagnostic is made, not at load.

import { RULES, type RuleCode } from '../rules/registry';
import type { Args, DiagnosticDefinition, Severity } from '../rules/rule';
import { FILES, type FileCode } from './files';
import { STRUCTURE, type StructuralCode } from './structure';

export type { Severity } from '../rules/rule';
export type Locale = 'en' | 'zh';

export interface DiagnosticRule extends DiagnosticDefinition {
  code: string;
}

export type DiagnosticCode = StructuralCode | RuleCode | FileCode;

const definitions = new Map<string, DiagnosticDefinition>(Object.entries(STRUCTURE));
for (const rule of RULES) {
  for (const [code, def] of Object.entries(rule.diagnostics) as Array<[string, DiagnosticDefinition]>) {
    if (definitions.has(code)) throw new Error(`Two rules report ${code}`);
    definitions.set(code, def);
  }
}
for (const [code, def] of Object.entries(FILES)) definitions.set(code, def);

export const DIAGNOSTIC_CODES = [...definitions.keys()] as DiagnosticCode[];

export function getRule(code: DiagnosticCode): DiagnosticRule {
  return { code, ...definitions.get(code)! };
}

/** The rule's default severity, without building the rule. */
export function defaultSeverity(code: DiagnosticCode): Severity {
  return definitions.get(code)!.severity;
}

export function allRules(): DiagnosticRule[] {
  return DIAGNOSTIC_CODES.map(getRule);
}

export function formatMessage(code: DiagnosticCode, args: Args, locale: Locale): string {
  return definitions.get(code)!.message[locale](args);
}

/** What the other record of a problem across records is, where it stands; undefined for other problems. */
export function relatedMessage(code: DiagnosticCode, locale: Locale): string | undefined {
  return definitions.get(code)!.related?.[locale];
}

/** LSP sends the client's locale as a BCP 47 tag (`zh-cn`, `zh-Hans`, `en-US`…). */
export function localeFrom(tag: string | undefined): Locale {
  return tag && /^zh/i.test(tag) ? 'zh' : 'en';
}
