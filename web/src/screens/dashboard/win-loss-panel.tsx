import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocale } from "../../i18n/use-i18n.ts";
import type { TeamLookups, WinLossReport, WinRate } from "./dashboard-api.ts";
import { boardLink, ChartBox, chartColors, Panel, TableBox, UnconvertedNote, usePercent } from "./panel.tsx";

/** Closed deals of the period's cohort: why deals were lost, to whom, and win rates by competitor and owner. */
export function WinLossPanel({ query, lookups, linkTeam }: { query: UseQueryResult<WinLossReport>; lookups: TeamLookups; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  return (
    <Panel
      title={t("dashboard.winLoss.title")}
      subtitle={t("dashboard.winLoss.subtitle")}
      query={query}
      isEmpty={(r) => r.overall.won + r.overall.lost === 0}
      emptyMessage={t("dashboard.winLoss.empty")}
      wide
    >
      {(report) => <WinLossBody report={report} lookups={lookups} linkTeam={linkTeam} />}
    </Panel>
  );
}

function WinLossBody({ report, lookups, linkTeam }: { report: WinLossReport; lookups: TeamLookups; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  const { fmt, locale } = useLocale();
  const percent = usePercent();
  const reasonName = (key: string) => {
    const r = lookups.reasonOf(key);
    return r ? (locale === "zh-CN" && r.labelZh ? r.labelZh : r.label) : key;
  };
  const reasons = report.lossReasons.map((r) => ({ ...r, name: reasonName(r.reason) }));
  const competitorName = (key: string) => (key === "no competitor" ? t("dashboard.winLoss.noCompetitor") : key === "unknown" ? t("dashboard.winLoss.unknown") : key);
  const ownerName = (key: string) => (key === "unowned" ? t("dashboard.unowned") : (lookups.nameOf(key) ?? key));
  return (
    <>
      <p className="dash-kpis">
        <span>{t("dashboard.winLoss.winRate", { value: percent(report.overall.winRate) })}</span>
        <span>{t("dashboard.winLoss.wonLost", { won: report.overall.won, lost: report.overall.lost })}</span>
        <span>{t("dashboard.winLoss.invalid", { count: report.invalid })}</span>
      </p>
      <div className="dash-split">
        <div>
          <h3 className="dash-subhead">{t("dashboard.winLoss.reasons")}</h3>
          {reasons.length === 0 ? (
            <p className="muted">{t("dashboard.winLoss.noLosses")}</p>
          ) : (
            <>
              <ChartBox height={Math.max(110, reasons.length * 32 + 30)}>
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={reasons} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 4 }}>
                    <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                    <XAxis type="number" allowDecimals={false} />
                    <YAxis type="category" dataKey="name" width={130} tickLine={false} />
                    <Tooltip />
                    <Bar dataKey="count" name={t("dashboard.col.deals")} fill={chartColors.danger} isAnimationActive={false} maxBarSize={24} />
                  </BarChart>
                </ResponsiveContainer>
              </ChartBox>
              <TableBox caption={t("dashboard.winLoss.reasons")}>
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.col.reason")}</th>
                    <th scope="col" className="num">{t("dashboard.col.deals")}</th>
                    <th scope="col" className="num">{t("dashboard.col.amount")}</th>
                  </tr>
                </thead>
                <tbody>
                  {reasons.map((r) => (
                    <tr key={r.reason}>
                      <th scope="row">{r.name}</th>
                      <td className="num" data-label={t("dashboard.col.deals")}>{fmt.number(r.count)}</td>
                      <td className="num" data-label={t("dashboard.col.amount")}>{fmt.money(r.amount, report.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableBox>
            </>
          )}
        </div>
        <div>
          <h3 className="dash-subhead">{t("dashboard.winLoss.byCompetitor")}</h3>
          <RateTable caption={t("dashboard.winLoss.byCompetitor")} keyHeader={t("dashboard.col.competitor")} rows={report.byCompetitor} nameOf={competitorName} currency={report.currency} />
          <h3 className="dash-subhead">{t("dashboard.winLoss.byOwner")}</h3>
          <RateTable
            caption={t("dashboard.winLoss.byOwner")}
            keyHeader={t("dashboard.col.rep")}
            rows={report.byOwner}
            nameOf={ownerName}
            currency={report.currency}
            linkOf={(key) => (key === "unowned" ? undefined : boardLink({ owner: key, teamId: linkTeam }))}
          />
        </div>
      </div>
      <UnconvertedNote items={report.unconverted} />
    </>
  );
}

interface RateTableProps {
  caption: string;
  keyHeader: string;
  rows: readonly WinRate[];
  nameOf: (key: string) => string;
  currency: string;
  linkOf?: (key: string) => string | undefined;
}

function RateTable({ caption, keyHeader, rows, nameOf, currency, linkOf }: RateTableProps) {
  const { t } = useTranslation("dashboard");
  const { fmt } = useLocale();
  const percent = usePercent();
  return (
    <TableBox caption={caption}>
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          <th scope="col" className="num">{t("dashboard.col.won")}</th>
          <th scope="col" className="num">{t("dashboard.col.lost")}</th>
          <th scope="col" className="num">{t("dashboard.col.winRate")}</th>
          <th scope="col" className="num">{t("dashboard.col.wonAmount")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const to = linkOf?.(r.key);
          const name = nameOf(r.key);
          return (
            <tr key={r.key}>
              <th scope="row">{to ? <Link to={to} aria-label={t("dashboard.ownerLink", { name })}>{name}</Link> : name}</th>
              <td className="num" data-label={t("dashboard.col.won")}>{fmt.number(r.won)}</td>
              <td className="num" data-label={t("dashboard.col.lost")}>{fmt.number(r.lost)}</td>
              <td className="num" data-label={t("dashboard.col.winRate")}>{percent(r.winRate)}</td>
              <td className="num" data-label={t("dashboard.col.wonAmount")}>{fmt.money(r.wonAmount, currency)}</td>
            </tr>
          );
        })}
      </tbody>
    </TableBox>
  );
}
