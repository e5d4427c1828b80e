import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocale } from "../../i18n/use-i18n.ts";
import type { CompanyForecast, ForecastFigures, ForecastReport } from "./dashboard-api.ts";
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

/** The figures of one forecast row (a month, a team, a total) and the words they are shown with. */
function useFigures(currency: string) {
  const { t } = useTranslation("dashboard");
  const { fmt } = useLocale();
  const percent = usePercent();
  const money = (n: number | null) => (n === null ? t("dashboard.forecast.noQuota") : fmt.money(n, currency));
  const label = (key: (typeof series)[number]["key"] | "quota") => t(`dashboard.forecast.${key}`);
  const head = (
    <>
      {series.map((s) => (
        <th key={s.key} scope="col" className="num">{label(s.key)}</th>
      ))}
      <th scope="col" className="num">{t("dashboard.forecast.weighted")}</th>
      <th scope="col" className="num">{label("quota")}</th>
      <th scope="col" className="num">{t("dashboard.forecast.attainment")}</th>
    </>
  );
  const cells = (f: ForecastFigures) => (
    <>
      {series.map((s) => (
        <td key={s.key} className="num" data-label={label(s.key)}>{fmt.money(f[s.key], currency)}</td>
      ))}
      <td className="num" data-label={t("dashboard.forecast.weighted")}>{fmt.money(f.weighted, currency)}</td>
      <td className="num" data-label={label("quota")}>{money(f.quota)}</td>
      <td className="num" data-label={t("dashboard.forecast.attainment")}>{percent(f.attainment)}</td>
    </>
  );
  const kpis = (total: ForecastFigures) => (
    <p className="dash-kpis">
      <span>{t("dashboard.forecast.kpiCommit", { amount: fmt.money(total.commit, currency) })}</span>
      <span>{total.quota === null ? t("dashboard.forecast.kpiNoQuota") : t("dashboard.forecast.kpiQuota", { amount: money(total.quota) })}</span>
      <span>{t("dashboard.forecast.kpiAttainment", { value: percent(total.attainment) })}</span>
    </p>
  );
  return { label, head, cells, kpis };
}

function ForecastBody({ report, linkTeam }: { report: ForecastReport; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  const { fmt, locale } = useLocale();
  const { label, head, cells: row, kpis } = useFigures(report.currency);
  const data = report.byMonth.map((m) => ({ ...m, label: monthLabel(m.month, locale) }));
  return (
    <>
      {kpis(report.total)}
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
            {head}
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

/** Admins: every team's forecast for the period against its quota, and the company's; a team's row opens its dashboard. */
export function CompanyForecastPanel({ query, onPickTeam }: { query: UseQueryResult<CompanyForecast>; onPickTeam(teamId: string): void }) {
  const { t } = useTranslation("dashboard");
  return (
    <Panel
      title={t("dashboard.company.title")}
      subtitle={t("dashboard.company.subtitle")}
      query={query}
      isEmpty={(r) => r.byTeam.length === 0}
      emptyMessage={t("dashboard.company.empty")}
      wide
    >
      {(report) => <CompanyBody report={report} onPickTeam={onPickTeam} />}
    </Panel>
  );
}

function CompanyBody({ report, onPickTeam }: { report: CompanyForecast; onPickTeam(teamId: string): void }) {
  const { t } = useTranslation("dashboard");
  const { head, cells, kpis } = useFigures(report.currency);
  return (
    <>
      {kpis(report.total)}
      <TableBox caption={t("dashboard.company.title")}>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.company.team")}</th>
            {head}
          </tr>
        </thead>
        <tbody>
          {report.byTeam.map((team) => (
            <tr key={team.teamId} data-team={team.teamId}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onPickTeam(team.teamId)} aria-label={t("dashboard.company.openTeam", { team: team.teamName })}>
                  {team.teamName}
                </button>
              </th>
              {cells(team)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("dashboard.company.total")}</th>
            {cells(report.total)}
          </tr>
        </tfoot>
      </TableBox>
      <UnconvertedNote items={report.unconverted} />
    </>
  );
}
