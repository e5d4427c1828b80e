import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { LeadStatus } from "../../api/api-types.ts";
import { Dialog } from "../../components/dialog.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import type { LeadRecord } from "./leads-api.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

const open: readonly LeadStatus[] = ["new", "assigned", "contacted", "recycled"];

/**
 * Qualify, disqualify (its reason is logged as a note on the lead: the lead itself has no reason field), convert,
 * and release a recycled lead to the team pool (公海). The status changes at once and returns if the server
 * refuses (409 stale, 422 rule), with its message.
 */
export function StatusActions({ lead, onConvert }: { lead: LeadRecord; onConvert(): void }) {
  const { t } = useTranslation("leads");
  const { t: tc } = useI18n();
  const leads = useLeadsApi();
  const client = useQueryClient();
  const { me } = useSession();
  const [asking, setAsking] = useState<"disqualify" | "release" | null>(null);
  const [reason, setReason] = useState("");
  const reasonId = useId();
  const close = () => {
    setAsking(null);
    setReason("");
  };
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
  // Owners give up their own leads; managers and admins release any (pool-release.ts); only a recycled lead goes.
  const mayRelease = lead.status === "recycled" && !lead.pooled && (me.role !== "rep" || lead.ownerId === me.userId);
  const release = useMutation({
    mutationFn: (why: string) => leads.release(lead.leadId, lead.version, why || undefined),
    onSuccess: (saved) => client.setQueryData(key, saved),
    onSettled: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });
  // A pooled lead is claimed from here too; the server enforces the claim limit and the releaser's cool-down.
  const claim = useMutation({
    mutationFn: () => leads.claim(lead.leadId),
    onSuccess: (saved) => client.setQueryData(key, saved),
    onSettled: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });
  const busy = change.isPending || release.isPending || claim.isPending;

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
        <button type="button" className="button" disabled={busy} onClick={() => change.mutate({ status: "qualified" })}>{t("leads.qualify")}</button>
      )}
      {lead.status !== "disqualified" && (
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => setAsking("disqualify")}>{t("leads.disqualify")}</button>
      )}
      {lead.status === "disqualified" && (
        <button type="button" className="button" disabled={busy} onClick={() => change.mutate({ status: "recycled" })}>{t("leads.reopen")}</button>
      )}
      {mayRelease && (
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => setAsking("release")}>{t("leads.release")}</button>
      )}
      {lead.pooled && (
        <>
          <p className="muted">{t("leads.inPool")}</p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => claim.mutate()}>{t("leads.claim")}</button>
        </>
      )}
      {lead.status === "qualified" && <button type="button" className="button button--primary" disabled={busy} onClick={onConvert}>{t("leads.convert")}</button>}
      {change.isError && <div className="alert alert--error lead-actions__error" role="alert">{t("leads.statusFailed", { message: describeError(change.error, tc) })}</div>}
      {claim.isError && <div className="alert alert--error lead-actions__error" role="alert">{t("leads.claimFailed", { message: describeError(claim.error, tc) })}</div>}
      {release.isError && <div className="alert alert--error lead-actions__error" role="alert">{t("leads.releaseFailed", { message: describeError(release.error, tc) })}</div>}
      <Dialog open={asking !== null} title={asking === "release" ? t("leads.releaseTitle", { name: lead.name }) : t("leads.disqualifyTitle", { name: lead.name })} onClose={close}
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={close}>{t("leads.cancel")}</button>
            {asking === "release" ? (
              <button type="button" className="button button--primary" onClick={() => { release.mutate(reason.trim()); close(); }}>
                {t("leads.release")}
              </button>
            ) : (
              <button type="button" className="button button--primary" disabled={!reason.trim()}
                onClick={() => { change.mutate({ status: "disqualified", why: reason.trim() }); close(); }}>
                {t("leads.disqualify")}
              </button>
            )}
          </>
        }>
        {asking === "release" && <p className="muted">{t("leads.releaseHint")}</p>}
        <div className="field">
          <label className="field__label" htmlFor={reasonId}>{asking === "release" ? t("leads.releaseReason") : t("leads.disqualifyReason")}</label>
          <textarea id={reasonId} rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      </Dialog>
    </div>
  );
}
