import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/session-context.ts";
import type { ConversionPreview } from "./leads-api.ts";

export type AccountChoice = { mode: "matched" } | { mode: "new"; name: string } | { mode: "existing"; accountId: string };

interface AccountChoiceProps {
  preview: ConversionPreview;
  value: AccountChoice;
  onChange(v: AccountChoice): void;
}

/** Use the account the server matched, create one, or pick another of the team's accounts by name. */
export function AccountChoiceField({ preview, value, onChange }: AccountChoiceProps) {
  const { t } = useTranslation("leads");
  const { api } = useSession();
  const ids = { name: useId(), search: useId(), pick: useId(), group: useId() };
  const [q, setQ] = useState("");
  const accounts = useQuery({
    queryKey: ["leads", "accounts", q],
    enabled: value.mode === "existing",
    queryFn: () => api.page<{ accountId: string; name: string }>("/accounts", { q: q.trim() || undefined, limit: 20 }),
  });
  const matched = preview.account;
  return (
    <fieldset className="convert-section">
      <legend>{t("leads.convertAccount")}</legend>
      {matched && (
        <label className="choice">
          <input type="radio" name={ids.group} checked={value.mode === "matched"} onChange={() => onChange({ mode: "matched" })} />
          {t("leads.useMatched", { name: matched.name, by: t(`leads.matchedBy.${matched.matchedBy}`) })}
        </label>
      )}
      <label className="choice">
        <input type="radio" name={ids.group} checked={value.mode === "new"} onChange={() => onChange({ mode: "new", name: value.mode === "new" ? value.name : "" })} />
        {t("leads.createAccount")}
      </label>
      {value.mode === "new" && (
        <div className="field">
          <label className="field__label" htmlFor={ids.name}>{t("leads.accountName")}</label>
          <input id={ids.name} value={value.name} required onChange={(e) => onChange({ mode: "new", name: e.target.value })} />
        </div>
      )}
      <label className="choice">
        <input type="radio" name={ids.group} checked={value.mode === "existing"} onChange={() => onChange({ mode: "existing", accountId: "" })} />
        {t("leads.pickAccount")}
      </label>
      {value.mode === "existing" && (
        <div className="convert-pick">
          <div className="field">
            <label className="field__label" htmlFor={ids.search}>{t("leads.searchAccounts")}</label>
            <input id={ids.search} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.pick}>{t("leads.account")}</label>
            <select id={ids.pick} value={value.accountId} onChange={(e) => onChange({ mode: "existing", accountId: e.target.value })}>
              <option value="">{accounts.isPending ? t("leads.loadingAccounts") : t("leads.chooseAccount")}</option>
              {accounts.data?.items.map((a) => <option key={a.accountId} value={a.accountId}>{a.name}</option>)}
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
