import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Route, Routes, useSearchParams } from "react-router";
import { EmptyState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { useDashboardData, useReportingCurrency, useTeamLookups, type DashboardScope } from "./dashboard-api.ts";
import { currentPeriod, isPeriod, kindOf, periodChoices, periodLabel, type PeriodKind } from "./dashboard-period.ts";
import { CompanyForecastPanel, ForecastPanel } from "./forecast-panel.tsx";
import { FunnelPanel } from "./funnel-panel.tsx";
import { RiskPanel } from "./risk-panel.tsx";
import { ResponseSlaPanel, StageSlaPanel } from "./sla-panels.tsx";
import { WinLossPanel } from "./win-loss-panel.tsx";
import "../../styles/dashboard.css";

export function DashboardScreen() {
  return (
    <Routes>
      <Route path="*" element={<ManagerDashboard />} />
    </Routes>
  );
}

/** The period (`?period=2026-Q4` or `2026-11`) and, for admins, the team (`?team=`) live in the URL. */
function useDashboardScope(): [DashboardScope, (next: Partial<DashboardScope>) => void] {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get("period");
  const period = isPeriod(raw) ? raw : currentPeriod("quarter");
  const teamId = (me.role === "admin" && params.get("team")) || me.teamId;
  const update = (next: Partial<DashboardScope>) =>
    setParams((p) => {
      const out = new URLSearchParams(p);
      if (next.period) out.set("period", next.period);
      if (next.teamId) out.set("team", next.teamId);
      return out;
    });
  return [{ teamId, period }, update];
}

function ManagerDashboard() {
  const { t } = useTranslation("dashboard");
  const { me } = useSession();
  const [scope, setScope] = useDashboardScope();
  if (me.role === "rep") {
    return (
      <div className="dashboard">
        <h1>{t("dashboard.title")}</h1>
        <EmptyState message={t("dashboard.managersOnly")} />
      </div>
    );
  }
  return (
    <div className="dashboard">
      <div className="dashboard__top">
        <h1>{t("dashboard.title")}</h1>
        <DashboardFilters scope={scope} onChange={setScope} />
      </div>
      <DashboardPanels scope={scope} onPickTeam={(teamId) => setScope({ teamId })} />
    </div>
  );
}

function DashboardFilters({ scope, onChange }: { scope: DashboardScope; onChange: (next: Partial<DashboardScope>) => void }) {
  const { t } = useTranslation("dashboard");
  const { locale } = useLocale();
  const { api, me } = useSession();
  const kind = kindOf(scope.period);
  const teams = useQuery({ queryKey: ["dashboard", "teams"], queryFn: () => api.teams(), enabled: me.role === "admin", staleTime: 5 * 60_000 });
  return (
    <form className="dashboard__filters" aria-label={t("dashboard.filters")} onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span className="field__label">{t("dashboard.periodKind")}</span>
        <select value={kind} onChange={(e) => onChange({ period: currentPeriod(e.target.value as PeriodKind) })}>
          <option value="month">{t("dashboard.month")}</option>
          <option value="quarter">{t("dashboard.quarter")}</option>
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t("dashboard.period")}</span>
        <select value={scope.period} onChange={(e) => onChange({ period: e.target.value })}>
          {periodChoices(kind, scope.period).map((p) => (
            <option key={p} value={p}>{periodLabel(p, locale)}</option>
          ))}
        </select>
      </label>
      {me.role === "admin" && (
        <label className="field">
          <span className="field__label">{t("dashboard.team")}</span>
          <select value={scope.teamId} onChange={(e) => onChange({ teamId: e.target.value })} disabled={!teams.data}>
            {(teams.data ?? [{ teamId: scope.teamId, name: scope.teamId }]).map((team) => (
              <option key={team.teamId} value={team.teamId}>{team.name}</option>
            ))}
          </select>
        </label>
      )}
    </form>
  );
}

function DashboardPanels({ scope, onPickTeam }: { scope: DashboardScope; onPickTeam(teamId: string): void }) {
  const { t } = useTranslation("dashboard");
  const { locale } = useLocale();
  const { me } = useSession();
  const data = useDashboardData(scope);
  const lookups = useTeamLookups(scope.teamId);
  const currency = useReportingCurrency();
  // The board filters by team only for admins; others always see their own team there.
  const linkTeam = me.role === "admin" && scope.teamId !== me.teamId ? scope.teamId : undefined;
  return (
    <>
      <p className="muted dashboard__note">
        {t("dashboard.periodNote", { period: periodLabel(scope.period, locale) })}
        {currency.data && ` ${t("dashboard.currencyNote", { currency: currency.data.reportingCurrency })}`}
      </p>
      <div className="dashboard__grid">
        {me.role === "admin" && <CompanyForecastPanel query={data.company} onPickTeam={onPickTeam} />}
        <ForecastPanel query={data.forecast} linkTeam={linkTeam} />
        <FunnelPanel query={data.funnel} lookups={lookups} linkTeam={linkTeam} />
        <ResponseSlaPanel query={data.responseSla} lookups={lookups} linkTeam={linkTeam} />
        <StageSlaPanel query={data.stageSla} lookups={lookups} linkTeam={linkTeam} />
        <RiskPanel query={data.risks} lookups={lookups} />
        <WinLossPanel query={data.winLoss} lookups={lookups} linkTeam={linkTeam} />
      </div>
    </>
  );
}
