import { useId, useState } from "react";
import { leadStatuses, type LeadStatus } from "../../api/api-types.ts";
import { LeadsTable } from "../../components/leads-table.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useLeadsInbox } from "../../hooks/use-leads-inbox.ts";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";

export function LeadsScreen() {
  const { t } = useI18n();
  const [status, setStatus] = useState<LeadStatus | undefined>(undefined);
  const inbox = useLeadsInbox(status);
  const filterId = useId();
  const { state } = inbox;

  return (
    <div className="screen screen--leads">
      <div className="screen__header">
        <h1>{t("leads.title")}</h1>
        <div className="field field--inline">
          <label className="field__label" htmlFor={filterId}>
            {t("leads.status")}
          </label>
          <select id={filterId} value={status ?? ""} onChange={(e) => setStatus((e.target.value || undefined) as LeadStatus | undefined)}>
            <option value="">{t("leads.allStatuses")}</option>
            {leadStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`leadStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {state.status === "loading" && <LoadingState label={t("leads.loading")} />}
      {state.status === "error" && <ErrorState title={t("leads.loadFailed")} error={state.error} onRetry={inbox.reload} />}
      {state.status === "ready" && state.data.items.length === 0 && <EmptyState message={t("leads.empty")} />}
      {state.status === "ready" && state.data.items.length > 0 && (
        <>
          <LeadsTable leads={state.data.items} />
          <div className="table-footer">
            <span className="muted">{t("leads.shown", { count: state.data.items.length })}</span>
            {state.data.cursor && (
              <button type="button" className="button" onClick={inbox.loadMore} disabled={inbox.loadingMore}>
                {inbox.loadingMore ? t("app.loading") : t("leads.loadMore")}
              </button>
            )}
          </div>
          {inbox.moreError !== null && (
            <div className="alert alert--error" role="alert">
              {describeError(inbox.moreError, t)}
            </div>
          )}
        </>
      )}
    </div>
  );
}
