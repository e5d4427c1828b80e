import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { leadStatuses } from "../../api/api-types.ts";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { InboxFilters } from "./inbox-filters.tsx";
import { usePoolRows, useQueueRows, useTeamRows, type InboxRow, type InboxView } from "./inbox-rows.ts";
import type { Page, PoolItem } from "./leads-api.ts";
import { LeadsTable } from "./leads-table.tsx";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

const views: InboxView[] = ["mine", "team", "pool"];

/** The inbox: my queue by urgency, the team's leads (managers), the pool (公海) with claim. Filters live in the URL. */
export function LeadsInbox() {
  const { t } = useTranslation("leads");
  const { t: tc } = useI18n();
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const isManager = me.role !== "rep";
  const asked = params.get("view") as InboxView | null;
  const view: InboxView = asked && views.includes(asked) && (asked !== "team" || isManager) ? asked : "mine";
  const rawStatus = params.get("status") ?? "";
  const status = (leadStatuses as readonly string[]).includes(rawStatus) ? rawStatus : undefined;
  const owner = isManager ? params.get("owner") || undefined : undefined;
  const search = params.get("q") ?? "";

  const queue = useQueueRows(owner, view === "mine");
  const team = useTeamRows(status, owner, view === "team");
  const pool = usePoolRows(view === "pool");
  const claim = useClaim();

  const setParam = (key: string, value: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    }, { replace: true });

  const current = view === "mine" ? queue : view === "team" ? team : pool;
  const all: readonly InboxRow[] | undefined = view === "mine" ? queue.data : view === "team" ? team.data?.rows : pool.data?.rows;
  const rows = all && filterRows(all, view === "mine" ? status : undefined, search);

  return (
    <div className="screen screen--leads">
      <div className="screen__header">
        <h1>{t("leads.title")}</h1>
        {isManager && (
          <Link className="button" to="/leads/import">
            {t("leads.importCsv")}
          </Link>
        )}
      </div>
      <div className="leads-views" role="group" aria-label={t("leads.views")}>
        {views.filter((v) => v !== "team" || isManager).map((v) => (
          <button key={v} type="button" className={`leads-views__tab${v === view ? " is-active" : ""}`} aria-pressed={v === view} onClick={() => setParam("view", v === "mine" ? undefined : v)}>
            {t(`leads.view.${v}`)}
          </button>
        ))}
      </div>
      {view !== "pool" && <InboxFilters status={status} owner={owner} search={search} showOwner={isManager} ownerMeansMe={view === "mine"} onChange={setParam} />}
      {claim.error !== null && (
        <div className="alert alert--error" role="alert">
          {t("leads.claimFailed", { message: describeError(claim.error, tc) })}
        </div>
      )}
      {current.isPending && <LoadingState label={t("leads.loading")} />}
      {current.isError && <ErrorState title={t("leads.loadFailed")} error={current.error} onRetry={() => void current.refetch()} />}
      {rows && rows.length === 0 && <EmptyState message={t(all?.length ? "leads.noMatch" : `leads.empty.${view}`)} />}
      {rows && rows.length > 0 && (
        <>
          <LeadsTable view={view} rows={rows} onClaim={(r) => claim.mutate(r.leadId)} claiming={claim.isPending ? claim.variables : undefined} />
          <div className="table-footer">
            <span className="muted">{t("leads.shown", { count: rows.length })}</span>
            {view !== "mine" && "hasNextPage" in current && current.hasNextPage && (
              <button type="button" className="button" onClick={() => void current.fetchNextPage()} disabled={current.isFetchingNextPage}>
                {current.isFetchingNextPage ? t("leads.loadingMore") : t("leads.loadMore")}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}

function filterRows(rows: readonly InboxRow[], status: string | undefined, search: string): InboxRow[] {
  const needle = search.trim().toLowerCase();
  return rows.filter((r) => (!status || r.status === status) && (!needle || [r.name, r.companyName, r.email].some((v) => v?.toLowerCase().includes(needle))));
}

type PoolCache = InfiniteData<Page<PoolItem>, string | undefined>;

/** Claiming takes the lead out of the pool at once; a refusal (claim limit, cool-down, someone faster) puts it back. */
function useClaim() {
  const leads = useLeadsApi();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const mutation = useMutation({
    mutationFn: (leadId: string) => leads.claim(leadId),
    onMutate: async (leadId) => {
      setError(null);
      await client.cancelQueries({ queryKey: leadKeys.pool() });
      const before = client.getQueryData<PoolCache>(leadKeys.pool());
      client.setQueryData<PoolCache>(leadKeys.pool(), (d) => d && { ...d, pages: d.pages.map((p) => ({ ...p, items: p.items.filter((i) => i.id !== leadId) })) });
      return { before };
    },
    onError: (err, _id, ctx) => {
      if (ctx?.before) client.setQueryData(leadKeys.pool(), ctx.before);
      setError(err);
    },
    onSettled: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });
  return { ...mutation, error };
}
