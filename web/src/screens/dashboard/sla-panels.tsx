import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import type { Compliance, ResponseSlaReport, StageSlaReport, TeamLookups } from "./dashboard-api.ts";
import { boardLink, ChartBox, chartColors, Panel, TableBox, usePercent } from "./panel.tsx";

interface Row extends Compliance {
  name: string;
  to: string | undefined;
  linkLabel: string;
  medianMinutesToContact?: number | null;
}

/** Met vs missed as stacked bars, one per row of the table beneath. */
function ComplianceChart({ rows }: { rows: readonly Row[] }) {
  const { t } = useTranslation("dashboard");
  return (
    <ChartBox height={Math.max(120, rows.length * 34 + 50)}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={110} tickLine={false} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar dataKey="met" name={t("dashboard.sla.met")} stackId="sla" fill={chartColors.ok} isAnimationActive={false} maxBarSize={26} />
          <Bar dataKey="breached" name={t("dashboard.sla.missed")} stackId="sla" fill={chartColors.danger} isAnimationActive={false} maxBarSize={26} />
        </BarChart>
      </ResponsiveContainer>
    </ChartBox>
  );
}

function ComplianceTable({ caption, keyHeader, rows, withMedian }: { caption: string; keyHeader: string; rows: readonly Row[]; withMedian: boolean }) {
  const { t } = useTranslation("dashboard");
  const { fmt } = useLocale();
  const percent = usePercent();
  return (
    <TableBox caption={caption}>
      <thead>
        <tr>
          <th scope="col">{keyHeader}</th>
          <th scope="col" className="num">{t("dashboard.sla.met")}</th>
          <th scope="col" className="num">{t("dashboard.sla.missed")}</th>
          <th scope="col" className="num">{t("dashboard.sla.compliance")}</th>
          {withMedian && <th scope="col" className="num">{t("dashboard.sla.median")}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.to ? <Link to={r.to} aria-label={r.linkLabel}>{r.name}</Link> : r.name}</th>
            <td className="num" data-label={t("dashboard.sla.met")}>{fmt.number(r.met)}</td>
            <td className="num" data-label={t("dashboard.sla.missed")}>{fmt.number(r.breached)}</td>
            <td className="num" data-label={t("dashboard.sla.compliance")}>{percent(r.compliance)}</td>
            {withMedian && (
              <td className="num" data-label={t("dashboard.sla.median")}>
                {r.medianMinutesToContact == null ? "—" : t("dashboard.sla.minutes", { count: r.medianMinutesToContact })}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

function Overall({ c, median }: { c: Compliance; median?: number | null }) {
  const { t } = useTranslation("dashboard");
  const percent = usePercent();
  return (
    <p className="dash-kpis">
      <span>{t("dashboard.sla.overall", { value: percent(c.compliance) })}</span>
      <span>{t("dashboard.sla.metOf", { met: c.met, judged: c.judged })}</span>
      {median !== undefined && <span>{median === null ? t("dashboard.sla.noMedian") : t("dashboard.sla.medianKpi", { count: median })}</span>}
    </p>
  );
}

/** Lead response SLA: first contacts made in time vs missed, per rep, with the median minutes to first contact. */
export function ResponseSlaPanel({ query, lookups, linkTeam }: { query: UseQueryResult<ResponseSlaReport>; lookups: TeamLookups; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  return (
    <Panel title={t("dashboard.responseSla.title")} subtitle={t("dashboard.responseSla.subtitle")} query={query} isEmpty={(r) => r.overall.judged === 0} emptyMessage={t("dashboard.responseSla.empty")}>
      {(report) => {
        const rows: Row[] = report.byOwner.map((o) => {
          const name = lookups.nameOf(o.key) ?? o.key;
          return { ...o, name, to: boardLink({ owner: o.key, teamId: linkTeam }), linkLabel: t("dashboard.ownerLink", { name }) };
        });
        return (
          <>
            <Overall c={report.overall} median={report.overall.medianMinutesToContact} />
            <ComplianceChart rows={rows} />
            <ComplianceTable caption={t("dashboard.responseSla.title")} keyHeader={t("dashboard.col.rep")} rows={rows} withMedian />
          </>
        );
      }}
    </Panel>
  );
}

/** Deal stage SLA: stays that left the stage within its slaDays vs overdue ones, per stage and per owner. */
export function StageSlaPanel({ query, lookups, linkTeam }: { query: UseQueryResult<StageSlaReport>; lookups: TeamLookups; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  const { locale } = useLocale();
  return (
    <Panel title={t("dashboard.stageSla.title")} subtitle={t("dashboard.stageSla.subtitle")} query={query} isEmpty={(r) => r.overall.judged === 0} emptyMessage={t("dashboard.stageSla.empty")}>
      {(report) => {
        const pipeline = lookups.pipelineOf(report.pipelineId);
        const order = (key: string) => pipeline?.stages.findIndex((st) => st.key === key) ?? 0;
        const byStage: Row[] = [...report.byStage].sort((a, b) => order(a.key) - order(b.key)).map((s) => {
          const stage = pipeline?.stages.find((st) => st.key === s.key);
          const name = stage ? stageName(stage, locale) : s.key;
          return { ...s, name, to: boardLink({ pipelineId: report.pipelineId, stage: s.key, teamId: linkTeam }), linkLabel: t("dashboard.funnel.stageLink", { stage: name }) };
        });
        const byOwner: Row[] = report.byOwner.map((o) => {
          const name = o.key === "unowned" ? t("dashboard.unowned") : (lookups.nameOf(o.key) ?? o.key);
          return { ...o, name, to: o.key === "unowned" ? undefined : boardLink({ owner: o.key, teamId: linkTeam }), linkLabel: t("dashboard.ownerLink", { name }) };
        });
        return (
          <>
            <Overall c={report.overall} />
            <ComplianceChart rows={byStage} />
            <ComplianceTable caption={t("dashboard.stageSla.byStage")} keyHeader={t("dashboard.col.stage")} rows={byStage} withMedian={false} />
            <h3 className="dash-subhead">{t("dashboard.stageSla.byOwner")}</h3>
            <ComplianceTable caption={t("dashboard.stageSla.byOwner")} keyHeader={t("dashboard.col.rep")} rows={byOwner} withMedian={false} />
          </>
        );
      }}
    </Panel>
  );
}
