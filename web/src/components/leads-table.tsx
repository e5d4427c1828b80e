import type { Lead } from "../api/api-types.ts";
import { useI18n } from "../i18n/use-i18n.ts";
import { useSession } from "../session/session-context.ts";

const columns = ["name", "company", "source", "status", "score", "owner", "created"] as const;

/** A plain table on wide screens; below 640 px each row reads as a labelled card (see styles.css). */
export function LeadsTable({ leads }: { leads: readonly Lead[] }) {
  const { t, tMaybe, fmt } = useI18n();
  const { memberName } = useSession();
  const label = (c: (typeof columns)[number]) => t(`leads.col.${c}`);
  return (
    <div className="table-wrap">
      <table className="leads-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={c === "score" ? "num" : undefined}>
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.leadId} data-lead-id={lead.leadId}>
              <th scope="row" data-label={label("name")}>
                <span className="lead-name">{lead.name}</span>
                {lead.email && <span className="lead-email">{lead.email}</span>}
              </th>
              <td data-label={label("company")}>{lead.companyName ?? "—"}</td>
              <td data-label={label("source")}>{tMaybe(`leadSource.${lead.source}`, lead.source)}</td>
              <td data-label={label("status")}>
                <span className={`status status--${lead.status}`}>{t(`leadStatus.${lead.status}`)}</span>
              </td>
              <td data-label={label("score")} className="num">
                <span>
                  {fmt.number(lead.totalScore ?? 0)}
                  {lead.grade && <span className="grade">{lead.grade}</span>}
                </span>
              </td>
              <td data-label={label("owner")}>{memberName(lead.ownerId) ?? t("board.unassigned")}</td>
              <td data-label={label("created")}>
                <time dateTime={lead.createdAt}>{fmt.dateTime(lead.createdAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
