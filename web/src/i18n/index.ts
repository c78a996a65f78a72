// All user-visible strings go through i18next; 简体中文 is the default, English the alternative.
// Numbers, money and percentages are formatted with Intl for the active locale (¥ by default).
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { zhCN, type Dictionary } from './zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'regulars.locale';

// 简体中文 is the default and ships with the shell; English is its own chunk, fetched only by those
// who pick it. Both have the same keys (by type), so no fallback language is ever needed.
const dictionaries: Record<Locale, () => Promise<Dictionary>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('./en.ts').then((m) => m.en),
};

// i18next's own way to load a language on demand: it asks the backend before the first render
// (react-i18next suspends until then, so an English user sees no flash of Chinese) and before a switch.
const lazyDictionaries: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, done) {
    const load = dictionaries[language as Locale] as (() => Promise<Dictionary>) | undefined;
    if (!load) return done(new Error(`no dictionary for ${language}`), false);
    load().then((words) => done(null, words), (e: unknown) => done(e instanceof Error ? e : new Error(String(e)), false));
  },
};

function initialLocale(): Locale {
  const saved = localStorage.getItem(KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'zh-CN';
}

const first = initialLocale();
void i18n.use(lazyDictionaries).use(initReactI18next).init({
  lng: first,
  load: 'currentOnly', // 'zh-CN' only, not also 'zh'
  fallbackLng: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = first;

/** Switches the language; its dictionary is fetched the first time, then the page re-renders. */
export function setLocale(locale: Locale): void {
  localStorage.setItem(KEY, locale);
  void i18n.changeLanguage(locale).then(() => { document.documentElement.lang = locale; });
}

export interface Formats {
  locale: Locale;
  int(n: number | null | undefined): string;
  dec(n: number | null | undefined, digits?: number): string;
  pct(ratio: number | null | undefined, digits?: number): string;
  money(minor: number | null | undefined, currency?: string): string;
}

export function formatsFor(locale: Locale): Formats {
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dash = '—';
  return {
    locale,
    int: (n) => (n === null || n === undefined || !Number.isFinite(n) ? dash : int.format(n)),
    dec: (n, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? dash
      : new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)),
    pct: (r, digits = 1) => (r === null || r === undefined || !Number.isFinite(r) ? dash
      : new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(r)),
    // Minor units → major with the currency's own digits (CNY 2); the value never passes through float × 100.
    money: (minor, currency = 'CNY') => {
      if (minor === null || minor === undefined || !Number.isFinite(minor)) return dash;
      const f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(minor / 10 ** digits);
    },
  };
}

/** t() plus formatters for the active language. */
export function useI18n() {
  const { t, i18n: inst } = useTranslation();
  const locale = (inst.language as Locale) ?? 'zh-CN';
  return { t, locale, f: formatsFor(locale) };
}

export default i18n;
