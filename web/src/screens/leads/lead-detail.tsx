import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Countdown } from "../../components/countdown.tsx";
import { ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { ConvertDialog } from "./convert-dialog.tsx";
import { LeadHistory } from "./lead-history.tsx";
import type { LeadRecord } from "./leads-api.ts";
import { ScorePanel } from "./score-panel.tsx";
import { StatusActions } from "./status-actions.tsx";
import { TouchForm } from "./touch-form.tsx";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

const detailFields = ["email", "phone", "title", "companyName", "industry", "companySize", "region", "campaign"] as const;

/** One lead: its fields, score explained, history, first contact, status changes and conversion. */
export function LeadDetail() {
  const { leadId = "" } = useParams();
  const { t } = useTranslation("leads");
  const leads = useLeadsApi();
  // After a contact is logged the server sets firstContactAt from the activity's event: look again until it shows.
  const [awaitingContact, setAwaitingContact] = useState(false);
  const lead = useQuery({
    queryKey: leadKeys.lead(leadId),
    queryFn: () => leads.lead(leadId),
    refetchInterval: (q) => (awaitingContact && !q.state.data?.firstContactAt ? 1_000 : false),
  });
  const [converting, setConverting] = useState(false);

  if (lead.isPending) return <LoadingState label={t("leads.loadingLead")} />;
  if (lead.isError) return <ErrorState title={t("leads.leadLoadFailed")} error={lead.error} onRetry={() => void lead.refetch()}><Link to="/leads">{t("leads.back")}</Link></ErrorState>;
  const l = lead.data;
  return (
    <div className="screen screen--lead">
      <Link className="back-link" to="/leads">← {t("leads.back")}</Link>
      <LeadHeader lead={l} onConvert={() => setConverting(true)} />
      <div className="lead-grid">
        <section className="panel" aria-labelledby="lead-fields">
          <h2 id="lead-fields">{t("leads.details")}</h2>
          <LeadFields lead={l} />
        </section>
        <ScorePanel leadId={leadId} />
        <TouchForm lead={l} onContactLogged={() => setAwaitingContact(true)} />
        <LeadHistory leadId={leadId} />
      </div>
      <ConvertDialog lead={l} open={converting} onClose={() => setConverting(false)} />
    </div>
  );
}

function LeadHeader({ lead, onConvert }: { lead: LeadRecord; onConvert(): void }) {
  const { t } = useTranslation("leads");
  const { t: tc, fmt } = useI18n();
  const due = !lead.firstContactAt && lead.slaDueAt ? lead.slaDueAt : undefined;
  return (
    <header className="lead-header">
      <div className="lead-header__who">
        <h1>{lead.name}</h1>
        <p className="muted">{[lead.title, lead.companyName].filter(Boolean).join(" · ")}</p>
        <div className="lead-header__facts">
          <span className={`status status--${lead.status}`}>{tc(`leadStatus.${lead.status}`)}</span>
          <span className="score">{t("leads.scoreShort", { score: fmt.number(lead.totalScore ?? 0) })}{lead.grade && <span className={`grade grade--${lead.grade}`}>{lead.grade}</span>}</span>
          {due && <span className="lead-header__sla">{t("leads.firstContact")}: <Countdown dueAt={due} /></span>}
          {lead.firstContactAt && <span className="muted">{t("leads.contactedAt", { at: fmt.dateTime(lead.firstContactAt) })}</span>}
        </div>
      </div>
      <StatusActions lead={lead} onConvert={onConvert} />
    </header>
  );
}

function LeadFields({ lead }: { lead: LeadRecord }) {
  const { t } = useTranslation("leads");
  const { tMaybe, fmt } = useI18n();
  const { memberName } = useSession();
  return (
    <dl className="lead-fields">
      {detailFields.map((f) => (
        <div key={f}>
          <dt>{t(`leads.field.${f}`)}</dt>
          <dd>{lead[f] ?? "—"}</dd>
        </div>
      ))}
      <div><dt>{t("leads.field.source")}</dt><dd>{tMaybe(`leadSource.${lead.source}`, lead.source)}</dd></div>
      <div><dt>{t("leads.field.owner")}</dt><dd>{memberName(lead.ownerId) ?? t("leads.unassigned")}</dd></div>
      <div><dt>{t("leads.field.tags")}</dt><dd>{lead.tags?.length ? lead.tags.join(", ") : "—"}</dd></div>
      <div><dt>{t("leads.field.createdAt")}</dt><dd>{fmt.dateTime(lead.createdAt)}</dd></div>
    </dl>
  );
}
