// Every rule, in the order the catalogue (and the README's table) lists their diagnostics.
// Adding a rule: write its module in this folder, list it here, and give it a test file in
// test/core/rules/. The catalogue, the settings' severity schema and the README's table
// follow from this list (test/core/diagnostics/catalogue.test.ts holds them to it).

import { characters } from './characters';
import { classification } from './classification';
import { dates } from './dates';
import { duplicateArticles } from './duplicateArticles';
import { emptyValues } from './emptyValues';
import { frontPage } from './frontPage';
import { issueNumbers } from './issueNumbers';
import { misfiledArticle } from './misfiledArticle';
import { mojibake } from './mojibake';
import { numbers } from './numbers';
import { requiredFields } from './requiredFields';

export const RULES = [requiredFields, dates, numbers, classification, emptyValues, characters, mojibake, frontPage, duplicateArticles, issueNumbers, misfiledArticle] as const;

/** The codes the rules report. */
export type RuleCode = (typeof RULES)[number] extends infer R ? (R extends { diagnostics: Record<infer C, unknown> } ? C & string : never) : never;
