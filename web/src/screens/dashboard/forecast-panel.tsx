import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocale } from "../../i18n/use-i18n.ts";
import type { ForecastFigures, ForecastReport } from "./dashboard-api.ts";
import { monthLabel } from "./dashboard-period.ts";
import { boardLink, ChartBox, chartColors, Panel, TableBox, UnconvertedNote, usePercent } from "./panel.tsx";

const series = [
  { key: "closed", color: chartColors.ok },
  { key: "commit", color: chartColors.accent },
  { key: "bestCase", color: chartColors.soft },
  { key: "pipeline", color: chartColors.grey },
] as const;

/** Closed, commit, best case and pipeline (each includes the one before) per month, against the quota line. */
export function ForecastPanel({ query, linkTeam }: { query: UseQueryResult<ForecastReport>; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  return (
    <Panel
      title={t("dashboard.forecast.title")}
      subtitle={t("dashboard.forecast.subtitle")}
      query={query}
      isEmpty={(r) => r.total.deals === 0 && r.total.quota === null && r.unconverted.length === 0}
      emptyMessage={t("dashboard.forecast.empty")}
      wide
    >
      {(report) => <ForecastBody report={report} linkTeam={linkTeam} />}
    </Panel>
  );
}

function ForecastBody({ report, linkTeam }: { report: ForecastReport; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  const { fmt, locale } = useLocale();
  const percent = usePercent();
  const money = (n: number | null) => (n === null ? t("dashboard.forecast.noQuota") : fmt.money(n, report.currency));
  const label = (key: (typeof series)[number]["key"] | "quota") => t(`dashboard.forecast.${key}`);
  const data = report.byMonth.map((m) => ({ ...m, label: monthLabel(m.month, locale) }));
  const row = (f: ForecastFigures) => (
    <>
      {series.map((s) => (
        <td key={s.key} className="num" data-label={label(s.key)}>{fmt.money(f[s.key], report.currency)}</td>
      ))}
      <td className="num" data-label={t("dashboard.forecast.weighted")}>{fmt.money(f.weighted, report.currency)}</td>
      <td className="num" data-label={label("quota")}>{money(f.quota)}</td>
      <td className="num" data-label={t("dashboard.forecast.attainment")}>{percent(f.attainment)}</td>
    </>
  );
  return (
    <>
      <p className="dash-kpis">
        <span>{t("dashboard.forecast.kpiCommit", { amount: fmt.money(report.total.commit, report.currency) })}</span>
        <span>{report.total.quota === null ? t("dashboard.forecast.kpiNoQuota") : t("dashboard.forecast.kpiQuota", { amount: money(report.total.quota) })}</span>
        <span>{t("dashboard.forecast.kpiAttainment", { value: percent(report.total.attainment) })}</span>
      </p>
      <ChartBox height={280}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tickLine={false} />
            <YAxis tickFormatter={(v: number) => fmt.compactMoney(v, report.currency)} width={72} tickLine={false} />
            <Tooltip formatter={(v) => fmt.money(Number(v), report.currency)} />
            <Legend itemSorter={null} />
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={label(s.key)} fill={s.color} isAnimationActive={false} radius={[3, 3, 0, 0]} />
            ))}
            <Line dataKey="quota" name={label("quota")} stroke={chartColors.quota} strokeDasharray="6 3" strokeWidth={2} dot={{ r: 4 }} isAnimationActive={false} connectNulls />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartBox>
      <TableBox caption={t("dashboard.forecast.title")}>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.month")}</th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="num">{label(s.key)}</th>
            ))}
            <th scope="col" className="num">{t("dashboard.forecast.weighted")}</th>
            <th scope="col" className="num">{label("quota")}</th>
            <th scope="col" className="num">{t("dashboard.forecast.attainment")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row">
                <Link to={boardLink({ month: m.month, teamId: linkTeam })} aria-label={t("dashboard.forecast.monthLink", { month: m.label })}>
                  {m.label}
                </Link>
              </th>
              {row(m)}
            </tr>
          ))}
        </tbody>
        {data.length > 1 && (
          <tfoot>
            <tr>
              <th scope="row">{t("dashboard.forecast.total")}</th>
              {row(report.total)}
            </tr>
          </tfoot>
        )}
      </TableBox>
      <UnconvertedNote items={report.unconverted} />
    </>
  );
}
