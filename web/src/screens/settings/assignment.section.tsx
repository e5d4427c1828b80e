import { useId } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import { assignmentMethods, type AssignmentMethod, type AssignmentSettings, type TeamRecord } from "./settings-api.ts";
import {
  joinList, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, splitList, teamLabel, useDraft, useFieldErrors, useSettingsApi, useTeams,
} from "./settings-ui.tsx";

interface TerritoryDraft {
  id: number;
  teamId: string;
  regions: string;
  industries: string;
  companySizes: string;
}
interface Draft {
  territories: TerritoryDraft[];
  methods: Record<string, AssignmentMethod>;
}

const toDraft = (s: AssignmentSettings): Draft => ({
  territories: s.territories.map((r, i) => ({ id: i, teamId: r.teamId, regions: joinList(r.match.regions), industries: joinList(r.match.industries), companySizes: joinList(r.match.companySizes) })),
  methods: { ...s.methods },
});

export function AssignmentSection() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const settings = useQuery({ queryKey: ["settings", "assignment"], queryFn: () => api.assignment() });
  const teams = useTeams();
  return (
    <section className="settings-section" aria-label={t("settings.assignment.title")}>
      <SectionHeader title={t("settings.assignment.title")} intro={t("settings.assignment.intro")} />
      {(settings.isPending || teams.isPending) && <SectionLoading />}
      {settings.isError && <SectionLoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && teams.data && <AssignmentEditor settings={settings.data} teams={teams.data} />}
    </section>
  );
}

function AssignmentEditor({ settings, teams }: { settings: AssignmentSettings; teams: TeamRecord[] }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const { draft, dirty, edit, clean, setDirty } = useDraft(settings, toDraft);
  const save = useMutation({
    mutationFn: () =>
      api.saveAssignment({
        ...(settings.version !== null && { version: settings.version }),
        territories: draft.territories.map((r) => ({
          teamId: r.teamId,
          match: {
            ...(splitList(r.regions).length && { regions: splitList(r.regions) }),
            ...(splitList(r.industries).length && { industries: splitList(r.industries) }),
            ...(splitList(r.companySizes).length && { companySizes: splitList(r.companySizes) }),
          },
        })),
        methods: draft.methods,
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(["settings", "assignment"], next);
      clean(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        setDirty(false);
        void queryClient.invalidateQueries({ queryKey: ["settings", "assignment"] });
      }
    },
  });
  const errors = useFieldErrors(save.error, "assignment");
  const setRule = (rowId: number, patch: Partial<TerritoryDraft>) => edit((d) => ({ ...d, territories: d.territories.map((r) => (r.id === rowId ? { ...r, ...patch } : r)) }));
  const move = (i: number, by: -1 | 1) =>
    edit((d) => {
      const next = [...d.territories];
      const [item] = next.splice(i, 1);
      if (item) next.splice(i + by, 0, item);
      return { ...d, territories: next };
    });
  const teamIds = [...new Set([...teams.map((x) => x.teamId), ...Object.keys(draft.methods)])];

  return (
    <form
      className="settings-form"
      noValidate
      aria-label={t("settings.assignment.title")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {settings.source === "teams" && <p className="settings-alert settings-alert--info">{t("settings.assignment.fromTeams")}</p>}
      <div className="settings-card">
        <h3>{t("settings.assignment.methods")}</h3>
        <div className="settings-grid">
          {teamIds.map((teamId) => (
            <div className="field" key={teamId}>
              <label className="field__label" htmlFor={`${id}-m-${teamId}`}>{t("settings.assignment.methodFor", { team: teamLabel(teams, teamId) })}</label>
              <select
                id={`${id}-m-${teamId}`}
                value={draft.methods[teamId] ?? "round_robin"}
                onChange={(e) => edit((d) => ({ ...d, methods: { ...d.methods, [teamId]: e.target.value as AssignmentMethod } }))}
                {...errors.input(`methods.${teamId}`)}
              >
                {assignmentMethods.map((m) => <option key={m} value={m}>{t(`settings.assignment.method.${m}`)}</option>)}
              </select>
              {errors.err(`methods.${teamId}`)}
            </div>
          ))}
        </div>
        <p className="muted">{t("settings.assignment.capacityHint")}</p>
      </div>
      <div className="settings-card">
        <h3>{t("settings.assignment.territories")}</h3>
        <p className="muted">{t("settings.assignment.territoriesIntro")}</p>
        <ol className="rule-list">
          {draft.territories.map((r, i) => (
            <li key={r.id} className="rule-row">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-t${r.id}`}>{t("settings.team")}</label>
                <select id={`${id}-t${r.id}`} value={r.teamId} onChange={(e) => setRule(r.id, { teamId: e.target.value })} {...errors.input(`territories.${i}.teamId`)}>
                  {[...new Set([...teams.map((x) => x.teamId), r.teamId])].map((tid) => <option key={tid} value={tid}>{teamLabel(teams, tid)}</option>)}
                </select>
                {errors.err(`territories.${i}.teamId`)}
              </div>
              {(["regions", "industries", "companySizes"] as const).map((k) => (
                <div className="field" key={k}>
                  <label className="field__label" htmlFor={`${id}-${k}${r.id}`}>{t(`settings.assignment.${k}`)}</label>
                  <input id={`${id}-${k}${r.id}`} value={r[k]} placeholder={t("settings.assignment.any")} onChange={(e) => setRule(r.id, { [k]: e.target.value })} {...errors.input(`territories.${i}.match.${k}`)} />
                  {errors.err(`territories.${i}.match.${k}`)}
                </div>
              ))}
              <div className="rule-row__buttons">
                <button type="button" className="button button--small button--ghost" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("settings.assignment.moveUp", { n: i + 1 })}>↑</button>
                <button type="button" className="button button--small button--ghost" disabled={i === draft.territories.length - 1} onClick={() => move(i, 1)} aria-label={t("settings.assignment.moveDown", { n: i + 1 })}>↓</button>
                <button type="button" className="button button--small button--ghost" onClick={() => edit((d) => ({ ...d, territories: d.territories.filter((x) => x.id !== r.id) }))} aria-label={t("settings.assignment.removeRule", { n: i + 1 })}>
                  {t("settings.remove")}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--small"
          onClick={() => edit((d) => ({ ...d, territories: [...d.territories, { id: Math.max(0, ...d.territories.map((x) => x.id)) + 1, teamId: teams[0]?.teamId ?? "", regions: "", industries: "", companySizes: "" }] }))}
        >
          {t("settings.assignment.addRule")}
        </button>
      </div>
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : t("settings.assignment.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
      </div>
      <SaveProblem error={save.error} shownFields={["territories", "methods"]} />
    </form>
  );
}
