import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { initialLocale } from "./locale.ts";
import { namespaces, resources } from "./resources.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: (typeof resources)["en"];
    keySeparator: false;
    nsSeparator: false;
  }
}

/** i18next with every dictionary bundled: two languages of labels are small, and no screen waits for a fetch. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: "en",
  supportedLngs: Object.keys(resources),
  ns: namespaces,
  defaultNS: "common",
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});

const setDocumentLang = (lng: string) => {
  document.documentElement.lang = lng;
};
setDocumentLang(i18n.language);
i18n.on("languageChanged", setDocumentLang);
