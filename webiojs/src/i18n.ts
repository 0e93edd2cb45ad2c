// The page's own words, in the page's language: the app's choice (`pywebio.config(language=...)`,
// `set_env(language=...)`), else the first of the browser's preferred languages that the page
// has, else English. The words themselves are in ./languages/, one file per language.

import { de } from './languages/de';
import { en, type MessageKey, type Messages } from './languages/en';
import { fa } from './languages/fa';
import { kk } from './languages/kk';
import { ru } from './languages/ru';
import { uz } from './languages/uz';
import { zh } from './languages/zh';

export type { MessageKey };

const TABLES = { en, zh, ru, de, fa, kk, uz } satisfies Record<string, Messages>;

/** A language of the page, by its ISO 639-1 code (pywebio/_languages.py has the same). */
export type Language = keyof typeof TABLES;

/** Other names of a language: PyWebIO 1.8 filed Kazakh under `kz`, a country code. */
const ALIASES: Record<string, Language> = { kz: 'kk' };

/** The languages written right to left. */
const RTL: ReadonlySet<Language> = new Set<Language>(['fa']);

/** The language a tag names by its primary subtag (`de-AT` is de, `zh-TW` is zh), if the page has it. */
export function supportedLanguage(tag: string): Language | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  const language = ALIASES[primary] ?? primary;
  return Object.prototype.hasOwnProperty.call(TABLES, language) ? (language as Language) : null;
}

/** The first of the browser's preferred languages that the page has, else English. */
function browserLanguage(): Language {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language ?? ''];
  for (const tag of tags) {
    const language = supportedLanguage(tag);
    if (language) return language;
  }
  return 'en';
}

/** The language the server rendered the page in (`config(language=...)`), else the browser's. */
let current: Language = supportedLanguage(document.documentElement.dataset.pywebioLanguage ?? '') ?? browserLanguage();

/** The page's language now. */
export function pageLanguage(): Language {
  return current;
}

/** Whether the page's language is written right to left. */
export function rightToLeft(): boolean {
  return RTL.has(current);
}

/** Make `choice` (a language tag) the page's language; null, or one the page does not have:
 * the browser's. Returns the language now. */
export function chooseLanguage(choice: string | null): Language {
  current = (choice && supportedLanguage(choice)) || browserLanguage();
  return current;
}

/** `value` as the page's language writes numbers (its decimal sign, its digits). */
function localNumber(value: number): string {
  const { decimalSign, digits } = TABLES[current];
  return String(value).replace('.', decimalSign).replace(/[0-9]/g, (digit) => digits[Number(digit)]);
}

/** The message ``key`` in the page's language, with ``{name}`` placeholders filled from ``values``
 * (numbers written as the language writes them). */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return TABLES[current][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? localNumber(value) : value;
  });
}

export type Translate = typeof t;
