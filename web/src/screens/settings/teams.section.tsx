import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import type { Role } from "../../api/api-types.ts";
import { EmptyState } from "../../components/status-views.tsx";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import type { SlaSettings, TeamRecord, UserRecord } from "./settings-api.ts";
import {
  joinList, numberOrUndefined, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, splitList, TeamPicker, TextField, useDraft, useFieldErrors,
  useSelectedTeam, useSettingsApi, useTeams,
} from "./settings-ui.tsx";

const roles: Role[] = ["rep", "manager", "admin"];

export function TeamsSection() {
  const { t } = useTranslation("settings");
  const { me } = useSession();
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const id = useId();
  const teams = useTeams();
  const users = useQuery({ queryKey: ["settings", "users", teamId], queryFn: () => api.users(teamId) });
  return (
    <section className="settings-section" aria-label={t("settings.teams.title")}>
      <SectionHeader title={t("settings.teams.title")} intro={t("settings.teams.intro")}>
        <TeamPicker id={`${id}-team`} />
      </SectionHeader>
      {users.isPending && <SectionLoading />}
      {users.isError && <SectionLoadError error={users.error} onRetry={() => void users.refetch()} />}
      {users.isSuccess && users.data.length === 0 && <EmptyState message={t("settings.teams.noUsers")} />}
      {users.data && users.data.length > 0 && (
        <div className="settings-card">
          <h3>{t("settings.teams.users")}</h3>
          <ul className="user-list" aria-label={t("settings.teams.users")}>
            {users.data.map((u) => (
              <li key={u.userId}>
                <UserRow user={u} teams={teams.data ?? []} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <AddUser teamId={teamId} teams={teams.data ?? []} />
      <TeamSla teamId={teamId} />
      {me.role === "admin" && <NewTeam />}
    </section>
  );
}

function UserRow({ user, teams }: { user: UserRecord; teams: TeamRecord[] }) {
  const { t } = useTranslation("settings");
  const { t: tc } = useI18n();
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const { draft, dirty, edit, clean } = useDraft(user, (u) => ({ role: u.role, teamId: u.teamId, active: u.active !== false, capacity: u.capacity === undefined ? "" : String(u.capacity) }));
  const save = useMutation({
    mutationFn: () => {
      const capacity = numberOrUndefined(draft.capacity);
      return api.updateUser(user.userId, { version: user.version, role: draft.role, teamId: draft.teamId, active: draft.active, ...(capacity !== undefined && { capacity }) });
    },
    onSuccess: (next) => {
      clean(next);
      void queryClient.invalidateQueries({ queryKey: ["settings", "users"] });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        clean();
        void queryClient.invalidateQueries({ queryKey: ["settings", "users"] });
      }
    },
  });
  const errors = useFieldErrors(save.error, `user-${user.userId}`);
  return (
    <form
      className="user-row"
      noValidate
      aria-label={user.name}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="user-row__who">
        <strong>{user.name}</strong>
        <span className="muted">{user.email}</span>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-r`}>{t("settings.teams.role")}</label>
        <select id={`${id}-r`} value={draft.role} onChange={(e) => edit((d) => ({ ...d, role: e.target.value as Role }))}>
          {roles.map((r) => <option key={r} value={r}>{tc(`role.${r}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-t`}>{t("settings.team")}</label>
        <select id={`${id}-t`} value={draft.teamId} onChange={(e) => edit((d) => ({ ...d, teamId: e.target.value }))} {...errors.input("teamId")}>
          {[...new Set([...teams.map((x) => x.teamId), draft.teamId])].map((tid) => <option key={tid} value={tid}>{teams.find((x) => x.teamId === tid)?.name ?? tid}</option>)}
        </select>
        {errors.err("teamId")}
      </div>
      <div className="field user-row__capacity">
        <label className="field__label" htmlFor={`${id}-c`}>{t("settings.teams.capacity")}</label>
        <input id={`${id}-c`} type="number" value={draft.capacity} placeholder="50" onChange={(e) => edit((d) => ({ ...d, capacity: e.target.value }))} {...errors.input("capacity")} />
        {errors.err("capacity")}
      </div>
      <label className="check">
        <input type="checkbox" checked={draft.active} onChange={(e) => edit((d) => ({ ...d, active: e.target.checked }))} /> {t("settings.active")}
      </label>
      <div className="user-row__save">
        <button type="submit" className="button button--small" disabled={save.isPending || !dirty} aria-label={t("settings.teams.saveUser", { name: user.name })}>
          {t("settings.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
      </div>
      <SaveProblem error={save.error} shownFields={["teamId", "capacity"]} />
    </form>
  );
}

function AddUser({ teamId, teams }: { teamId: string; teams: TeamRecord[] }) {
  const { t } = useTranslation("settings");
  const { t: tc } = useI18n();
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const empty = { name: "", email: "", role: "rep" as Role, capacity: "" };
  const [draft, setDraft] = useState(empty);
  const add = useMutation({
    mutationFn: () => {
      const capacity = numberOrUndefined(draft.capacity);
      return api.createUser({ name: draft.name, email: draft.email, role: draft.role, teamId, ...(capacity !== undefined && { capacity }) });
    },
    onSuccess: () => setDraft(empty),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ["settings", "users"] }),
  });
  const errors = useFieldErrors(add.error, "add-user");
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.teams.addUser")}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h3>{t("settings.teams.addUserTo", { team: teams.find((x) => x.teamId === teamId)?.name ?? teamId })}</h3>
      <div className="settings-grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-n`}>{t("settings.teams.name")}</label>
          <input id={`${id}-n`} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} {...errors.input("name")} />
          {errors.err("name")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-e`}>{t("settings.teams.email")}</label>
          <input id={`${id}-e`} type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} {...errors.input("email")} />
          {errors.err("email")}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-r`}>{t("settings.teams.role")}</label>
          <select id={`${id}-r`} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
            {roles.map((r) => <option key={r} value={r}>{tc(`role.${r}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-c`}>{t("settings.teams.capacity")}</label>
          <input id={`${id}-c`} type="number" value={draft.capacity} placeholder="50" onChange={(e) => setDraft({ ...draft, capacity: e.target.value })} {...errors.input("capacity")} />
          {errors.err("capacity")}
        </div>
      </div>
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {add.isPending ? t("settings.saving") : t("settings.teams.addUser")}
        </button>
        <SaveStatus saving={add.isPending} saved={add.isSuccess} />
      </div>
      <SaveProblem error={add.error} shownFields={["name", "email", "capacity"]} />
    </form>
  );
}

/** Admins add a team; it is selected at once, so its users, lead SLA and pipeline can be set up next. */
function NewTeam() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const [, selectTeam] = useSelectedTeam();
  const id = useId();
  const empty = { name: "", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, regions: "" };
  const [draft, setDraft] = useState(empty);
  const create = useMutation({
    mutationFn: () => {
      const regions = splitList(draft.regions);
      return api.createTeam({ name: draft.name, ...(draft.timezone.trim() && { timezone: draft.timezone.trim() }), ...(regions.length > 0 && { regions }) });
    },
    onSuccess: async (team) => {
      setDraft(empty);
      await queryClient.invalidateQueries({ queryKey: ["settings", "teams"] });
      selectTeam(team.teamId);
    },
  });
  const errors = useFieldErrors(create.error, "new-team");
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.teams.create")}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3>{t("settings.teams.create")}</h3>
      <div className="settings-grid">
        <TextField id={`${id}-n`} label={t("settings.teams.teamName")} field="name" errors={errors} value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
        <TextField id={`${id}-tz`} label={t("settings.teams.timezone")} field="timezone" errors={errors} value={draft.timezone} onChange={(timezone) => setDraft({ ...draft, timezone })} placeholder="Asia/Shanghai" />
        <TextField id={`${id}-r`} label={t("settings.teams.regions")} field="regions" errors={errors} value={draft.regions} onChange={(regions) => setDraft({ ...draft, regions })} placeholder="华东, APAC" />
      </div>
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? t("settings.saving") : t("settings.teams.create")}
        </button>
      </div>
      <SaveProblem error={create.error} shownFields={["name", "timezone", "regions"]} />
    </form>
  );
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

const slaDraft = (s: SlaSettings) => ({
  timeZone: s.timeZone,
  workingDays: s.workingDays,
  workStart: s.workStart,
  workEnd: s.workEnd,
  holidays: joinList(s.holidays),
  twentyFourSeven: s.twentyFourSeven,
  responseTime: s.responseTime,
  escalateAfter: s.escalateAfter,
  poolAfter: s.poolAfter,
});

function TeamSla({ teamId }: { teamId: string }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const sla = useQuery({ queryKey: ["settings", "sla", teamId], queryFn: () => api.sla(teamId) });
  return (
    <div className="settings-subsection">
      <SectionHeader title={t("settings.sla.title")} intro={t("settings.sla.intro")} />
      {sla.isPending && <SectionLoading />}
      {sla.isError && <SectionLoadError error={sla.error} onRetry={() => void sla.refetch()} />}
      {sla.data && <SlaEditor key={teamId} settings={sla.data} teamId={teamId} />}
    </div>
  );
}

function SlaEditor({ settings, teamId }: { settings: SlaSettings; teamId: string }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const { draft, dirty, edit, clean, setDirty } = useDraft(settings, slaDraft);
  const save = useMutation({
    mutationFn: () =>
      api.saveSla(teamId, { ...(settings.version !== null && { version: settings.version }), ...draft, holidays: splitList(draft.holidays), workingDays: [...draft.workingDays].sort() }),
    onSuccess: (next) => {
      queryClient.setQueryData(["settings", "sla", teamId], next);
      clean(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        setDirty(false);
        void queryClient.invalidateQueries({ queryKey: ["settings", "sla", teamId] });
      }
    },
  });
  const errors = useFieldErrors(save.error, "sla");
  const text = (name: "timeZone" | "workStart" | "workEnd" | "responseTime" | "escalateAfter" | "poolAfter" | "holidays", type = "text") => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>{t(`settings.sla.${name}`)}</label>
      <input id={`${id}-${name}`} type={type} value={draft[name]} onChange={(e) => edit((d) => ({ ...d, [name]: e.target.value }))} {...errors.input(name)} />
      {errors.err(name)}
    </div>
  );
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.sla.title")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {settings.version === null && <p className="muted">{t("settings.sla.defaults")}</p>}
      <div className="settings-grid">
        {text("responseTime")}
        {text("escalateAfter")}
        {text("poolAfter")}
        {text("timeZone")}
        {text("workStart", "time")}
        {text("workEnd", "time")}
      </div>
      <fieldset className="check-group">
        <legend className="field__label">{t("settings.sla.workingDays")}</legend>
        {weekdays.map((d) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              checked={draft.workingDays.includes(d)}
              onChange={(e) => edit((x) => ({ ...x, workingDays: e.target.checked ? [...x.workingDays, d] : x.workingDays.filter((w) => w !== d) }))}
            />{" "}
            {t(`settings.sla.day.${d}`)}
          </label>
        ))}
      </fieldset>
      {errors.err("workingDays")}
      <label className="check">
        <input type="checkbox" checked={draft.twentyFourSeven} onChange={(e) => edit((x) => ({ ...x, twentyFourSeven: e.target.checked }))} /> {t("settings.sla.twentyFourSeven")}
      </label>
      {text("holidays")}
      <p className="muted">{t("settings.sla.durationHint")}</p>
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : t("settings.sla.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
      </div>
      <SaveProblem error={save.error} shownFields={["timeZone", "workStart", "workEnd", "holidays", "responseTime", "escalateAfter", "poolAfter", "workingDays"]} />
    </form>
  );
}
