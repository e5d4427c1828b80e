import { useTranslation } from "react-i18next";
import { attitudes, committeeRoles, type Attitude, type CommitteeMember, type CommitteeNode, type CommitteeRole } from "./deal-api.ts";

/** Role and attitude pickers of one committee member, and its removal; shared by the list and the map. */
export function MemberEditor({ node, onChange, onRemove }: { node: CommitteeNode; onChange(patch: Partial<CommitteeMember>): void; onRemove(): void }) {
  const { t } = useTranslation("deal");
  const who = node.name ?? node.contactId;
  return (
    <div className="member-editor">
      <RoleSelect value={node.role ?? ""} label={t("deal.committee.roleOf", { name: who })} onChange={(role) => onChange({ role })} />
      <AttitudeSelect value={node.attitude ?? ""} label={t("deal.committee.attitudeOf", { name: who })} onChange={(a) => onChange({ attitude: a || undefined })} />
      <button type="button" className="button button--ghost button--small" onClick={onRemove} aria-label={t("deal.committee.removeOf", { name: who })}>
        {t("deal.committee.remove")}
      </button>
    </div>
  );
}

/** The committee role picker (the schema's six roles, localized); `label` names whose role it is, if anyone's. */
export function RoleSelect({ value, label, onChange }: { value: CommitteeRole | ""; label?: string; onChange(role: CommitteeRole): void }) {
  const { t } = useTranslation("deal");
  return (
    <label className="field">
      <span className="field__label">{t("deal.committee.role")}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as CommitteeRole)}>
        {committeeRoles.map((r) => (
          <option key={r} value={r}>
            {t(`deal.role.${r}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The attitude picker; "" is unknown. */
export function AttitudeSelect({ value, label, onChange }: { value: Attitude | ""; label?: string; onChange(attitude: Attitude | ""): void }) {
  const { t } = useTranslation("deal");
  return (
    <label className="field">
      <span className="field__label">{t("deal.committee.attitude")}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as Attitude | "")}>
        <option value="">{t("deal.attitude.unknown")}</option>
        {attitudes.map((a) => (
          <option key={a} value={a}>
            {t(`deal.attitude.${a}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
