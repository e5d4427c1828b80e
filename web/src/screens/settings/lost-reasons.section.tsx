import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import { EmptyState } from "../../components/status-views.tsx";
import { reasonOutcomes, type LostReasonList } from "./settings-api.ts";
import type { LostReason } from "../../api/api-types.ts";
import { CheckGroup, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, TeamPicker, TextField, useFieldErrors, useSelectedTeam, useSettingsApi } from "./settings-ui.tsx";

export function LostReasonsSection() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const id = useId();
  const reasons = useQuery({ queryKey: ["settings", "lostReasons", teamId], queryFn: () => api.lostReasons(teamId) });
  return (
    <section className="settings-section" aria-label={t("settings.lostReasons.title")}>
      <SectionHeader title={t("settings.lostReasons.title")} intro={t("settings.lostReasons.intro")}>
        <TeamPicker id={`${id}-team`} />
      </SectionHeader>
      {reasons.isPending && <SectionLoading />}
      {reasons.isError && <SectionLoadError error={reasons.error} onRetry={() => void reasons.refetch()} />}
      {reasons.data && (
        <>
          {reasons.data.source === "defaults" && <p className="settings-alert settings-alert--info">{t("settings.lostReasons.defaults")}</p>}
          {reasons.data.items.length === 0 ? (
            <EmptyState message={t("settings.lostReasons.empty")} />
          ) : (
            <ul className="reason-list" aria-label={t("settings.lostReasons.listLabel")}>
              {reasons.data.items.map((r) => (
                <li key={`${r.key}:${r.version ?? 0}`}>
                  <ReasonRow reason={r} teamId={teamId} />
                </li>
              ))}
            </ul>
          )}
          <AddReason list={reasons.data} teamId={teamId} />
        </>
      )}
    </section>
  );
}

function ReasonRow({ reason, teamId }: { reason: LostReason; teamId: string }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [label, setLabel] = useState(reason.label);
  const [labelZh, setLabelZh] = useState(reason.labelZh ?? "");
  const save = useMutation({
    mutationFn: (patch: { label?: string; labelZh?: string; active?: boolean }) =>
      api.updateLostReason(reason.key, { teamId, version: reason.version ?? 1, ...patch }),
    onSettled: (_d, error) => {
      if (!error || (isApiError(error) && error.status === 409)) void queryClient.invalidateQueries({ queryKey: ["settings", "lostReasons", teamId] });
    },
  });
  const errors = useFieldErrors(save.error, `reason-${reason.key}`);
  const outcomes = reason.outcomes.map((o) => t(`settings.lostReasons.outcome.${o}`)).join(" · ");
  if (!reason.stored) {
    return (
      <div className="reason-row reason-row--builtin">
        <span className="reason-row__key">{reason.key}</span>
        <span>{reason.label}</span>
        <span lang="zh-CN">{reason.labelZh}</span>
        <span className="muted">{outcomes}</span>
        <span className="badge">{t("settings.lostReasons.builtIn")}</span>
      </div>
    );
  }
  return (
    <form
      className="reason-row"
      noValidate
      aria-label={t("settings.lostReasons.rowLabel", { key: reason.key })}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ label, labelZh: labelZh.trim() || undefined } as { label: string; labelZh?: string });
      }}
    >
      <span className="reason-row__key">{reason.key}</span>
      <TextField id={`${id}-l`} label={t("settings.lostReasons.label")} field="label" errors={errors} value={label} onChange={setLabel} />
      <TextField id={`${id}-z`} label={t("settings.lostReasons.labelZh")} field="labelZh" errors={errors} value={labelZh} onChange={setLabelZh} lang="zh-CN" />
      <span className="muted">{outcomes}</span>
      <span className={`badge${reason.active ? "" : " badge--warn"}`}>{reason.active ? t("settings.active") : t("settings.inactive")}</span>
      <div className="reason-row__actions">
        <button type="submit" className="button button--small" disabled={save.isPending}>
          {t("settings.lostReasons.rename")}
        </button>
        <button type="button" className="button button--small button--ghost" disabled={save.isPending} onClick={() => save.mutate({ active: !reason.active })}>
          {reason.active ? t("settings.lostReasons.deactivate") : t("settings.lostReasons.activate")}
        </button>
      </div>
      <SaveProblem error={save.error} shownFields={["label", "labelZh"]} />
    </form>
  );
}

function AddReason({ list, teamId }: { list: LostReasonList; teamId: string }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [key, setKey] = useState("");
  const [label, setLabel] = useState("");
  const [labelZh, setLabelZh] = useState("");
  const [outcomes, setOutcomes] = useState<("lost" | "invalid")[]>(["lost", "invalid"]);
  const add = useMutation({
    mutationFn: async () => {
      // The team's first own reason replaces the built-in list, so the built-in ones are kept by storing them too.
      if (list.source === "defaults") {
        for (const r of list.items) {
          await api.addLostReason({ teamId, key: r.key, label: r.label, ...(r.labelZh && { labelZh: r.labelZh }), outcomes: r.outcomes });
        }
      }
      return api.addLostReason({ teamId, key: key.trim(), label, ...(labelZh.trim() && { labelZh }), outcomes });
    },
    onSuccess: () => {
      setKey("");
      setLabel("");
      setLabelZh("");
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["settings", "lostReasons", teamId] }),
  });
  const errors = useFieldErrors(add.error, "add-reason");
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.lostReasons.add")}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h3>{t("settings.lostReasons.add")}</h3>
      <div className="settings-grid">
        <TextField id={`${id}-k`} label={t("settings.lostReasons.key")} field="key" errors={errors} value={key} onChange={setKey} placeholder="too_expensive" />
        <TextField id={`${id}-l`} label={t("settings.lostReasons.label")} field="label" errors={errors} value={label} onChange={setLabel} />
        <TextField id={`${id}-z`} label={t("settings.lostReasons.labelZh")} field="labelZh" errors={errors} value={labelZh} onChange={setLabelZh} lang="zh-CN" />
      </div>
      <CheckGroup
        legend={t("settings.lostReasons.outcomes")}
        options={reasonOutcomes.map((o) => [o, t(`settings.lostReasons.outcome.${o}`)] as const)}
        value={outcomes}
        onToggle={(v, on) => setOutcomes((all) => (on ? [...all, v as "lost" | "invalid"] : all.filter((x) => x !== v)))}
      />
      {errors.err("outcomes")}
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {add.isPending ? t("settings.saving") : t("settings.lostReasons.addButton")}
        </button>
        <SaveStatus saving={add.isPending} saved={add.isSuccess} />
      </div>
      <SaveProblem error={add.error} shownFields={["key", "label", "labelZh", "outcomes"]} />
    </form>
  );
}
