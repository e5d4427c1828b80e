import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { dealKeys, type Deal } from "./deal-api.ts";
import { useDealLabel } from "./deal-labels.ts";
import { useDealApi } from "./use-deal.ts";

/** The learned win probability next to the stage's, with the factors that move it most. */
export function WinProbabilitySection({ deal, stageLabel }: { deal: Deal; stageLabel(key: string): string | undefined }) {
  const { t } = useTranslation("deal");
  const { fmt } = useLocale();
  const maybe = useDealLabel();
  const calls = useDealApi();
  const win = useQuery({ queryKey: dealKeys.win(deal.opportunityId), queryFn: () => calls.winProbability(deal.opportunityId) });
  const { memberName } = useSession();
  const factor = (f: { feature: string; value: string }) => {
    const value = f.feature === "owner" ? (memberName(f.value) ?? maybe(`deal.win.value.${f.value}`, f.value))
      : f.feature === "stage" ? (stageLabel(f.value) ?? f.value)
      : maybe(`deal.win.value.${f.value}`, f.value);
    return `${maybe(`deal.win.feature.${f.feature}`, f.feature)}: ${value}`;
  };
  return (
    <section className="deal-panel" aria-labelledby="deal-win">
      <h2 id="deal-win" className="deal-section__title">
        {t("deal.win.title")}
      </h2>
      {win.isPending ? (
        <LoadingState label={t("deal.win.loading")} />
      ) : win.isError ? (
        <ErrorState title={t("deal.win.error")} error={win.error} onRetry={() => void win.refetch()} />
      ) : (
        <>
          <dl className="deal-win">
            <div>
              <dt>{t("deal.win.model")}</dt>
              <dd className="deal-win__figure">{win.data.probability === null ? t("deal.win.noModel") : fmt.percent(win.data.probability * 100)}</dd>
            </div>
            <div>
              <dt>{t("deal.win.stage")}</dt>
              <dd className="deal-win__figure">{fmt.percent(win.data.dealProbability)}</dd>
            </div>
          </dl>
          {win.data.up.length + win.data.down.length > 0 && (
            <ul className="deal-win__factors">
              {win.data.up.map((f) => (
                <li key={`up:${f.feature}`} className="deal-win__up">
                  ▲ {factor(f)}
                </li>
              ))}
              {win.data.down.map((f) => (
                <li key={`down:${f.feature}`} className="deal-win__down">
                  ▼ {factor(f)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** Risk alerts with the next best action for each, in the reader's language. */
export function RisksSection({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const { locale } = useLocale();
  const calls = useDealApi();
  const risks = useQuery({ queryKey: dealKeys.risks(deal.opportunityId), queryFn: () => calls.risks(deal.opportunityId) });
  const text = (b: { en: string; zh: string }) => (locale === "zh-CN" ? b.zh : b.en);
  return (
    <section className="deal-panel" aria-labelledby="deal-risks">
      <h2 id="deal-risks" className="deal-section__title">
        {t("deal.risks.title")}
      </h2>
      {risks.isPending ? (
        <LoadingState label={t("deal.risks.loading")} />
      ) : risks.isError ? (
        <ErrorState title={t("deal.risks.error")} error={risks.error} onRetry={() => void risks.refetch()} />
      ) : risks.data.alerts.length === 0 ? (
        <EmptyState message={t("deal.risks.none")} />
      ) : (
        <ul className="deal-risk-list">
          {risks.data.alerts.map((a) => (
            <li key={a.code} className={`deal-risk deal-risk--${a.severity}`}>
              <span className="deal-risk__severity">{t(`deal.risks.severity.${a.severity}`)}</span>
              <p>{text(a.message)}</p>
              <p className="muted">{t("deal.risks.action", { action: text(a.action) })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
