import { useId } from "react";
import { useI18n } from "../i18n/use-i18n.ts";
import { localeNames, locales, type Locale } from "../i18n/locale.ts";

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t("language.label")}
      </label>
      <span className="language-switch__icon" aria-hidden="true">文A</span>
      <select id={id} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
