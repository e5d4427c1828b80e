import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import type { ForecastCategory } from "../../api/api-types.ts";
import { EmptyState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import {
  activityTypes, committeeRoles, forecastCategories, gateFields, type PipelineSettings, type StageSettings,
} from "./settings-api.ts";
import {
  CheckGroup, numberOrUndefined, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, TeamPicker, TextField, useFieldErrors,
  useDraft, useSelectedTeam, useSettingsApi, useTeams,
} from "./settings-ui.tsx";

/** A stage as the form edits it: numbers as typed, so the server judges what was typed. */
interface StageDraft {
  id: string;
  isNew: boolean;
  key: string;
  name: string;
  nameZh: string;
  probability: string;
  forecastCategory: ForecastCategory;
  slaDays: string;
  guidance: string;
  requiredFields: string[];
  requiredActivities: string[];
  requiredRoles: string[];
}

const toDraft = (s: StageSettings, i: number): StageDraft => ({
  id: `${s.key}-${i}`,
  isNew: false,
  key: s.key,
  name: s.name,
  nameZh: s.nameZh ?? "",
  probability: String(s.probability),
  forecastCategory: s.forecastCategory,
  slaDays: s.slaDays === undefined ? "" : String(s.slaDays),
  guidance: s.guidance ?? "",
  requiredFields: s.requiredFields ?? [],
  requiredActivities: s.requiredActivities ?? [],
  requiredRoles: s.requiredRoles ?? [],
});

const fromDraft = (d: StageDraft): StageSettings => {
  const probability = numberOrUndefined(d.probability);
  const slaDays = numberOrUndefined(d.slaDays);
  return {
    key: d.key.trim(),
    name: d.name,
    ...(d.nameZh.trim() && { nameZh: d.nameZh }),
    probability: probability as number,
    forecastCategory: d.forecastCategory,
    ...(slaDays !== undefined && { slaDays }),
    ...(d.guidance.trim() && { guidance: d.guidance }),
    requiredFields: d.requiredFields,
    requiredActivities: d.requiredActivities,
    requiredRoles: d.requiredRoles,
  };
};

export function PipelinesSection() {
  const { t } = useTranslation("settings");
  const { me } = useSession();
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const pipelines = useQuery({ queryKey: ["settings", "pipelines", teamId], queryFn: () => api.pipelines(teamId) });
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const pickerId = useId();
  const list = pipelines.data ?? [];
  const current = list.find((p) => p.pipelineId === chosen) ?? list.find((p) => p.isDefault) ?? list[0];

  return (
    <section className="settings-section" aria-label={t("settings.pipelines.title")}>
      <SectionHeader title={t("settings.pipelines.title")} intro={t("settings.pipelines.intro")}>
        <TeamPicker id={`${pickerId}-team`} />
      </SectionHeader>
      {pipelines.isPending && <SectionLoading />}
      {pipelines.isError && <SectionLoadError error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
      {pipelines.isSuccess && list.length === 0 && <EmptyState message={t("settings.pipelines.empty")} />}
      {current && (
        <>
          {list.length > 1 && (
            <div className="field field--inline">
              <label className="field__label" htmlFor={pickerId}>
                {t("settings.pipelines.pipeline")}
              </label>
              <select id={pickerId} value={current.pipelineId} onChange={(e) => setChosen(e.target.value)}>
                {list.map((p) => (
                  <option key={p.pipelineId} value={p.pipelineId}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <PipelineEditor key={current.pipelineId} pipeline={current} teamId={teamId} />
        </>
      )}
      {me.role === "admin" && pipelines.isSuccess && <NewPipeline teamId={teamId} isFirst={list.length === 0} onCreated={setChosen} />}
    </section>
  );
}

/** A stage to start a pipeline from when no existing pipeline is copied: the admin names and adds the rest. */
const firstStage = (name: string): StageSettings => ({ key: "stage_1", name, probability: 10, forecastCategory: "pipeline", requiredFields: [], requiredActivities: [], requiredRoles: [] });

/**
 * Admins create a pipeline for the team on screen, starting from a copy of any team's pipeline (its stages, gates,
 * SLAs and playbook) or from one stage to build on; the new pipeline then opens in the stage editor.
 */
function NewPipeline({ teamId, isFirst, onCreated }: { teamId: string; isFirst: boolean; onCreated(pipelineId: string): void }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const teams = useTeams();
  // Every team's pipelines, to copy from (a new team has none of its own); admins may read them all.
  const sources = useQuery({
    queryKey: ["settings", "pipelines", "all", (teams.data ?? []).map((x) => x.teamId)],
    enabled: teams.isSuccess,
    queryFn: async () => (await Promise.all((teams.data ?? []).map(async (team) => (await api.pipelines(team.teamId)).map((p) => ({ team, p }))))).flat(),
  });
  const [name, setName] = useState("");
  const [from, setFrom] = useState("");
  const [isDefault, setIsDefault] = useState(isFirst);
  const source = sources.data?.find((s) => s.p.pipelineId === from)?.p;
  const create = useMutation({
    mutationFn: () =>
      api.createPipeline({
        teamId,
        name,
        isDefault,
        ...(source ? { allowSkip: source.allowSkip ?? false, stages: source.stages } : { stages: [firstStage(t("settings.pipelines.firstStage"))] }),
      }),
    onSuccess: (created) => {
      setName("");
      setFrom("");
      setIsDefault(false);
      onCreated(created.pipelineId);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["settings", "pipelines"] }),
  });
  const errors = useFieldErrors(create.error, "new-pipeline");
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.pipelines.create")}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3>{t("settings.pipelines.create")}</h3>
      <div className="settings-grid">
        <TextField id={`${id}-name`} label={t("settings.pipelines.newName")} field="name" errors={errors} value={name} onChange={setName} />
        <div className="field">
          <label className="field__label" htmlFor={`${id}-from`}>
            {t("settings.pipelines.startFrom")}
          </label>
          <select id={`${id}-from`} value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">{t("settings.pipelines.startBlank")}</option>
            {(sources.data ?? []).map(({ team, p }) => (
              <option key={p.pipelineId} value={p.pipelineId}>
                {t("settings.pipelines.copyOf", { name: p.name, team: team.name, count: p.stages.length })}
              </option>
            ))}
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
          {t("settings.pipelines.makeDefault")}
        </label>
      </div>
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t("settings.saving") : t("settings.pipelines.create")}
        </button>
        <SaveStatus saving={create.isPending} saved={create.isSuccess} />
      </div>
      <SaveProblem error={create.error} shownFields={["name"]} />
    </form>
  );
}

function PipelineEditor({ pipeline, teamId }: { pipeline: PipelineSettings; teamId: string }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const { draft: stages, dirty, edit, clean, setDirty } = useDraft(pipeline, (p) => p.stages.map(toDraft));
  const save = useMutation({
    mutationFn: () => api.updatePipeline(pipeline.pipelineId, { version: pipeline.version, stages: stages.map(fromDraft) }),
    onSuccess: (next) => {
      queryClient.setQueryData<PipelineSettings[]>(["settings", "pipelines", teamId], (old) => old?.map((p) => (p.pipelineId === next.pipelineId ? next : p)));
      clean(next);
    },
    onError: (error) => {
      // Someone saved meanwhile: the message says so and the form takes the latest version.
      if (isApiError(error) && error.status === 409) {
        setDirty(false);
        void queryClient.invalidateQueries({ queryKey: ["settings", "pipelines", teamId] });
      }
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["board"] }),
  });
  const errors = useFieldErrors(save.error, "pipeline");

  const update = (i: number, patch: Partial<StageDraft>) => edit((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) =>
    edit((all) => {
      const next = [...all];
      const [item] = next.splice(i, 1);
      if (item) next.splice(i + by, 0, item);
      return next;
    });
  const remove = (i: number) => edit((all) => all.filter((_, j) => j !== i));
  const add = () =>
    edit((all) => [
      ...all,
      { id: `new-${Date.now()}`, isNew: true, key: "", name: "", nameZh: "", probability: "50", forecastCategory: "pipeline", slaDays: "", guidance: "", requiredFields: [], requiredActivities: [], requiredRoles: [] },
    ]);

  return (
    <form
      className="settings-form"
      noValidate
      aria-label={t("settings.pipelines.formLabel", { name: pipeline.name })}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <p className="muted">{t("settings.pipelines.versioned", { version: pipeline.version })}</p>
      {errors.err("stages")}
      <ol className="stage-list">
        {stages.map((stage, i) => (
          <li key={stage.id}>
            <StageEditor
              stage={stage}
              index={i}
              count={stages.length}
              errors={errors}
              onChange={(patch) => update(i, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(i)}
            />
          </li>
        ))}
      </ol>
      <div className="settings-actions">
        <button type="button" className="button" onClick={add} disabled={stages.length >= 20}>
          {t("settings.pipelines.addStage")}
        </button>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : t("settings.pipelines.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
      </div>
      <SaveProblem error={save.error} shownFields={stages.flatMap((_, i) => [`stages.${i}`]).concat("stages")} />
    </form>
  );
}

interface StageEditorProps {
  stage: StageDraft;
  index: number;
  count: number;
  errors: ReturnType<typeof useFieldErrors>;
  onChange(patch: Partial<StageDraft>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

function StageEditor({ stage, index, count, errors, onChange, onMove, onRemove }: StageEditorProps) {
  const { t } = useTranslation("settings");
  const { locale } = useLocale();
  const id = useId();
  const path = (f: string) => `stages.${index}.${f}`;
  const title = (locale === "zh-CN" && stage.nameZh) || stage.name || t("settings.pipelines.newStage");
  const gateCount = stage.requiredFields.length + stage.requiredActivities.length + stage.requiredRoles.length;
  const toggle = (list: "requiredFields" | "requiredActivities" | "requiredRoles", value: string, on: boolean) =>
    onChange({ [list]: on ? [...stage[list], value] : stage[list].filter((v) => v !== value) });

  return (
    <fieldset className="stage-editor">
      <legend>
        <span className="stage-editor__index">{index + 1}</span> {title}
      </legend>
      <div className="stage-editor__tools">
        <button type="button" className="button button--small button--ghost" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t("settings.pipelines.moveUp", { name: title })}>
          ↑
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t("settings.pipelines.moveDown", { name: title })}>
          ↓
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onRemove} disabled={count <= 1} aria-label={t("settings.pipelines.remove", { name: title })}>
          {t("settings.remove")}
        </button>
      </div>
      <div className="settings-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-key`}>
            {t("settings.pipelines.key")}
          </label>
          <input id={`${id}-key`} value={stage.key} readOnly={!stage.isNew} onChange={(e) => onChange({ key: e.target.value })} {...errors.input(path("key"))} />
          {errors.err(path("key"))}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            {t("settings.pipelines.name")}
          </label>
          <input id={`${id}-name`} value={stage.name} onChange={(e) => onChange({ name: e.target.value })} {...errors.input(path("name"))} />
          {errors.err(path("name"))}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-zh`} lang="zh-CN">
            {t("settings.pipelines.nameZh")}
          </label>
          <input id={`${id}-zh`} lang="zh-CN" value={stage.nameZh} onChange={(e) => onChange({ nameZh: e.target.value })} {...errors.input(path("nameZh"))} />
          {errors.err(path("nameZh"))}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-p`}>
            {t("settings.pipelines.probability")}
          </label>
          <input id={`${id}-p`} type="number" inputMode="decimal" value={stage.probability} onChange={(e) => onChange({ probability: e.target.value })} {...errors.input(path("probability"))} />
          {errors.err(path("probability"))}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-fc`}>
            {t("settings.pipelines.forecastCategory")}
          </label>
          <select id={`${id}-fc`} value={stage.forecastCategory} onChange={(e) => onChange({ forecastCategory: e.target.value as ForecastCategory })} {...errors.input(path("forecastCategory"))}>
            {forecastCategories.map((c) => (
              <option key={c} value={c}>
                {t(`settings.forecastCategory.${c}`)}
              </option>
            ))}
          </select>
          {errors.err(path("forecastCategory"))}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-sla`}>
            {t("settings.pipelines.slaDays")}
          </label>
          <input id={`${id}-sla`} type="number" inputMode="decimal" value={stage.slaDays} placeholder={t("settings.pipelines.noSla")} onChange={(e) => onChange({ slaDays: e.target.value })} {...errors.input(path("slaDays"))} />
          {errors.err(path("slaDays"))}
        </div>
        <div className="field settings-grid__wide">
          <label className="field__label" htmlFor={`${id}-g`}>
            {t("settings.pipelines.guidance")}
          </label>
          <textarea id={`${id}-g`} rows={2} value={stage.guidance} onChange={(e) => onChange({ guidance: e.target.value })} {...errors.input(path("guidance"))} />
          {errors.err(path("guidance"))}
        </div>
      </div>
      <details className="stage-editor__gates">
        <summary>{t("settings.pipelines.gates", { count: gateCount })}</summary>
        <CheckGroup
          legend={t("settings.pipelines.requiredFields")}
          options={gateFields.map((f) => [f, t(`settings.gateField.${f}`)] as const)}
          value={stage.requiredFields}
          onToggle={(v, on) => toggle("requiredFields", v, on)}
        />
        <CheckGroup
          legend={t("settings.pipelines.requiredActivities")}
          options={activityTypes.map((f) => [f, t(`settings.activity.${f}`)] as const)}
          value={stage.requiredActivities}
          onToggle={(v, on) => toggle("requiredActivities", v, on)}
        />
        <CheckGroup
          legend={t("settings.pipelines.requiredRoles")}
          options={committeeRoles.map((f) => [f, t(`settings.committeeRole.${f}`)] as const)}
          value={stage.requiredRoles}
          onToggle={(v, on) => toggle("requiredRoles", v, on)}
        />
        {errors.err(path("requiredFields"))}
        {errors.err(path("requiredActivities"))}
        {errors.err(path("requiredRoles"))}
      </details>
      {errors.err(`stages.${index}`) && !["key", "name", "nameZh", "probability", "forecastCategory", "slaDays", "guidance", "requiredFields", "requiredActivities", "requiredRoles"].some((f) => errors.field?.startsWith(path(f))) && errors.err(`stages.${index}`)}
    </fieldset>
  );
}
