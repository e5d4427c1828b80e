import { useTranslation } from "react-i18next";
import { attitudes, committeeRoles, type Attitude, type CommitteeMember, type CommitteeNode, type CommitteeRole } from "./deal-api.ts";

/** Role and attitude pickers of one committee member, and its removal; shared by the list and the map. */
export function MemberEditor({ node, onChange, onRemove }: { node: CommitteeNode; onChange(patch: Partial<CommitteeMember>): void; onRemove(): void }) {
  const { t } = useTranslation("deal");
  const who = node.name ?? node.contactId;
  return (
    <div className="member-editor">
      <label className="field">
        <span className="field__label">{t("deal.committee.role")}</span>
        <select aria-label={t("deal.committee.roleOf", { name: who })} value={node.role ?? ""} onChange={(e) => onChange({ role: e.target.value as CommitteeRole })}>
          {committeeRoles.map((r) => (
            <option key={r} value={r}>
              {t(`deal.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t("deal.committee.attitude")}</span>
        <select aria-label={t("deal.committee.attitudeOf", { name: who })} value={node.attitude ?? ""} onChange={(e) => onChange(e.target.value ? { attitude: e.target.value as Attitude } : { attitude: undefined })}>
          <option value="">{t("deal.attitude.unknown")}</option>
          {attitudes.map((a) => (
            <option key={a} value={a}>
              {t(`deal.attitude.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--ghost button--small" onClick={onRemove} aria-label={t("deal.committee.removeOf", { name: who })}>
        {t("deal.committee.remove")}
      </button>
    </div>
  );
}
