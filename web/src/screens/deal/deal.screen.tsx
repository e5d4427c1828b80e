import { useTranslation } from "react-i18next";

export function DealScreen() {
  const { t } = useTranslation("deal");
  return <h1>{t("deal.title")}</h1>;
}
