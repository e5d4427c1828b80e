import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { LeadStatus } from "../../api/api-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import type { LeadRecord } from "./leads-api.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

const open: readonly LeadStatus[] = ["new", "assigned", "contacted", "recycled"];

/**
 * Qualify, disqualify (its reason is logged as a note on the lead: the lead itself has no reason field) and convert.
 * The status changes at once and returns if the server refuses (409 stale, 422 rule), with its message.
 */
export function StatusActions({ lead, onConvert }: { lead: LeadRecord; onConvert(): void }) {
  const { t } = useTranslation("leads");
  const { t: tc } = useI18n();
  const leads = useLeadsApi();
  const client = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const key = leadKeys.lead(lead.leadId);
  const change = useMutation({
    mutationFn: async ({ status, why }: { status: LeadStatus; why?: string }) => {
      if (why) await leads.logTouch(lead.leadId, { type: "note", title: t("leads.disqualifiedNote", { reason: why }) });
      return leads.setStatus(lead.leadId, lead.version, status);
    },
    onMutate: async ({ status }) => {
      await client.cancelQueries({ queryKey: key, exact: true });
      const before = client.getQueryData<LeadRecord>(key);
      client.setQueryData<LeadRecord>(key, (l) => l && { ...l, status });
      return { before };
    },
    onError: (_err, _v, ctx) => ctx?.before && client.setQueryData(key, ctx.before),
    // The stored lead carries the new version a conversion must send.
    onSuccess: (saved) => client.setQueryData(key, saved),
    onSettled: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });

  if (lead.status === "converted") {
    return (
      <div className="lead-actions">
        {lead.convertedOpportunityId && <Link className="button button--primary" to={`/deals/${encodeURIComponent(lead.convertedOpportunityId)}`}>{t("leads.openDeal")}</Link>}
      </div>
    );
  }
  return (
    <div className="lead-actions">
      {open.includes(lead.status) && (
        <button type="button" className="button" disabled={change.isPending} onClick={() => change.mutate({ status: "qualified" })}>{t("leads.qualify")}</button>
      )}
      {lead.status !== "disqualified" && (
        <button type="button" className="button button--ghost" disabled={change.isPending} onClick={() => setAsking(true)}>{t("leads.disqualify")}</button>
      )}
      {lead.status === "disqualified" && (
        <button type="button" className="button" disabled={change.isPending} onClick={() => change.mutate({ status: "recycled" })}>{t("leads.reopen")}</button>
      )}
      {lead.status === "qualified" && <button type="button" className="button button--primary" disabled={change.isPending} onClick={onConvert}>{t("leads.convert")}</button>}
      {change.isError && <div className="alert alert--error lead-actions__error" role="alert">{t("leads.statusFailed", { message: describeError(change.error, tc) })}</div>}
      <Dialog open={asking} title={t("leads.disqualifyTitle", { name: lead.name })} onClose={() => setAsking(false)}
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={() => setAsking(false)}>{t("leads.cancel")}</button>
            <button type="button" className="button button--primary" disabled={!reason.trim()}
              onClick={() => { change.mutate({ status: "disqualified", why: reason.trim() }); setAsking(false); setReason(""); }}>
              {t("leads.disqualify")}
            </button>
          </>
        }>
        <div className="field">
          <label className="field__label" htmlFor={reasonId}>{t("leads.disqualifyReason")}</label>
          <textarea id={reasonId} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </Dialog>
    </div>
  );
}
