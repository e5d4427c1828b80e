import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import type { TeamLookups } from "./dashboard-api.ts";
import type { RiskList } from "../../api/api-types.ts";
import { Panel } from "./panel.tsx";

/** Open deals with risk alerts, riskiest first, each with what to do next; a deal opens its 360° view. */
export function RiskPanel({ query, lookups }: { query: UseQueryResult<RiskList>; lookups: TeamLookups }) {
  const { t } = useTranslation("dashboard");
  const { fmt, locale } = useLocale();
  const text = (x: { en: string; zh: string }) => (locale === "zh-CN" ? x.zh : x.en);
  return (
    <Panel title={t("dashboard.risks.title")} subtitle={t("dashboard.risks.subtitle")} query={query} isEmpty={(r) => r.deals.length === 0} emptyMessage={t("dashboard.risks.empty")} wide>
      {(list) => {
        const stageOf = (key: string) => {
          const stage = lookups.stageOf(key);
          return stage ? stageName(stage, locale) : key;
        };
        return (
          <>
            <p className="dash-kpis">
              <span>{t("dashboard.risks.count", { count: list.deals.length, checked: list.checked })}</span>
            </p>
            <ol className="risk-list" aria-label={t("dashboard.risks.title")}>
              {list.deals.map((d) => (
                <li key={d.opportunityId} className="risk-item">
                  <div className="risk-item__head">
                    <Link to={`/deals/${encodeURIComponent(d.opportunityId)}`} className="risk-item__name">{d.name}</Link>
                    <span className="risk-item__amount">{d.currency ? fmt.money(d.amount, d.currency) : fmt.number(d.amount)}</span>
                  </div>
                  <p className="muted">
                    {t("dashboard.risks.meta", { owner: (d.ownerId && lookups.nameOf(d.ownerId)) ?? t("dashboard.unowned"), stage: stageOf(d.stage), score: fmt.number(d.score) })}
                  </p>
                  <ul className="risk-alerts">
                    {d.alerts.map((a) => (
                      <li key={a.code} className={`risk-alert risk-alert--${a.severity}`}>
                        <span className="risk-alert__severity">{t(`dashboard.severity.${a.severity}`)}</span>
                        <span>{text(a.message)}</span>
                        <span className="risk-alert__action">
                          <strong>{t("dashboard.risks.next")}</strong> {text(a.action)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </>
        );
      }}
    </Panel>
  );
}
