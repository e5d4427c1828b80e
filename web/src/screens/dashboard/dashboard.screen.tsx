import { useTranslation } from "react-i18next";

export function DashboardScreen() {
  const { t } = useTranslation("dashboard");
  return <h1>{t("dashboard.title")}</h1>;
}
