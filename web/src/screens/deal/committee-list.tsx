import { useTranslation } from "react-i18next";
import { EmptyState } from "../../components/status-views.tsx";
import type { Committee, CommitteeMember } from "./deal-api.ts";
import { MemberEditor } from "./member-editor.tsx";

interface Props {
  committee: Committee;
  editable: boolean;
  onChange(contactId: string, patch: Partial<CommitteeMember>): void;
  onRemove(contactId: string): void;
  /** `managerId: null` removes the link ("reports to nobody"). */
  onReportsTo(contactId: string, managerId: string | null): void;
}

/** The committee as a plain list: the accessible alternative to the map, and what a phone shows. */
export function CommitteeList({ committee, editable, onChange, onRemove, onReportsTo }: Props) {
  const { t } = useTranslation("deal");
  if (committee.nodes.length === 0) return <EmptyState message={t("deal.committee.empty")} />;
  const nameOf = (id: string) => committee.nodes.find((n) => n.contactId === id)?.name ?? id;
  return (
    <ul className="committee-list" aria-label={t("deal.committee.listLabel")}>
      {committee.nodes.map((n) => {
        const boss = committee.edges.find((e) => e.from === n.contactId)?.to;
        const who = n.name ?? n.contactId;
        return (
          <li key={n.contactId} className={`committee-list__item attitude--${n.attitude ?? "unknown"}`}>
            <div className="committee-list__who">
              <strong>{who}</strong>
              {n.title && <span className="muted"> · {n.title}</span>}
              <div className="muted">
                {n.onDeal && n.role ? t(`deal.role.${n.role}`) : t("deal.committee.notOnDeal")}
                {n.attitude && ` · ${t(`deal.attitude.${n.attitude}`)}`}
              </div>
            </div>
            {editable && n.onDeal && <MemberEditor node={n} onChange={(p) => onChange(n.contactId, p)} onRemove={() => onRemove(n.contactId)} />}
            {editable ? (
              <label className="field committee-list__boss">
                <span className="field__label">{t("deal.committee.reportsTo")}</span>
                <select aria-label={t("deal.committee.reportsToOf", { name: who })} value={boss ?? ""} onChange={(e) => onReportsTo(n.contactId, e.target.value || null)}>
                  <option value="">
                    {t("deal.committee.nobody")}
                  </option>
                  {committee.nodes
                    .filter((o) => o.contactId !== n.contactId)
                    .map((o) => (
                      <option key={o.contactId} value={o.contactId}>
                        {o.name ?? o.contactId}
                      </option>
                    ))}
                </select>
              </label>
            ) : (
              boss && <div className="muted">{t("deal.committee.reportsToName", { name: nameOf(boss) })}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
