import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Countdown, useNow } from "../../components/countdown.tsx";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import type { InboxRow, InboxView } from "./inbox-rows.ts";

interface LeadsTableProps {
  view: InboxView;
  rows: readonly InboxRow[];
  onClaim?: (row: InboxRow) => void;
  claiming?: string | undefined;
}

/** A table on wide screens; below 640 px each row reads as a labelled card (leads.css). */
export function LeadsTable({ view, rows, onClaim, claiming }: LeadsTableProps) {
  const { t } = useTranslation("leads");
  const { t: tc, tMaybe, fmt } = useI18n();
  const { memberName } = useSession();
  // One clock for every countdown in the list.
  const now = useNow();
  const showOwner = view !== "mine";
  const col = (c: string) => t(`leads.col.${c}` as "leads.col.lead");
  return (
    <div className="table-wrap">
      <table className="leads-table">
        <caption className="visually-hidden">{t(`leads.view.${view}`)}</caption>
        <thead>
          <tr>
            <th scope="col">{col("lead")}</th>
            <th scope="col">{view === "pool" ? col("pooled") : col("sla")}</th>
            <th scope="col" className="num">{col("score")}</th>
            <th scope="col">{col("source")}</th>
            <th scope="col">{col("status")}</th>
            {showOwner && <th scope="col">{view === "pool" ? col("lastOwner") : col("owner")}</th>}
            {view === "pool" && <th scope="col"><span className="visually-hidden">{col("actions")}</span></th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((lead) => (
            <tr key={lead.leadId} data-lead-id={lead.leadId}>
              <th scope="row" data-label={col("lead")}>
                <Link className="lead-name" to={`/leads/${encodeURIComponent(lead.leadId)}`}>{lead.name}</Link>
                {(lead.companyName || lead.email) && <span className="lead-sub">{[lead.companyName, lead.email].filter(Boolean).join(" · ")}</span>}
              </th>
              <td data-label={view === "pool" ? col("pooled") : col("sla")}>
                {view === "pool" ? (lead.pooledAt ? <time dateTime={lead.pooledAt}>{fmt.dateTime(lead.pooledAt)}</time> : "—")
                  : lead.slaDueAt ? <Countdown dueAt={lead.slaDueAt} now={now} /> : <span className="muted">{t("leads.noSla")}</span>}
              </td>
              <td data-label={col("score")} className="num">
                <span className="score" title={t("leads.scoreLabel", { score: fmt.number(lead.totalScore), grade: lead.grade ?? "—" })}>
                  {fmt.number(lead.totalScore)}
                  {lead.grade && <span className={`grade grade--${lead.grade}`}>{lead.grade}</span>}
                </span>
              </td>
              <td data-label={col("source")}>{lead.source ? tMaybe(`leadSource.${lead.source}`, lead.source) : "—"}</td>
              <td data-label={col("status")}>
                <span className={`status status--${lead.status}`}>{tc(`leadStatus.${lead.status}`)}</span>
              </td>
              {showOwner && <td data-label={view === "pool" ? col("lastOwner") : col("owner")}>{memberName(lead.ownerId) ?? t("leads.unassigned")}</td>}
              {view === "pool" && (
                <td className="leads-table__action">
                  <button type="button" className="button button--small" disabled={claiming !== undefined} onClick={() => onClaim?.(lead)}
                    aria-label={t("leads.claimLead", { name: lead.name })}>
                    {claiming === lead.leadId ? t("leads.claiming") : t("leads.claim")}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
