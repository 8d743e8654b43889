/**
 * The language of the pages: English or Welsh, chosen by the switcher (remembered on this device) or,
 * the first time, by the browser's preferred languages. Components read the texts through `useT()`.
 *
 * @example
 * ```ts
 * const t = useT();
 * t.login.title; // 'Log in to vote' or 'Mewngofnodi i bleidleisio'
 * ```
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { cy } from './cy.ts';
import { en, type Messages } from './en.ts';

export type Lang = 'en' | 'cy';
export type { Messages };

export const LANGS: readonly Lang[] = ['en', 'cy'];
const STORAGE_KEY = 'psephos-lang';

/** The texts of a language. */
export function messages(lang: Lang): Messages {
  return lang === 'cy' ? cy : en;
}

/** The language remembered on this device, else the first of the browser's languages we have. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'cy') return saved;
  } catch {
    // Storage may be disabled: fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'cy' || base === 'en') return base;
  }
  return 'en';
}

/** Remembers the language and sets `<html lang>` (screen readers choose their voice by it). */
export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered: the page still switches.
  }
}

export const I18n = createContext<Messages>(en);

/** The current language's texts. */
export function useT(): Messages {
  return useContext(I18n);
}
