// All user-visible strings go through i18next; 简体中文 is the default, English the alternative.
// Numbers, money and percentages are formatted with Intl for the active locale (¥ by default).
import i18n, { type BackendModule } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { zhCN, type Dictionary } from './zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'regulars.locale';

// 简体中文 is the default and ships with the shell, ready before the first render; English is its own
// chunk, fetched only by those who pick it. Both have the same keys (by type), so no fallback is needed.
const onDemand: Partial<Record<Locale, () => Promise<Dictionary>>> = {
  en: () => import('./en.ts').then((m) => m.en),
};

// i18next's own hook for loading a language later: it asks this backend for a language it lacks,
// before the first render (react-i18next suspends meanwhile, so an English user sees no flash of
// Chinese) and before a switch.
const lazyDictionaries: BackendModule = {
  type: 'backend',
  init: () => undefined,
  read(language, _namespace, done) {
    const load = onDemand[language as Locale];
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
  resources: { 'zh-CN': { translation: zhCN } },
  partialBundledLanguages: true, // the bundled language as is, the others from the backend
  initAsync: false, // so the default language is ready synchronously and nothing suspends
  lng: first,
  load: 'currentOnly', // 'zh-CN' only, not also 'zh'
  fallbackLng: false,
  interpolation: { escapeValue: false },
});
document.documentElement.lang = first;

/** Switches the language (fetching its dictionary the first time); the page re-renders once it is in. */
export function setLocale(locale: Locale): void {
  void i18n.changeLanguage(locale).then(() => {
    localStorage.setItem(KEY, locale);
    document.documentElement.lang = locale;
  });
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
