import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Dialog } from "../../components/dialog.tsx";
import { ErrorState, LoadingState } from "../../components/status-views.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { AccountChoiceField, type AccountChoice } from "./account-choice.tsx";
import type { ConversionPreview, ConvertInput, LeadRecord } from "./leads-api.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

interface DealFields { name: string; amount: string; currency: string; closeDate: string }

/** Lead → account + contact + deal in one server transaction; the server's refusal (409/422) stays in the dialog. */
export function ConvertDialog({ lead, open, onClose }: { lead: LeadRecord; open: boolean; onClose(): void }) {
  const { t } = useTranslation("leads");
  const { t: tc } = useI18n();
  const leads = useLeadsApi();
  const client = useQueryClient();
  const preview = useQuery({ queryKey: leadKeys.part(lead.leadId, "conversion"), queryFn: () => leads.conversion(lead.leadId), enabled: open, staleTime: 0 });
  const [account, setAccount] = useState<AccountChoice>({ mode: "new", name: lead.companyName ?? "" });
  const [contact, setContact] = useState({ name: lead.name, email: lead.email ?? "", title: lead.title ?? "" });
  const [deal, setDeal] = useState<DealFields>({ name: "", amount: "", currency: "CNY", closeDate: "" });
  useEffect(() => {
    if (preview.data?.account) setAccount({ mode: "matched" });
  }, [preview.data?.account]);
  const convert = useMutation({
    mutationFn: (input: ConvertInput) => leads.convert(lead.leadId, input),
    onSuccess: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });
  const formId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    convert.mutate(toInput(lead, account, contact, deal));
  };
  const done = convert.data;
  const footer = done ? (
    <button type="button" className="button" onClick={onClose}>{t("leads.close")}</button>
  ) : (
    <>
      <button type="button" className="button button--ghost" onClick={onClose}>{t("leads.cancel")}</button>
      <button type="submit" form={formId} className="button button--primary" disabled={convert.isPending || !preview.data?.convertible}>
        {convert.isPending ? t("leads.converting") : t("leads.convertSubmit")}
      </button>
    </>
  );
  return (
    <Dialog open={open} title={t("leads.convertTitle", { name: lead.name })} onClose={onClose} footer={footer}>
      {done ? (
        <div className="convert-done" role="status">
          <p>{t("leads.converted", { account: done.account.name, contact: done.contact.name })}</p>
          <Link className="button button--primary" to={`/deals/${encodeURIComponent(done.opportunity.opportunityId)}`}>{t("leads.openNewDeal", { name: done.opportunity.name })}</Link>
        </div>
      ) : preview.isPending ? (
        <LoadingState label={t("leads.loadingConversion")} />
      ) : preview.isError ? (
        <ErrorState title={t("leads.conversionFailed")} error={preview.error} onRetry={() => void preview.refetch()} />
      ) : (
        <form id={formId} className="convert-form" onSubmit={submit}>
          {!preview.data.convertible && <div className="alert alert--error" role="alert">{t(`leads.blocked.${preview.data.blockedBy ?? "lead_not_qualified"}`)}</div>}
          <AccountChoiceField preview={preview.data} value={account} onChange={setAccount} />
          <ContactFields preview={preview.data} value={contact} onChange={setContact} />
          <DealFieldset value={deal} onChange={setDeal} />
          {convert.isError && <div className="alert alert--error" role="alert">{t("leads.convertFailed", { message: describeError(convert.error, tc) })}</div>}
        </form>
      )}
    </Dialog>
  );
}

function toInput(lead: LeadRecord, account: AccountChoice, contact: { name: string; email: string; title: string }, deal: DealFields): ConvertInput {
  const amount = deal.amount.trim() === "" ? undefined : Number(deal.amount);
  return {
    version: lead.version,
    ...(account.mode === "new" && { account: { name: account.name.trim() } }),
    ...(account.mode === "existing" && account.accountId && { account: { accountId: account.accountId } }),
    contact: { name: contact.name.trim() || lead.name, ...(contact.email.trim() && { email: contact.email.trim() }), ...(contact.title.trim() && { title: contact.title.trim() }) },
    opportunity: {
      ...(deal.name.trim() && { name: deal.name.trim() }),
      ...(amount !== undefined && Number.isFinite(amount) && { amount, currency: deal.currency }),
      ...(deal.closeDate && { expectedCloseDate: deal.closeDate }),
    },
  };
}

type ContactValue = { name: string; email: string; title: string };

function ContactFields({ preview, value, onChange }: { preview: ConversionPreview; value: ContactValue; onChange(v: ContactValue): void }) {
  const { t } = useTranslation("leads");
  const ids = { name: useId(), email: useId(), title: useId() };
  return (
    <fieldset className="convert-section">
      <legend>{t("leads.convertContact")}</legend>
      {preview.contact && <p className="notice">{t("leads.contactMatched", { name: preview.contact.name })}</p>}
      <div className="convert-row">
        <div className="field"><label className="field__label" htmlFor={ids.name}>{t("leads.contactName")}</label><input id={ids.name} value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} /></div>
        <div className="field"><label className="field__label" htmlFor={ids.email}>{t("leads.contactEmail")}</label><input id={ids.email} type="email" value={value.email} onChange={(e) => onChange({ ...value, email: e.target.value })} /></div>
        <div className="field"><label className="field__label" htmlFor={ids.title}>{t("leads.contactTitle")}</label><input id={ids.title} value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} /></div>
      </div>
    </fieldset>
  );
}

function DealFieldset({ value, onChange }: { value: DealFields; onChange(v: DealFields): void }) {
  const { t } = useTranslation("leads");
  const ids = { name: useId(), amount: useId(), currency: useId(), close: useId() };
  return (
    <fieldset className="convert-section">
      <legend>{t("leads.convertDeal")}</legend>
      <p className="muted">{t("leads.dealHint")}</p>
      <div className="convert-row">
        <div className="field"><label className="field__label" htmlFor={ids.name}>{t("leads.dealName")}</label><input id={ids.name} value={value.name} placeholder={t("leads.dealNameHint")} onChange={(e) => onChange({ ...value, name: e.target.value })} /></div>
        <div className="field"><label className="field__label" htmlFor={ids.amount}>{t("leads.dealAmount")}</label><input id={ids.amount} type="number" min={0} step="any" inputMode="decimal" value={value.amount} onChange={(e) => onChange({ ...value, amount: e.target.value })} /></div>
        <div className="field"><label className="field__label" htmlFor={ids.currency}>{t("leads.dealCurrency")}</label>
          <select id={ids.currency} value={value.currency} onChange={(e) => onChange({ ...value, currency: e.target.value })}>
            {["CNY", "USD", "EUR"].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div className="field"><label className="field__label" htmlFor={ids.close}>{t("leads.dealClose")}</label><input id={ids.close} type="date" value={value.closeDate} onChange={(e) => onChange({ ...value, closeDate: e.target.value })} /></div>
      </div>
    </fieldset>
  );
}
