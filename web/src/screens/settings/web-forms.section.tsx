import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import { EmptyState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { formFieldKeys, type FormFieldKey, type WebForm, type WebFormField } from "./settings-api.ts";
import {
  joinList, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, splitList, TeamPicker, useFieldErrors, useSelectedTeam, useSettingsApi,
} from "./settings-ui.tsx";

export function WebFormsSection() {
  const { t } = useTranslation("settings");
  const { fmt } = useLocale();
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const id = useId();
  const forms = useQuery({ queryKey: ["settings", "webForms", teamId], queryFn: () => api.webForms(teamId) });
  const [editing, setEditing] = useState<string | "new" | undefined>(undefined);
  const [embedOf, setEmbedOf] = useState<string | undefined>(undefined);
  const editingForm = forms.data?.find((f) => f.formId === editing);

  return (
    <section className="settings-section" aria-label={t("settings.webForms.title")}>
      <SectionHeader title={t("settings.webForms.title")} intro={t("settings.webForms.intro")}>
        <TeamPicker id={`${id}-team`} />
        <button type="button" className="button button--primary" onClick={() => setEditing("new")}>
          {t("settings.webForms.new")}
        </button>
      </SectionHeader>
      {editing === "new" && <WebFormEditor teamId={teamId} onDone={(formId) => { setEditing(undefined); if (formId) setEmbedOf(formId); }} />}
      {forms.isPending && <SectionLoading />}
      {forms.isError && <SectionLoadError error={forms.error} onRetry={() => void forms.refetch()} />}
      {forms.isSuccess && forms.data.length === 0 && editing !== "new" && <EmptyState message={t("settings.webForms.empty")} />}
      {forms.data && forms.data.length > 0 && (
        <ul className="form-list" aria-label={t("settings.webForms.listLabel")}>
          {forms.data.map((f) => (
            <li key={f.formId} className="form-list__item">
              <div className="form-list__summary">
                <strong>{f.name}</strong>
                <span className={`badge${f.active ? "" : " badge--warn"}`}>{f.active ? t("settings.active") : t("settings.inactive")}</span>
                {f.campaign && <span className="muted">{t("settings.webForms.campaignIs", { campaign: f.campaign })}</span>}
                {f.createdAt && <span className="muted">{fmt.dateTime(f.createdAt)}</span>}
                <span className="form-list__actions">
                  <button type="button" className="button button--small" aria-expanded={embedOf === f.formId} onClick={() => setEmbedOf(embedOf === f.formId ? undefined : f.formId)}>
                    {t("settings.webForms.embedFor", { name: f.name })}
                  </button>
                  <button type="button" className="button button--small button--ghost" onClick={() => setEditing(editing === f.formId ? undefined : f.formId)}>
                    {t("settings.webForms.editFor", { name: f.name })}
                  </button>
                </span>
              </div>
              {embedOf === f.formId && <EmbedBox form={f} />}
              {editingForm?.formId === f.formId && <WebFormEditor key={f.version} teamId={teamId} form={f} onDone={() => setEditing(undefined)} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface FieldChoice {
  on: boolean;
  required: boolean;
}

function WebFormEditor({ teamId, form, onDone }: { teamId: string; form?: WebForm; onDone(formId?: string): void }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(form?.name ?? "");
  const [campaign, setCampaign] = useState(form?.campaign ?? "");
  const [tags, setTags] = useState(joinList(form?.sourceTags));
  const [thankYouEn, setThankYouEn] = useState(form?.thankYouEn ?? "");
  const [thankYouZh, setThankYouZh] = useState(form?.thankYouZh ?? "");
  const [redirectUrl, setRedirectUrl] = useState(form?.redirectUrl ?? "");
  const [active, setActive] = useState(form?.active ?? true);
  const [fields, setFields] = useState<Record<FormFieldKey, FieldChoice>>(() => {
    const given = new Map((form?.fields ?? [{ key: "name", required: true }, { key: "email", required: true }, { key: "companyName", required: false }]).map((f) => [f.key, f]));
    return Object.fromEntries(formFieldKeys.map((k) => [k, { on: given.has(k), required: given.get(k)?.required ?? false }])) as Record<FormFieldKey, FieldChoice>;
  });
  const chosenFields = (): WebFormField[] =>
    formFieldKeys.filter((k) => fields[k].on).map((k) => {
      const old = form?.fields.find((f) => f.key === k);
      return { key: k, required: fields[k].required, ...(old?.labelEn && { labelEn: old.labelEn }), ...(old?.labelZh && { labelZh: old.labelZh }) };
    });
  const save = useMutation({
    mutationFn: () => {
      const common = {
        name,
        ...(campaign.trim() && { campaign }),
        sourceTags: splitList(tags),
        fields: chosenFields(),
        ...(thankYouEn.trim() && { thankYouEn }),
        ...(thankYouZh.trim() && { thankYouZh }),
      };
      if (form) return api.updateWebForm(form.formId, { ...common, version: form.version, active, redirectUrl: redirectUrl.trim() || null });
      return api.createWebForm({ ...common, teamId, ...(redirectUrl.trim() && { redirectUrl }) });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ["settings", "webForms", teamId] });
      onDone(form ? undefined : saved.formId);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void queryClient.invalidateQueries({ queryKey: ["settings", "webForms", teamId] });
    },
  });
  const errors = useFieldErrors(save.error, `webform-${form?.formId ?? "new"}`);
  const shown = ["name", "campaign", "sourceTags", "fields", "thankYouEn", "thankYouZh", "redirectUrl"];

  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={form ? t("settings.webForms.editFor", { name: form.name }) : t("settings.webForms.new")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3>{form ? t("settings.webForms.editFor", { name: form.name }) : t("settings.webForms.new")}</h3>
      <div className="settings-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-n`}>{t("settings.webForms.name")}</label>
          <input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} {...errors.input("name")} />
          {errors.err("name")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-c`}>{t("settings.webForms.campaign")}</label>
          <input id={`${id}-c`} value={campaign} onChange={(e) => setCampaign(e.target.value)} {...errors.input("campaign")} />
          {errors.err("campaign")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-t`}>{t("settings.webForms.sourceTags")}</label>
          <input id={`${id}-t`} value={tags} onChange={(e) => setTags(e.target.value)} placeholder={t("settings.commaSeparated")} {...errors.input("sourceTags")} />
          {errors.err("sourceTags")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-r`}>{t("settings.webForms.redirectUrl")}</label>
          <input id={`${id}-r`} type="url" value={redirectUrl} onChange={(e) => setRedirectUrl(e.target.value)} placeholder="https://" {...errors.input("redirectUrl")} />
          {errors.err("redirectUrl")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-te`}>{t("settings.webForms.thankYouEn")}</label>
          <input id={`${id}-te`} value={thankYouEn} onChange={(e) => setThankYouEn(e.target.value)} {...errors.input("thankYouEn")} />
          {errors.err("thankYouEn")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-tz`}>{t("settings.webForms.thankYouZh")}</label>
          <input id={`${id}-tz`} lang="zh-CN" value={thankYouZh} onChange={(e) => setThankYouZh(e.target.value)} {...errors.input("thankYouZh")} />
          {errors.err("thankYouZh")}
        </div>
      </div>
      <fieldset className="check-group check-group--table">
        <legend className="field__label">{t("settings.webForms.fields")}</legend>
        {formFieldKeys.map((k) => (
          <div key={k} className="check-row">
            <label className="check">
              <input type="checkbox" checked={fields[k].on} disabled={k === "name"} onChange={(e) => setFields((all) => ({ ...all, [k]: { ...all[k], on: e.target.checked } }))} />{" "}
              {t(`settings.webForms.field.${k}`)}
            </label>
            <label className="check muted">
              <input
                type="checkbox"
                checked={k === "name" || fields[k].required}
                disabled={k === "name" || !fields[k].on}
                onChange={(e) => setFields((all) => ({ ...all, [k]: { ...all[k], required: e.target.checked } }))}
                aria-label={t("settings.webForms.requiredFor", { field: t(`settings.webForms.field.${k}`) })}
              />{" "}
              {t("settings.webForms.required")}
            </label>
          </div>
        ))}
      </fieldset>
      {errors.err("fields")}
      {form && (
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> {t("settings.webForms.activeLabel")}
        </label>
      )}
      <div className="settings-actions">
        <button type="button" className="button button--ghost" onClick={() => onDone()}>{t("settings.cancel")}</button>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : form ? t("settings.save") : t("settings.webForms.create")}
        </button>
        <SaveStatus saving={save.isPending} saved={false} />
      </div>
      <SaveProblem error={save.error} shownFields={shown} />
    </form>
  );
}

function EmbedBox({ form }: { form: WebForm }) {
  const { t } = useTranslation("settings");
  const { locale } = useLocale();
  const api = useSettingsApi();
  const [lang, setLang] = useState<"en" | "zh-CN">(locale);
  const [copied, setCopied] = useState<"ok" | "failed" | undefined>(undefined);
  const id = useId();
  const embed = useQuery({ queryKey: ["settings", "webForms", "embed", form.formId, lang], queryFn: () => api.embed(form.formId, lang) });
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="embed-box" role="region" aria-label={t("settings.webForms.embedTitle", { name: form.name })}>
      <div className="embed-box__header">
        <h3>{t("settings.webForms.embedTitle", { name: form.name })}</h3>
        <div className="field field--inline">
          <label className="field__label" htmlFor={`${id}-lang`}>{t("settings.webForms.embedLanguage")}</label>
          <select id={`${id}-lang`} value={lang} onChange={(e) => setLang(e.target.value as "en" | "zh-CN")}>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </div>
      </div>
      {embed.isPending && <SectionLoading />}
      {embed.isError && <SectionLoadError error={embed.error} onRetry={() => void embed.refetch()} />}
      {embed.data && (
        <>
          <label className="field__label" htmlFor={`${id}-code`}>{t("settings.webForms.snippet")}</label>
          <textarea id={`${id}-code`} className="code-box" readOnly rows={8} value={embed.data.snippet} onFocus={(e) => e.currentTarget.select()} />
          <div className="settings-actions">
            <button type="button" className="button" onClick={() => void copy(embed.data.snippet)}>
              {t("settings.webForms.copy")}
            </button>
            <a className="button button--ghost" href={embed.data.link} target="_blank" rel="noreferrer">
              {t("settings.webForms.openHosted")}
            </a>
            <span role="status" className="settings-save-status">
              {copied === "ok" ? t("settings.webForms.copied") : copied === "failed" ? t("settings.webForms.copyFailed") : ""}
            </span>
          </div>
          <p className="muted embed-box__link">
            {t("settings.webForms.link")} <code>{embed.data.link}</code>
          </p>
        </>
      )}
    </div>
  );
}
