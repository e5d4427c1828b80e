import { useQueries } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

interface HistoryEntry {
  key: string;
  at: string;
  kind: "activity" | "touch" | "marketing";
  label: string;
  detail?: string | undefined;
}

/** Everything that happened to the lead, newest first: logged contacts, repeat captures and marketing behaviour. */
export function LeadHistory({ leadId }: { leadId: string }) {
  const { t } = useTranslation("leads");
  const { tMaybe } = useI18n();
  const { memberName } = useSession();
  const leads = useLeadsApi();
  const [activities, touches, marketing] = useQueries({
    queries: [
      { queryKey: leadKeys.part(leadId, "activities"), queryFn: () => leads.activities(leadId) },
      { queryKey: leadKeys.part(leadId, "touches"), queryFn: () => leads.touches(leadId) },
      { queryKey: leadKeys.part(leadId, "marketing"), queryFn: () => leads.marketing(leadId) },
    ],
  });
  const failed = [activities, touches, marketing].find((q) => q.isError);
  const entries: HistoryEntry[] = [
    ...(activities.data?.items ?? []).map((a) => ({
      key: `a-${a.activityId}`, at: a.occurredAt, kind: "activity" as const,
      label: `${t(`leads.activity.${a.type}`)}: ${a.title}`, detail: [memberName(a.authorId), a.body].filter(Boolean).join(" — "),
    })),
    ...(touches.data?.items ?? []).map((x) => ({
      key: `t-${x.touchId}`, at: x.at, kind: "touch" as const,
      label: t("leads.touchAgain", { channel: tMaybe(`leadSource.${x.channel}`, x.channel) }),
      detail: [x.campaign, t("leads.touchMatchedBy", { key: x.matchedBy }), x.filled?.length ? t("leads.filled", { fields: x.filled.join(", ") }) : ""].filter(Boolean).join(" · "),
    })),
    ...(marketing.data?.items ?? []).map((m) => ({
      key: `m-${m.eventId}`, at: m.at, kind: "marketing" as const,
      label: t(`leads.marketing.${m.activityType}` as "leads.marketing.page_visit", { defaultValue: m.activityType.replace(/_/g, " ") }), detail: [m.url, m.source].filter(Boolean).join(" · "),
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const loading = activities.isPending || touches.isPending || marketing.isPending;

  return (
    <section className="panel lead-history" aria-labelledby="lead-history">
      <h2 id="lead-history">{t("leads.history")}</h2>
      {failed?.isError && <ErrorState title={t("leads.historyFailed")} error={failed.error} onRetry={() => void failed.refetch()} />}
      {loading && !failed && <LoadingState label={t("leads.loadingHistory")} />}
      {!loading && !failed && entries.length === 0 && <EmptyState message={t("leads.noHistory")} />}
      {entries.length > 0 && (
        <ol className="history">
          {entries.map((e) => <HistoryItem key={e.key} entry={e} />)}
        </ol>
      )}
    </section>
  );
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation("leads");
  const { fmt } = useI18n();
  return (
    <li className={`history__item history__item--${entry.kind}`}>
      <span className="history__kind">{t(`leads.historyKind.${entry.kind}`)}</span>
      <span className="history__label">{entry.label}</span>
      {entry.detail && <span className="history__detail muted">{entry.detail}</span>}
      <time className="history__at muted" dateTime={entry.at}>{fmt.dateTime(entry.at)}</time>
    </li>
  );
}
