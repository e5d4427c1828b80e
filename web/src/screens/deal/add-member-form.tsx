import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Attitude, CommitteeRole, Contact } from "./deal-api.ts";
import { AttitudeSelect, RoleSelect } from "./member-editor.tsx";

export type MemberPick = ({ contactId: string } | { contact: { name: string; title?: string } }) & { role: CommitteeRole; attitude?: Attitude };
const newContact = "__new";

/** Puts a contact of the account (or a new one) on the committee with a role and, if known, an attitude. */
export function AddMemberForm({ contacts, onDeal, busy, onAdd }: { contacts: Contact[]; onDeal: Set<string>; busy: boolean; onAdd(pick: MemberPick): Promise<void> }) {
  const { t } = useTranslation("deal");
  const id = useId();
  const candidates = contacts.filter((c) => !onDeal.has(c.contactId));
  const [contactId, setContactId] = useState("");
  const [name, setName] = useState("");
  const [title, setTitle] = useState("");
  const [role, setRole] = useState<CommitteeRole>("influencer");
  const [attitude, setAttitude] = useState<Attitude | "">("");
  const chosen = contactId || (candidates[0]?.contactId ?? newContact);
  const creating = chosen === newContact;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (creating && !name.trim()) return;
    const who = creating ? { contact: { name: name.trim(), ...(title.trim() && { title: title.trim() }) } } : { contactId: chosen };
    try {
      await onAdd({ ...who, role, ...(attitude && { attitude }) });
      setContactId("");
      setName("");
      setTitle("");
    } catch {
      // The committee section shows the server's message.
    }
  };

  return (
    <form className="add-member" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="add-member__title">
        {t("deal.committee.add")}
      </h3>
      <label className="field">
        <span className="field__label">{t("deal.committee.contact")}</span>
        <select value={chosen} onChange={(e) => setContactId(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.contactId} value={c.contactId}>
              {c.title ? `${c.name} · ${c.title}` : c.name}
            </option>
          ))}
          <option value={newContact}>{t("deal.committee.newContact")}</option>
        </select>
      </label>
      {creating && (
        <>
          <label className="field">
            <span className="field__label">{t("deal.committee.name")}</span>
            <input value={name} required onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">{t("deal.committee.jobTitle")}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} />
          </label>
        </>
      )}
      <RoleSelect value={role} onChange={setRole} />
      <AttitudeSelect value={attitude} onChange={setAttitude} />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("deal.committee.addButton")}
      </button>
    </form>
  );
}
