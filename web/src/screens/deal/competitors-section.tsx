import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../components/status-views.tsx";
import type { Competitor, Deal } from "./deal-api.ts";
import { useDealApi, useDealEditable, useDealWrite } from "./use-deal.ts";

const positions = ["lower", "similar", "higher"] as const;
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Who else the customer is talking to; added and removed at once, undone if the server refuses. */
export function CompetitorsSection({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const calls = useDealApi();
  const [name, setName] = useState("");
  const [position, setPosition] = useState<Competitor["pricePosition"] | "">("");
  const add = useDealWrite<Competitor>(deal.opportunityId, (d, c) => calls.addCompetitor(d.opportunityId, d.version, c), (d, c) => ({ ...d, competitors: [...(d.competitors ?? []).filter((x) => !same(x.name, c.name)), c] }));
  const remove = useDealWrite<string>(deal.opportunityId, (d, n) => calls.removeCompetitor(d.opportunityId, d.version, n), (d, n) => ({ ...d, competitors: (d.competitors ?? []).filter((x) => !same(x.name, n)) }));
  const editable = useDealEditable(deal);
  const list = deal.competitors ?? [];
  const error = add.error ?? remove.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    add.mutate({ name: name.trim(), ...(position && { pricePosition: position }) });
    setName("");
    setPosition("");
  };
  return (
    <section className="deal-panel" aria-labelledby="deal-competitors">
      <h2 id="deal-competitors" className="deal-section__title">
        {t("deal.competitors.title")}
      </h2>
      {error && (
        <p className="deal-error" role="alert">
          {t("deal.saveFailed", { message: error })}
        </p>
      )}
      {list.length === 0 ? (
        <EmptyState message={t("deal.competitors.empty")} />
      ) : (
        <ul className="deal-chip-list">
          {list.map((c) => (
            <li key={c.name} className="deal-chip">
              <span>
                {c.name}
                {c.pricePosition && <span className="muted"> · {t(`deal.competitors.price.${c.pricePosition}`)}</span>}
              </span>
              {editable && (
                <button type="button" className="deal-chip__remove" aria-label={t("deal.competitors.remove", { name: c.name })} onClick={() => remove.mutate(c.name)}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="deal-inline-form" onSubmit={submit}>
          <label className="field">
            <span className="field__label">{t("deal.competitors.name")}</span>
            <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </label>
          <label className="field">
            <span className="field__label">{t("deal.competitors.pricePosition")}</span>
            <select value={position} onChange={(e) => setPosition(e.target.value as Competitor["pricePosition"] | "")}>
              <option value="">{t("deal.competitors.price.unknown")}</option>
              {positions.map((p) => (
                <option key={p} value={p}>
                  {t(`deal.competitors.price.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button" disabled={!name.trim()}>
            {t("deal.competitors.add")}
          </button>
        </form>
      )}
    </section>
  );
}
