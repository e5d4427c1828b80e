import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-i18n.ts";
import type { Deal, DealPatch } from "./deal-api.ts";
import { InlineField, type FieldInput } from "./inline-field.tsx";
import { useDealApi, useDealEditable, useDealWrite } from "./use-deal.ts";

type Key = "name" | "amount" | "currency" | "expectedCloseDate" | "priority" | "probability" | "nextStep" | "needs" | "budget" | "decisionProcess";
const currencies = ["CNY", "USD", "EUR", "HKD", "JPY", "GBP", "SGD"];

function toPatch(key: Key, raw: string): DealPatch {
  if (key === "amount" || key === "probability") return { [key]: Number(raw) };
  return { [key]: key === "currency" ? raw.toUpperCase() : raw };
}

/** The deal's own fields, each editable in place; a save is shown at once and undone if the server refuses it. */
export function DealDetails({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const { fmt } = useLocale();
  const calls = useDealApi();
  const write = useDealWrite<DealPatch>(deal.opportunityId, (d, patch) => calls.update(d.opportunityId, d.version, patch), (d, patch) => ({ ...d, ...patch }));
  const editable = useDealEditable(deal);
  const fields: { key: Key; display: string; input: FieldInput }[] = [
    { key: "name", display: deal.name, input: { kind: "text" } },
    { key: "amount", display: fmt.money(deal.amount, deal.currency), input: { kind: "number" } },
    { key: "currency", display: deal.currency, input: { kind: "select", options: [...new Set([deal.currency, ...currencies])].map((c) => ({ value: c, label: c })) } },
    { key: "expectedCloseDate", display: deal.expectedCloseDate ? fmt.date(deal.expectedCloseDate) : "", input: { kind: "date" } },
    { key: "priority", display: deal.priority ? t(`deal.priority.${deal.priority}`) : "", input: { kind: "select", options: (["A", "B", "C"] as const).map((p) => ({ value: p, label: t(`deal.priority.${p}`) })) } },
    { key: "probability", display: fmt.percent(deal.probability), input: { kind: "number" } },
    { key: "nextStep", display: deal.nextStep ?? "", input: { kind: "long" } },
    { key: "needs", display: deal.needs ?? "", input: { kind: "long" } },
    { key: "budget", display: deal.budget ?? "", input: { kind: "long" } },
    { key: "decisionProcess", display: deal.decisionProcess ?? "", input: { kind: "long" } },
  ];
  const raw = (key: Key) => String((deal as unknown as Record<string, unknown>)[key] ?? (key === "priority" ? "B" : ""));
  return (
    <section className="deal-panel" aria-labelledby="deal-details">
      <h2 id="deal-details" className="deal-section__title">
        {t("deal.details")}
      </h2>
      {write.error && (
        <p className="deal-error" role="alert">
          {t("deal.saveFailed", { message: write.error })}
        </p>
      )}
      <dl className="deal-details">
        {fields.map((f) => (
          <InlineField key={f.key} label={t(`deal.field.${f.key}`)} display={f.display} value={raw(f.key)} input={f.input} disabled={!editable} onSave={(v) => write.mutate(toPatch(f.key, v))} />
        ))}
      </dl>
    </section>
  );
}
