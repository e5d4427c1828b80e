import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { touchTypes, type LeadRecord, type TouchType } from "./leads-api.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

/** A call, meeting, visit or email logged on the lead; the first one is the first contact that ends the response SLA. */
export function TouchForm({ lead, onContactLogged }: { lead: LeadRecord; onContactLogged(): void }) {
  const { t } = useTranslation("leads");
  const { t: tc } = useI18n();
  const leads = useLeadsApi();
  const client = useQueryClient();
  const ids = { type: useId(), title: useId(), body: useId() };
  const [type, setType] = useState<TouchType>("call");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const log = useMutation({
    mutationFn: () => leads.logTouch(lead.leadId, { type, title: title.trim(), body: body.trim() || undefined }),
    onSuccess: () => {
      setTitle("");
      setBody("");
      if (type !== "note") onContactLogged();
    },
    onSettled: () => client.invalidateQueries({ queryKey: leadKeys.all }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (title.trim()) log.mutate();
  };
  return (
    <section className="panel" aria-labelledby="lead-touch">
      <h2 id="lead-touch">{t("leads.logTouch")}</h2>
      {!lead.firstContactAt && <p className="muted">{t("leads.logTouchHint")}</p>}
      <form className="touch-form" onSubmit={submit}>
        <div className="field">
          <label className="field__label" htmlFor={ids.type}>{t("leads.touchType")}</label>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value as TouchType)}>
            {touchTypes.map((k) => <option key={k} value={k}>{t(`leads.activity.${k}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.title}>{t("leads.touchTitle")}</label>
          <input id={ids.title} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t("leads.touchTitleHint")} />
        </div>
        <div className="field touch-form__body">
          <label className="field__label" htmlFor={ids.body}>{t("leads.touchBody")}</label>
          <textarea id={ids.body} rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <button type="submit" className="button button--primary" disabled={log.isPending || !title.trim()}>
          {log.isPending ? t("leads.saving") : t("leads.logTouchSubmit")}
        </button>
      </form>
      {log.isError && <div className="alert alert--error" role="alert">{describeError(log.error, tc)}</div>}
      {log.isSuccess && <p className="notice" role="status">{t("leads.touchLogged")}</p>}
    </section>
  );
}
