import { useTranslation } from "react-i18next";
import { EmptyState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import type { Deal, DealPipeline } from "./deal-api.ts";

const dayMs = 86_400_000;

/** Every stay of the deal in a stage, oldest first, with how long it lasted (or has lasted so far). */
export function StageHistorySection({ deal, pipeline }: { deal: Deal; pipeline: DealPipeline | undefined }) {
  const { t } = useTranslation("deal");
  const { fmt, locale } = useLocale();
  const stays = deal.stageHistory ?? [];
  const name = (key: string) => {
    const s = pipeline?.stages.find((x) => x.key === key);
    return s ? stageName(s, locale) : key;
  };
  return (
    <section className="deal-panel" aria-labelledby="deal-history">
      <h2 id="deal-history" className="deal-section__title">
        {t("deal.history.title")}
      </h2>
      {stays.length === 0 ? (
        <EmptyState message={t("deal.history.empty")} />
      ) : (
        <ol className="stage-history">
          {stays.map((s) => {
            const end = s.leftAt ? Date.parse(s.leftAt) : Date.now();
            const days = Math.max(0, Math.floor((end - Date.parse(s.enteredAt)) / dayMs));
            return (
              <li key={s.seq} className="stage-history__item">
                <strong>{name(s.stage)}</strong>
                <span className="muted">
                  {fmt.dateTime(s.enteredAt)} · {s.leftAt ? t("deal.history.days", { count: days }) : t("deal.history.current", { count: days })}
                </span>
                {s.kind === "reopened" && s.reason && <span className="muted">{t("deal.history.reopened", { reason: s.reason })}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
