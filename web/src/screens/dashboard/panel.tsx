import type { ReactNode } from "react";
import { useId } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import type { Unconverted } from "./dashboard-api.ts";

interface PanelProps<T> {
  title: string;
  subtitle?: string;
  query: UseQueryResult<T>;
  /** True when the report has nothing to show: the empty state replaces the chart. */
  isEmpty: (data: T) => boolean;
  emptyMessage: string;
  children: (data: T) => ReactNode;
  wide?: boolean;
}

/** One dashboard card: its own loading, error (with retry) and empty states, so one report never blanks another. */
export function Panel<T>({ title, subtitle, query, isEmpty, emptyMessage, children, wide = false }: PanelProps<T>) {
  const { t } = useTranslation("dashboard");
  const headingId = useId();
  let body: ReactNode;
  if (query.isPending) body = <LoadingState label={t("dashboard.loading")} />;
  else if (query.isError) body = <ErrorState title={t("dashboard.loadFailed", { title })} error={query.error} onRetry={() => void query.refetch()} />;
  else if (isEmpty(query.data)) body = <EmptyState message={emptyMessage} />;
  else body = children(query.data);
  return (
    <section className={`dash-panel${wide ? " dash-panel--wide" : ""}`} aria-labelledby={headingId}>
      <header className="dash-panel__header">
        <h2 id={headingId}>{title}</h2>
        {subtitle && <p className="muted">{subtitle}</p>}
      </header>
      {body}
    </section>
  );
}

/** The chart is a picture of the table beside it; screen readers and tests read the table. */
export function ChartBox({ height, children }: { height: number; children: ReactNode }) {
  return (
    <div className="dash-chart" style={{ height }} aria-hidden="true">
      {children}
    </div>
  );
}

export function TableBox({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className="dash-table-wrap">
      <table className="dash-table">
        <caption className="visually-hidden">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

/** Money a report could not convert (no exchange rate): said, never added to the figures. */
export function UnconvertedNote({ items }: { items: readonly Unconverted[] }) {
  const { t } = useTranslation("dashboard");
  const { fmt } = useLocale();
  if (items.length === 0) return null;
  return (
    <div className="notice dash-unconverted" role="note">
      <p>{t("dashboard.unconverted.title")}</p>
      <ul>
        {items.map((u) => (
          <li key={u.currency}>{t("dashboard.unconverted.item", { count: u.items, amount: fmt.money(u.amount, u.currency) })}</li>
        ))}
      </ul>
    </div>
  );
}

/** A board link filtered the way the board reads its URL (pipeline, owner, team, month) plus the funnel's stage. */
export function boardLink(filters: { teamId?: string | undefined; pipelineId?: string | undefined; stage?: string; owner?: string; month?: string }): string {
  const params = new URLSearchParams();
  if (filters.pipelineId) params.set("pipeline", filters.pipelineId);
  if (filters.stage) params.set("stage", filters.stage);
  if (filters.owner) params.set("owner", filters.owner);
  if (filters.month) params.set("month", filters.month);
  if (filters.teamId) params.set("team", filters.teamId);
  const qs = params.toString();
  return qs ? `/board?${qs}` : "/board";
}

/** 0..1 ratios from the API shown as percentages; "—" where there was nothing to divide. */
export function usePercent() {
  const { fmt } = useLocale();
  return (ratio: number | null | undefined) => (ratio === null || ratio === undefined ? "—" : fmt.percent(ratio * 100));
}

export const chartColors = { accent: "#2f5bea", soft: "#9db3f5", ok: "#17784a", warn: "#d08a1c", danger: "#b42318", grey: "#8a96a8", quota: "#1b2330" };
