import { useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import { winModelFeatures, type WinModelFeature, type WinModelSettings } from "./settings-api.ts";
import type { CurrencyTable } from "../../api/api-types.ts";
import {
  CheckGroup, numberOrUndefined, SaveProblem, useDraft, SaveStatus, SectionHeader, SectionLoadError, SectionLoading, TeamPicker, useFieldErrors, useSelectedTeam, useSettingsApi,
} from "./settings-ui.tsx";

/** Reporting currency and rates (company-wide, admins) and the team's win model features (new this season). */
export function CurrencySection() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const table = useQuery({ queryKey: ["settings", "currency"], queryFn: () => api.currency() });
  return (
    <section className="settings-section" aria-label={t("settings.currency.title")}>
      <SectionHeader title={t("settings.currency.title")} intro={t("settings.currency.intro")} />
      {table.isPending && <SectionLoading />}
      {table.isError && <SectionLoadError error={table.error} onRetry={() => void table.refetch()} />}
      {table.data && <CurrencyEditor table={table.data} />}
      <WinModel />
    </section>
  );
}

interface RateRow {
  id: number;
  code: string;
  rate: string;
}

function CurrencyEditor({ table }: { table: CurrencyTable }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const id = useId();
  const { draft, dirty, edit, clean, setDirty } = useDraft(table, (tb) => ({
    reporting: tb.reportingCurrency,
    rows: Object.entries(tb.rates).map(([code, rate], i): RateRow => ({ id: i, code, rate: String(rate) })),
  }));
  const { reporting, rows } = draft;
  const setReporting = (value: string) => edit((d) => ({ ...d, reporting: value }));
  const setRows = (update: (rows: RateRow[]) => RateRow[]) => edit((d) => ({ ...d, rows: update(d.rows) }));
  const save = useMutation({
    mutationFn: () =>
      api.saveCurrency({
        ...(table.version !== null && { version: table.version }),
        reportingCurrency: reporting.trim().toUpperCase(),
        rates: Object.fromEntries(rows.filter((r) => r.code.trim()).map((r) => [r.code.trim().toUpperCase(), numberOrUndefined(r.rate) as number])),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(["settings", "currency"], next);
      clean(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        setDirty(false);
        void queryClient.invalidateQueries({ queryKey: ["settings", "currency"] });
      }
    },
  });
  const errors = useFieldErrors(save.error, "currency");
  const setRow = (rowId: number, patch: Partial<RateRow>) => setRows((all) => all.map((r) => (r.id === rowId ? { ...r, ...patch } : r)));
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.currency.formLabel")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="field settings-narrow">
        <label className="field__label" htmlFor={`${id}-rc`}>{t("settings.currency.reporting")}</label>
        <input id={`${id}-rc`} value={reporting} maxLength={3} autoCapitalize="characters" onChange={(e) => setReporting(e.target.value)} {...errors.input("reportingCurrency")} />
        {errors.err("reportingCurrency")}
      </div>
      <fieldset className="rate-table">
        <legend className="field__label">{t("settings.currency.rates", { currency: reporting.toUpperCase() })}</legend>
        {rows.length === 0 && <p className="muted">{t("settings.currency.noRates")}</p>}
        {rows.map((row) => {
          const code = row.code.trim().toUpperCase();
          return (
            <div key={row.id} className="rate-row">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-c${row.id}`}>{t("settings.currency.code")}</label>
                <input id={`${id}-c${row.id}`} value={row.code} maxLength={3} onChange={(e) => setRow(row.id, { code: e.target.value })} />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-r${row.id}`}>{t("settings.currency.rateFor", { code: code || "…", reporting: reporting.toUpperCase() })}</label>
                <input id={`${id}-r${row.id}`} type="number" inputMode="decimal" step="any" value={row.rate} onChange={(e) => setRow(row.id, { rate: e.target.value })} {...errors.input(`rates.${code}`)} />
                {errors.err(`rates.${code}`)}
              </div>
              <button type="button" className="button button--small button--ghost" aria-label={t("settings.currency.removeRate", { code: code || "…" })} onClick={() => setRows((all) => all.filter((r) => r.id !== row.id))}>
                {t("settings.remove")}
              </button>
            </div>
          );
        })}
        <button type="button" className="button button--small" onClick={() => setRows((all) => [...all, { id: Math.max(0, ...all.map((r) => r.id)) + 1, code: "", rate: "" }])}>
          {t("settings.currency.addRate")}
        </button>
      </fieldset>
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : t("settings.currency.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
      </div>
      <SaveProblem error={save.error} shownFields={["reportingCurrency", ...rows.map((r) => `rates.${r.code.trim().toUpperCase()}`)]} />
    </form>
  );
}

function WinModel() {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const [teamId] = useSelectedTeam();
  const id = useId();
  const settings = useQuery({ queryKey: ["settings", "winModel", teamId], queryFn: () => api.winModel(teamId) });
  return (
    <div className="settings-subsection">
      <SectionHeader title={t("settings.winModel.title")} intro={t("settings.winModel.intro")}>
        <TeamPicker id={`${id}-team`} />
      </SectionHeader>
      {settings.isPending && <SectionLoading />}
      {settings.isError && <SectionLoadError error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && <WinModelEditor key={teamId} settings={settings.data} teamId={teamId} />}
    </div>
  );
}

function WinModelEditor({ settings, teamId }: { settings: WinModelSettings; teamId: string }) {
  const { t } = useTranslation("settings");
  const api = useSettingsApi();
  const queryClient = useQueryClient();
  const { draft: features, edit, clean, dirty } = useDraft(settings, (x): WinModelFeature[] => x.features);
  const setFeatures = edit;
  const save = useMutation({
    mutationFn: () => api.saveWinModel(teamId, { ...(settings.version !== null && { version: settings.version }), features: winModelFeatures.filter((f) => features.includes(f)) }),
    onSuccess: (next) => {
      queryClient.setQueryData(["settings", "winModel", teamId], next);
      clean(next);
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) {
        clean();
        void queryClient.invalidateQueries({ queryKey: ["settings", "winModel", teamId] });
      }
    },
  });
  return (
    <form
      className="settings-form settings-card"
      noValidate
      aria-label={t("settings.winModel.title")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {settings.source === "defaults" && <p className="muted">{t("settings.winModel.defaults")}</p>}
      <CheckGroup
        legend={t("settings.winModel.features")}
        options={winModelFeatures.map((f) => [f, t(`settings.winModel.feature.${f}`)] as const)}
        value={features}
        onToggle={(v, on) => setFeatures((all) => (on ? [...all, v as WinModelFeature] : all.filter((x) => x !== v)))}
      />
      <div className="settings-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? t("settings.saving") : t("settings.winModel.save")}
        </button>
        <SaveStatus saving={save.isPending} saved={save.isSuccess && !dirty} />
      </div>
      <SaveProblem error={save.error} />
    </form>
  );
}
