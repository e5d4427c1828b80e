import { useId } from "react";
import { useTranslation } from "react-i18next";
import { leadStatuses } from "../../api/api-types.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";

interface InboxFiltersProps {
  status: string | undefined;
  owner: string | undefined;
  search: string;
  showOwner: boolean;
  /** In my queue no rep means me; in the team list it means everyone. */
  ownerMeansMe: boolean;
  onChange(key: "status" | "owner" | "q", value: string | undefined): void;
}

/** Status, rep (managers) and a name search; each kept in the URL by the caller. */
export function InboxFilters({ status, owner, search, showOwner, ownerMeansMe, onChange }: InboxFiltersProps) {
  const { t } = useTranslation("leads");
  const { t: tc } = useI18n();
  const { members, me } = useSession();
  const ids = { status: useId(), owner: useId(), search: useId() };
  const reps = ownerMeansMe ? members.filter((m) => m.userId !== me.userId) : members;
  return (
    <div className="leads-filters">
      <div className="field">
        <label className="field__label" htmlFor={ids.search}>{t("leads.search")}</label>
        <input id={ids.search} type="search" value={search} placeholder={t("leads.searchHint")} onChange={(e) => onChange("q", e.target.value || undefined)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={ids.status}>{t("leads.status")}</label>
        <select id={ids.status} value={status ?? ""} onChange={(e) => onChange("status", e.target.value || undefined)}>
          <option value="">{t("leads.allStatuses")}</option>
          {leadStatuses.map((s) => (
            <option key={s} value={s}>{tc(`leadStatus.${s}`)}</option>
          ))}
        </select>
      </div>
      {showOwner && (
        <div className="field">
          <label className="field__label" htmlFor={ids.owner}>{t("leads.rep")}</label>
          <select id={ids.owner} value={owner ?? ""} onChange={(e) => onChange("owner", e.target.value || undefined)}>
            <option value="">{ownerMeansMe ? t("leads.me") : t("leads.allReps")}</option>
            {reps.map((m) => (
              <option key={m.userId} value={m.userId}>{m.name}</option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
