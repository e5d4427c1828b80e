import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { en, type MessageKey, type Messages } from "./en.ts";
import { zhCN } from "./zh-CN.ts";
import { createFormatters, type Formatters } from "./format.ts";
import { initialLocale, saveLocale, type Locale } from "./locale.ts";

const dictionaries: Record<Locale, Messages> = { en, "zh-CN": zhCN };
type Params = Record<string, string | number>;
type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
  /** Picks `<base>.one` or `<base>.other` by the locale's plural rules and fills in `{count}`. */
  plural(base: PluralBase, count: number, params?: Params): string;
  /** For keys built from server values (a lead source): falls back to the raw value when unknown. */
  tMaybe(key: string, fallback: string): string;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = dictionaries[locale];
    const rules = new Intl.PluralRules(locale);
    const fmt = createFormatters(locale);
    const t = (key: MessageKey, params?: Params) => fill(dict[key], params);
    return {
      locale, setLocale, t, fmt,
      plural: (base, count, params) => {
        const key = (rules.select(count) === "one" ? `${base}.one` : `${base}.other`) as MessageKey;
        return fill(dict[key], { count: fmt.number(count), ...params });
      },
      tMaybe: (key, fallback) => (key in dict ? dict[key as MessageKey] : fallback),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n must be used inside <I18nProvider>");
  return ctx;
}
