import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import {
  numberOrUndefined, SaveProblem, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, TeamPicker, useFieldErrors, useSelectedTeam, useSettingsApi,
} from "./settings-ui.tsx";

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Monthly quotas (admins set them with PUT /quotas); current values are read back from the forecast of that month. */
export function QuotasSection() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const id = useId();
  const [month, setMonth] = useState(thisMonth);
  const users = useQuery({ queryKey: ["settings", "users", teamId], queryFn: () => api.users(teamId) });
  const reps = (users.data ?? []).filter((u) => u.role === "rep" && u.active !== false);
  const validMonth = /^\d{4}-\d{2}$/.test(month);
  return (
    <section className="settings-section" aria-label={t("settings.quotas.title")}>
      <SectionHeader title={t("settings.quotas.title")} intro={t("settings.quotas.intro")}>
        <TeamPicker id={`${id}-team`} />
        <div className="field field--inline">
          <label className="field__label" htmlFor={`${id}-m`}>{t("settings.quotas.month")}</label>
          <input id={`${id}-m`} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </div>
      </SectionHeader>
      {users.isPending && <SectionLoading />}
      {users.isError && <SectionLoadError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && validMonth && (
        <ul className="quota-list" aria-label={t("settings.quotas.listLabel", { month })}>
          <li>
            <QuotaRow teamId={teamId} month={month} label={t("settings.quotas.team")} />
          </li>
          {reps.map((u) => (
            <li key={u.userId}>
              <QuotaRow teamId={teamId} month={month} userId={u.userId} label={u.name} />
            </li>
          ))}
        </ul>
      )}
      {users.isSuccess && reps.length === 0 && <EmptyState message={t("settings.quotas.noReps")} />}
    </section>
  );
}

function QuotaRow({ teamId, month, userId, label }: { teamId: string; month: string; userId?: string; label: string }) {
  const { t } = useTranslation("settings");
  const { fmt } = useLocale();
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const key = ["settings", "quota", teamId, month, userId ?? "team"];
  const current = useQuery({ queryKey: key, queryFn: () => api.forecast(teamId, month, userId), retry: false });
  const [amount, setAmount] = useState("");
  const save = useMutation({
    mutationFn: () => api.setQuota({ teamId, month, amount: numberOrUndefined(amount) as number, ...(userId && { userId }), ...(current.data && { currency: current.data.currency }) }),
    onSuccess: () => setAmount(""),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
  const errors = useFieldErrors(save.error, `quota-${userId ?? "team"}`);
  const quota = current.data?.total.quota;
  return (
    <form
      className="quota-row"
      noValidate
      aria-label={t("settings.quotas.rowLabel", { name: label })}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <strong className="quota-row__who">{label}</strong>
      <span className="quota-row__current">
        {current.isPending ? "…" : quota === null || quota === undefined ? <span className="muted">{t("settings.quotas.notSet")}</span> : fmt.money(quota, current.data?.currency ?? "CNY")}
      </span>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-a`}>{t("settings.quotas.newAmount", { currency: current.data?.currency ?? "CNY" })}</label>
        <input id={`${id}-a`} type="number" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} {...errors.input("amount")} />
        {errors.err("amount")}
      </div>
      <button type="submit" className="button button--small" disabled={save.isPending || amount.trim() === ""}>
        {t("settings.quotas.set")}
      </button>
      <SaveStatus saving={save.isPending} saved={save.isSuccess} />
      <SaveProblem error={save.error} shownFields={["amount"]} />
    </form>
  );
}
