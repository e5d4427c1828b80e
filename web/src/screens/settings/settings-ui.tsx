import { useMemo, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { isApiError, type ApiError } from "../../api/api-error.ts";
import { ErrorState, LoadingState } from "../../components/status-views.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { settingsApi, type TeamRecord } from "./settings-api.ts";

export function useSettingsApi() {
  const { api } = useSession();
  return useMemo(() => settingsApi(api), [api]);
}

/** Does the server's `field` ("stages.2.probability", "rates.USD") point at this input or inside it? */
export function fieldMatches(errorField: string | undefined, field: string): boolean {
  return errorField !== undefined && (errorField === field || errorField.startsWith(`${field}.`));
}

const errorId = (scope: string, field: string) => `${scope}-err-${field.replace(/[^a-zA-Z0-9_-]/g, "-")}`;

/**
 * Server validation shown where it belongs: `input(field)` gives an input its aria-invalid and aria-describedby,
 * `err(field)` renders the message beside it. Fields the form does not show fall back to the form's alert.
 */
export function useFieldErrors(error: unknown, scope: string) {
  const apiError = isApiError(error) ? error : undefined;
  const field = apiError?.status === 400 || apiError?.status === 422 ? apiError.field : undefined;
  return {
    field,
    input: (name: string) =>
      fieldMatches(field, name) ? { "aria-invalid": true as const, "aria-describedby": errorId(scope, name) } : {},
    err: (name: string) =>
      fieldMatches(field, name) && apiError ? (
        <p className="settings-field-error" id={errorId(scope, name)}>
          {apiError.message}
        </p>
      ) : null,
  };
}

/**
 * What a save answered, as a sentence: forbidden (403) politely, a stale version (409) with the reload that
 * follows, anything else with the server's own message. `shownFields` are the fields already shown inline.
 */
export function SaveProblem({ error, shownFields = [] }: { error: unknown; shownFields?: readonly string[] }) {
  const { t } = useTranslation("settings");
  const { t: tc } = useI18n();
  if (!error) return null;
  const e = isApiError(error) ? error : undefined;
  if (e && (e.status === 400 || e.status === 422) && shownFields.some((f) => fieldMatches(e.field, f))) {
    return (
      <p className="settings-alert settings-alert--error" role="alert">
        {t("settings.notSavedSeeField")}
      </p>
    );
  }
  return (
    <div className="settings-alert settings-alert--error" role="alert">
      <strong>{titleOf(e, t)}</strong> <span>{describeError(error, tc)}</span>
    </div>
  );
}

function titleOf(e: ApiError | undefined, t: ReturnType<typeof useTranslation<"settings">>["t"]): string {
  if (e?.status === 403) return t("settings.forbidden");
  if (e?.status === 409) return t("settings.conflict");
  return t("settings.notSaved");
}

/** "Saving…" while a write runs, "Saved" after, for screen readers too. */
export function SaveStatus({ saving, saved }: { saving: boolean; saved: boolean }) {
  const { t } = useTranslation("settings");
  return (
    <span className="settings-save-status" role="status" aria-live="polite">
      {saving ? t("settings.saving") : saved ? t("settings.saved") : ""}
    </span>
  );
}

/** A section's read failed: a 403 says politely what the role cannot see; anything else offers a retry. */
export function SectionLoadError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation("settings");
  if (isApiError(error) && error.status === 403) {
    return (
      <div className="settings-alert settings-alert--info" role="alert">
        <strong>{t("settings.forbidden")}</strong> <span>{error.message}</span>
      </div>
    );
  }
  return <ErrorState title={t("settings.loadFailed")} error={error} onRetry={onRetry} />;
}

export function SectionLoading() {
  const { t } = useTranslation("settings");
  return <LoadingState label={t("settings.loading")} />;
}

export function SectionHeader({ title, intro, children }: { title: string; intro?: string; children?: ReactNode }) {
  return (
    <div className="settings-section__header">
      <div>
        <h2>{title}</h2>
        {intro && <p className="muted">{intro}</p>}
      </div>
      {children && <div className="settings-section__tools">{children}</div>}
    </div>
  );
}

export function useTeams() {
  const api = useSettingsApi();
  return useQuery({ queryKey: ["settings", "teams"], queryFn: () => api.teams() });
}

/** The team a team-scoped section shows (`?team=` in the URL; the user's own team by default). */
export function useSelectedTeam(): [string, (teamId: string) => void] {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const teamId = params.get("team") ?? me.teamId;
  const set = (next: string) =>
    setParams(
      (p) => {
        const copy = new URLSearchParams(p);
        if (next === me.teamId) copy.delete("team");
        else copy.set("team", next);
        return copy;
      },
      { replace: true },
    );
  return [teamId, set];
}

export function teamLabel(teams: readonly TeamRecord[] | undefined, teamId: string): string {
  return teams?.find((x) => x.teamId === teamId)?.name ?? teamId;
}

/** Admins choose the team a section edits; everyone else sees their own team's name. */
export function TeamPicker({ id }: { id: string }) {
  const { t } = useTranslation("settings");
  const { me } = useSession();
  const teams = useTeams();
  const [teamId, setTeamId] = useSelectedTeam();
  if (me.role !== "admin" || !teams.data || teams.data.length < 2) {
    return <span className="muted">{t("settings.teamOf", { team: teamLabel(teams.data, teamId) })}</span>;
  }
  return (
    <div className="field field--inline">
      <label className="field__label" htmlFor={id}>
        {t("settings.team")}
      </label>
      <select id={id} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
        {teams.data.map((team) => (
          <option key={team.teamId} value={team.teamId}>
            {team.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A comma-separated list in one text box ("a, b, c" ↔ ["a","b","c"]). */
export const splitList = (text: string): string[] =>
  text
    .split(/[,，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
export const joinList = (list: readonly string[] | undefined): string => (list ?? []).join(", ");

/** A number input's text as the API wants it: empty is "not set", anything else is sent as typed for the server to judge. */
export const numberOrUndefined = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text));

/**
 * A form's working copy of server data. It follows the server (a save's answer, a reload after a 409) while the
 * user has no unsaved edits; `edit` marks it dirty, `clean` after a save or to take the server's latest.
 */
export function useDraft<S, D>(source: S, toDraft: (s: S) => D) {
  const [draft, setDraft] = useState<D>(() => toDraft(source));
  const [dirty, setDirty] = useState(false);
  const [seen, setSeen] = useState(source);
  if (seen !== source) {
    // Adjusting state while rendering (React's documented pattern for "reset when a prop changes").
    setSeen(source);
    if (!dirty) setDraft(toDraft(source));
  }
  const edit = (update: (d: D) => D) => {
    setDirty(true);
    setDraft(update);
  };
  /** Drop the edits: take the server's copy now (after a save it equals what was sent). */
  const clean = (latest: S = source) => {
    setDirty(false);
    setDraft(toDraft(latest));
  };
  return { draft, dirty, edit, clean, setDirty };
}

/** A labelled text input with the server's error for `field` under it (aria-invalid and -describedby on the input). */
export function TextField({ id, label, field, errors, value, onChange, lang, placeholder }: {
  id: string;
  label: string;
  field: string;
  errors: ReturnType<typeof useFieldErrors>;
  value: string;
  onChange(value: string): void;
  lang?: string;
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} lang={lang} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} {...errors.input(field)} />
      {errors.err(field)}
    </div>
  );
}

/** Checkboxes for a set of values (lost-reason outcomes, gate roles, model features). */
export function CheckGroup({ legend, options, value, onToggle }: { legend: string; options: readonly (readonly [string, string])[]; value: readonly string[]; onToggle(v: string, on: boolean): void }) {
  return (
    <fieldset className="check-group">
      <legend className="field__label">{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v} className="check">
          <input type="checkbox" checked={value.includes(v)} onChange={(e) => onToggle(v, e.target.checked)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}
