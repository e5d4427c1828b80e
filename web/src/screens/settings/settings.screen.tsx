import { useTranslation } from "react-i18next";

export function SettingsScreen() {
  const { t } = useTranslation("settings");
  return <h1>{t("settings.title")}</h1>;
}
