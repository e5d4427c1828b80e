import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { createFormatters, type Formatters } from "./format.ts";
import { saveLocale, type Locale } from "./locale.ts";

export interface LocaleTools {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** Numbers, money, dates and instants formatted for the current language. */
  fmt: Formatters;
}

/** The current language, a way to switch it (saved for the next visit) and formatters for it. */
export function useLocale(): LocaleTools {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.resolvedLanguage === "zh-CN" ? "zh-CN" : "en";
  const fmt = useMemo(() => createFormatters(locale), [locale]);
  const setLocale = useCallback(
    (next: Locale) => {
      saveLocale(next);
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return { locale, setLocale, fmt };
}

/**
 * The common labels (`t`) with the locale tools. Screens with their own namespace call
 * `useTranslation("board")` for their labels and `useLocale()` for formatting.
 */
export function useI18n() {
  const { t } = useTranslation();
  const tools = useLocale();
  /** For keys built from server values (a lead source): the raw value when the dictionary has no label. */
  const tMaybe = useCallback((key: string, fallback: string): string => t(key as never, { defaultValue: fallback }) as string, [t]);
  return { ...tools, t, tMaybe };
}
