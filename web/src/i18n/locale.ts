export const locales = ["en", "zh-CN"] as const;
export type Locale = (typeof locales)[number];

const storageKey = "dealflow.locale";

export const localeNames: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

const isLocale = (v: unknown): v is Locale => typeof v === "string" && (locales as readonly string[]).includes(v);

/** The saved choice first; otherwise the browser's preferred languages (any zh-* reads Simplified Chinese). */
export function initialLocale(): Locale {
  const saved = localStorage.getItem(storageKey);
  if (isLocale(saved)) return saved;
  const preferred = navigator.languages.length > 0 ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    if (/^zh\b/i.test(tag)) return "zh-CN";
    if (/^en\b/i.test(tag)) return "en";
  }
  return "en";
}

export function saveLocale(locale: Locale): void {
  localStorage.setItem(storageKey, locale);
}
