import { useId } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import { useLocale } from "../../i18n/use-i18n.ts";
import { fitFields, fitOps, type FitOp, type ScoringRules } from "./settings-api.ts";
import {
  joinList, numberOrUndefined, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, splitList, TeamPicker, useDraft, useFieldErrors,
  useSelectedTeam, useSettingsApi,
} from "./settings-ui.tsx";

export const leadActivityTypes = [
  "page_visit", "pricing_page", "demo_request", "email_open", "email_click", "form_submit", "webinar",
  "content_download", "trial_signup", "event_attended", "chat", "unsubscribe",
] as const;

interface FitDraft {
  id: number;
  field: string;
  op: FitOp;
  values: string;
  points: string;
  label: string;
}
interface RulesDraft {
  fit: FitDraft[];
  interest: Record<string, string>;
  touchPoints: string;
  halfLifeDays: string;
  qualifyThreshold: string;
  A: string;
  B: string;
  C: string;
}

const toDraft = (r: ScoringRules): RulesDraft => ({
  fit: r.fitRules.map((f, i) => ({ id: i, field: f.field, op: f.op, values: f.value ?? joinList(f.values), points: String(f.points), label: f.label ?? "" })),
  interest: Object.fromEntries(r.interestRules.map((x) => [x.activityType, String(x.points)])),
  touchPoints: String(r.touchPoints),
  halfLifeDays: String(r.halfLifeDays),
  qualifyThreshold: String(r.qualifyThreshold),
  A: String(r.grades.A),
  B: String(r.grades.B),
  C: String(r.grades.C),
});

const num = (s: string) => numberOrUndefined(s) as number;

function fromDraft(d: RulesDraft) {
  return {
    fitRules: d.fit.map((f) => {
      const list = splitList(f.values);
      const valuePart =
        f.op === "exists" ? {} : f.op === "equals" || (f.op === "contains" && list.length <= 1) ? (list[0] !== undefined ? { value: list[0] } : {}) : list.length ? { values: list } : {};
      return { field: f.field, op: f.op, points: num(f.points), ...valuePart, ...(f.label.trim() && { label: f.label }) };
    }),
    interestRules: leadActivityTypes.filter((a) => (d.interest[a] ?? "").trim() !== "").map((a) => ({ activityType: a, points: num(d.interest[a] ?? "") })),
    touchPoints: num(d.touchPoints),
    halfLifeDays: num(d.halfLifeDays),
    qualifyThreshold: num(d.qualifyThreshold),
    grades: { A: num(d.A), B: num(d.B), C: num(d.C) },
  };
}

export function ScoringSection() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const id = useId();
  const rules = useQuery({ queryKey: ["settings", "scoring", teamId], queryFn: () => api.scoring(teamId) });
  return (
    <section className="settings-section" aria-label={t("settings.scoring.title")}>
      <SectionHeader title={t("settings.scoring.title")} intro={t("settings.scoring.intro")}>
        <TeamPicker id={`${id}-team`} />
      </SectionHeader>
      {rules.isPending && <SectionLoading />}
      {rules.isError && <SectionLoadError error={rules.error} onRetry={() => void rules.refetch()} />}
      {rules.data && <ScoringEditor key={teamId} rules={rules.data} teamId={teamId} />}
    </section>
  );
}

function ScoringEditor({ rules, teamId }: { rules: ScoringRules; teamId: string }) {
  const { t } = useTranslation("settings");
  const { fmt } = useLocale();
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const { draft, dirty, edit, clean, setDirty } = useDraft(rules, toDraft);
  const save = useMutation({
    mutationFn: () => api.saveScoring(teamId, { ...(rules.version !== null && { version: rules.version }), ...fromDraft(draft) }),
    onSuccess: (next) => {
      queryClient.setQueryData(["settings", "scoring", teamId], next);
      clean(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        setDirty(false);
        void queryClient.invalidateQueries({ queryKey: ["settings", "scoring", teamId] });
      }
    },
  });
  const rescore = useMutation({ mutationFn: () => api.rescore(teamId) });
  const errors = useFieldErrors(save.error, "scoring");
  const set = (patch: Partial<RulesDraft>) => edit((d) => ({ ...d, ...patch }));
  const setFit = (rowId: number, patch: Partial<FitDraft>) => edit((d) => ({ ...d, fit: d.fit.map((f) => (f.id === rowId ? { ...f, ...patch } : f)) }));
  const numberField = (name: "touchPoints" | "halfLifeDays" | "qualifyThreshold", path: string = name) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>{t(`settings.scoring.${name}`)}</label>
      <input id={`${id}-${name}`} type="number" inputMode="decimal" step="any" value={draft[name]} onChange={(e) => set({ [name]: e.target.value })} {...errors.input(path)} />
      {errors.err(path)}
    </div>
  );

  return (
    <form
      className="settings-form"
      noValidate
      aria-label={t("settings.scoring.title")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {rules.source === "defaults" && <p className="settings-alert settings-alert--info">{t("settings.scoring.defaults")}</p>}
      <div className="settings-card">
        <h3>{t("settings.scoring.thresholds")}</h3>
        <div className="settings-grid">
          {numberField("qualifyThreshold")}
          {numberField("halfLifeDays")}
          {numberField("touchPoints")}
          {(["A", "B", "C"] as const).map((g) => (
            <div className="field" key={g}>
              <label className="field__label" htmlFor={`${id}-g${g}`}>{t("settings.scoring.gradeMin", { grade: g })}</label>
              <input id={`${id}-g${g}`} type="number" inputMode="decimal" value={draft[g]} onChange={(e) => set({ [g]: e.target.value })} {...errors.input(`grades.${g}`)} />
              {errors.err(`grades.${g}`)}
            </div>
          ))}
        </div>
        {errors.err("grades")}
      </div>

      <div className="settings-card">
        <h3>{t("settings.scoring.fitRules")}</h3>
        <p className="muted">{t("settings.scoring.fitIntro")}</p>
        <ol className="rule-list">
          {draft.fit.map((f, i) => (
            <li key={f.id} className="rule-row">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-f${f.id}`}>{t("settings.scoring.field")}</label>
                <select id={`${id}-f${f.id}`} value={f.field} onChange={(e) => setFit(f.id, { field: e.target.value })}>
                  {fitFields.map((x) => <option key={x} value={x}>{t(`settings.scoring.fitField.${x}`)}</option>)}
                </select>
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-o${f.id}`}>{t("settings.scoring.op")}</label>
                <select id={`${id}-o${f.id}`} value={f.op} onChange={(e) => setFit(f.id, { op: e.target.value as FitOp })}>
                  {fitOps.map((x) => <option key={x} value={x}>{t(`settings.scoring.fitOp.${x}`)}</option>)}
                </select>
              </div>
              <div className="field rule-row__values">
                <label className="field__label" htmlFor={`${id}-v${f.id}`}>{t("settings.scoring.values")}</label>
                <input id={`${id}-v${f.id}`} value={f.values} disabled={f.op === "exists"} placeholder={t("settings.commaSeparated")} onChange={(e) => setFit(f.id, { values: e.target.value })} {...errors.input(`fitRules.${i}`)} />
                {errors.err(`fitRules.${i}`)}
              </div>
              <div className="field rule-row__points">
                <label className="field__label" htmlFor={`${id}-p${f.id}`}>{t("settings.scoring.points")}</label>
                <input id={`${id}-p${f.id}`} type="number" value={f.points} onChange={(e) => setFit(f.id, { points: e.target.value })} />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-l${f.id}`}>{t("settings.scoring.label")}</label>
                <input id={`${id}-l${f.id}`} value={f.label} onChange={(e) => setFit(f.id, { label: e.target.value })} />
              </div>
              <button type="button" className="button button--small button--ghost" aria-label={t("settings.scoring.removeRule", { n: i + 1 })} onClick={() => edit((d) => ({ ...d, fit: d.fit.filter((x) => x.id !== f.id) }))}>
                {t("settings.remove")}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--small"
          onClick={() => edit((d) => ({ ...d, fit: [...d.fit, { id: Math.max(0, ...d.fit.map((f) => f.id)) + 1, field: "industry", op: "equals", values: "", points: "5", label: "" }] }))}
        >
          {t("settings.scoring.addRule")}
        </button>
      </div>

      <div className="settings-card">
        <h3>{t("settings.scoring.interestRules")}</h3>
        <p className="muted">{t("settings.scoring.interestIntro")}</p>
        <div className="settings-grid settings-grid--compact">
          {leadActivityTypes.map((a, i) => (
            <div className="field" key={a}>
              <label className="field__label" htmlFor={`${id}-i${a}`}>{t(`settings.scoring.activity.${a}`)}</label>
              <input id={`${id}-i${a}`} type="number" value={draft.interest[a] ?? ""} onChange={(e) => edit((d) => ({ ...d, interest: { ...d.interest, [a]: e.target.value } }))} {...errors.input(`interestRules.${i}`)} />
            </div>
          ))}
        </div>
        {errors.field?.startsWith("interestRules") && <SaveProblem error={save.error} />}
      </div>

      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : t("settings.scoring.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
        <button type="button" className="button" disabled={rescore.isPending || dirty} onClick={() => rescore.mutate()}>
          {rescore.isPending ? t("settings.scoring.rescoring") : t("settings.scoring.rescore")}
        </button>
      </div>
      <SaveProblem error={save.error} shownFields={["touchPoints", "halfLifeDays", "qualifyThreshold", "grades", "fitRules", "interestRules"]} />
      <SaveProblem error={rescore.error} />
      {rescore.data && (
        <p className="settings-alert settings-alert--ok" role="status">
          {t("settings.scoring.rescored", { scanned: fmt.number(rescore.data.scanned), rescored: fmt.number(rescore.data.rescored), qualified: fmt.number(rescore.data.qualified) })}
        </p>
      )}
    </form>
  );
}
