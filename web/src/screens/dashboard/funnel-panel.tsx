import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Funnel, FunnelChart, LabelList, ResponsiveContainer, Tooltip } from "recharts";
import type { UseQueryResult } from "@tanstack/react-query";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import type { FunnelReport, TeamLookups } from "./dashboard-api.ts";
import { boardLink, ChartBox, chartColors, Panel, TableBox, UnconvertedNote, usePercent } from "./panel.tsx";

const shades = ["#1f44c4", "#2f5bea", "#5277ee", "#7a97f2", "#a3b7f6", "#c6d3fa"];

/** Deals created in the period: how many reached each stage, and what share went on to the next. */
export function FunnelPanel({ query, lookups, linkTeam }: { query: UseQueryResult<FunnelReport>; lookups: TeamLookups; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  return (
    <Panel title={t("dashboard.funnel.title")} subtitle={t("dashboard.funnel.subtitle")} query={query} isEmpty={(r) => r.deals === 0} emptyMessage={t("dashboard.funnel.empty")}>
      {(report) => <FunnelBody report={report} lookups={lookups} linkTeam={linkTeam} />}
    </Panel>
  );
}

function FunnelBody({ report, lookups, linkTeam }: { report: FunnelReport; lookups: TeamLookups; linkTeam: string | undefined }) {
  const { t } = useTranslation("dashboard");
  const { fmt, locale } = useLocale();
  const percent = usePercent();
  const navigate = useNavigate();
  const pipeline = lookups.pipelineOf(report.pipelineId);
  const nameOf = (key: string) => {
    const stage = pipeline?.stages.find((s) => s.key === key);
    return stage ? stageName(stage, locale) : key;
  };
  const link = (stage: string) => boardLink({ pipelineId: report.pipelineId, stage, teamId: linkTeam });
  const data = report.stages.map((s, i) => ({ key: s.stage, name: nameOf(s.stage), value: s.reached, fill: shades[i % shades.length] }));
  return (
    <>
      <p className="dash-kpis">
        <span>{t("dashboard.funnel.deals", { count: report.deals })}</span>
        <span>{t("dashboard.funnel.won", { count: report.won, amount: fmt.money(report.wonAmount, report.currency) })}</span>
        <span>{t("dashboard.funnel.overall", { value: percent(report.overallConversion) })}</span>
      </p>
      <ChartBox height={240}>
        <ResponsiveContainer width="100%" height="100%">
          <FunnelChart margin={{ top: 4, right: 96, bottom: 4, left: 4 }}>
            <Tooltip formatter={(value) => fmt.number(Number(value))} />
            <Funnel
              dataKey="value"
              data={data}
              isAnimationActive={false}
              cursor="pointer"
              onClick={(_item, index) => {
                const stage = report.stages[index];
                if (stage) void navigate(link(stage.stage));
              }}
            >
              <LabelList position="right" fill={chartColors.quota} stroke="none" dataKey="name" />
              <LabelList position="center" fill="#fff" stroke="none" dataKey="value" />
            </Funnel>
          </FunnelChart>
        </ResponsiveContainer>
      </ChartBox>
      <TableBox caption={t("dashboard.funnel.title")}>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.col.stage")}</th>
            <th scope="col" className="num">{t("dashboard.col.reached")}</th>
            <th scope="col" className="num">{t("dashboard.col.amount")}</th>
            <th scope="col" className="num">{t("dashboard.col.toNext")}</th>
            <th scope="col" className="num">{t("dashboard.col.openNow")}</th>
          </tr>
        </thead>
        <tbody>
          {report.stages.map((s) => (
            <tr key={s.stage}>
              <th scope="row">
                <Link to={link(s.stage)} aria-label={t("dashboard.funnel.stageLink", { stage: nameOf(s.stage) })}>
                  {nameOf(s.stage)}
                </Link>
              </th>
              <td className="num" data-label={t("dashboard.col.reached")}>{fmt.number(s.reached)}</td>
              <td className="num" data-label={t("dashboard.col.amount")}>{fmt.money(s.reachedAmount, report.currency)}</td>
              <td className="num" data-label={t("dashboard.col.toNext")}>{percent(s.conversionToNext)}</td>
              <td className="num" data-label={t("dashboard.col.openNow")}>{fmt.number(s.openNow)}</td>
            </tr>
          ))}
        </tbody>
      </TableBox>
      <UnconvertedNote items={report.unconverted} />
    </>
  );
}
