import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Dialog } from "../../components/dialog.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { dealKeys, type CloseInput, type CloseOutcome, type Deal } from "./deal-api.ts";
import { useDealApi, useDealWrite } from "./use-deal.ts";

/** Closes the deal as won, lost or invalid; lost and invalid need one of the team's reasons, lost also who won. */
export function CloseDialog({ deal, outcome, onDone }: { deal: Deal; outcome: CloseOutcome | null; onDone(): void }) {
  const { t } = useTranslation("deal");
  const { locale } = useLocale();
  const calls = useDealApi();
  const reasons = useQuery({ queryKey: dealKeys.lostReasons, queryFn: () => calls.lostReasons(), enabled: outcome !== null && outcome !== "won" });
  const [reasonKey, setReasonKey] = useState("");
  const [winner, setWinner] = useState("");
  const [note, setNote] = useState("");
  const close = useDealWrite<CloseInput>(deal.opportunityId, (d, input) => calls.close(d.opportunityId, d.version, input));
  const choices = (reasons.data?.items ?? []).filter((r) => r.active && outcome !== "won" && outcome !== null && r.outcomes.includes(outcome));
  const finish = () => {
    close.clearError();
    setReasonKey("");
    setWinner("");
    setNote("");
    onDone();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return;
    const extra = note.trim() ? { note: note.trim() } : {};
    const input: CloseInput =
      outcome === "won" ? { outcome, ...extra }
      : outcome === "lost" ? { outcome, reasonKey, winningCompetitor: winner.trim() || "unknown", ...extra }
      : { outcome, reasonKey, ...extra };
    close.mutate(input, { onSuccess: finish });
  };
  const formId = `close-${deal.opportunityId}`;
  return (
    <Dialog
      open={outcome !== null}
      title={outcome ? t(`deal.close.title.${outcome}`) : ""}
      onClose={finish}
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={finish}>
            {t("deal.cancel")}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={close.isPending}>
            {outcome ? t(`deal.close.confirm.${outcome}`) : ""}
          </button>
        </>
      }
    >
      <form id={formId} className="close-form" onSubmit={submit}>
        {outcome !== "won" && (
          <label className="field">
            <span className="field__label">{t("deal.close.reason")}</span>
            <select value={reasonKey} required onChange={(e) => setReasonKey(e.target.value)}>
              <option value="" disabled>
                {reasons.isPending ? t("deal.close.loadingReasons") : t("deal.close.pickReason")}
              </option>
              {choices.map((r) => (
                <option key={r.key} value={r.key}>
                  {locale === "zh-CN" && r.labelZh ? r.labelZh : r.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {outcome === "lost" && (
          <label className="field">
            <span className="field__label">{t("deal.close.winner")}</span>
            <input value={winner} list={`${formId}-competitors`} placeholder={t("deal.close.winnerHint")} onChange={(e) => setWinner(e.target.value)} />
            <datalist id={`${formId}-competitors`}>
              {(deal.competitors ?? []).map((c) => (
                <option key={c.name} value={c.name} />
              ))}
              <option value="none">{t("deal.close.noWinner")}</option>
              <option value="unknown">{t("deal.close.unknownWinner")}</option>
            </datalist>
          </label>
        )}
        <label className="field">
          <span className="field__label">{t("deal.close.note")}</span>
          <textarea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {close.error && (
          <p className="deal-error" role="alert">
            {close.error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** Reopens a closed deal in the stage it closed in; the reason is audited. */
export function ReopenDialog({ deal, open, onDone }: { deal: Deal; open: boolean; onDone(): void }) {
  const { t } = useTranslation("deal");
  const calls = useDealApi();
  const [reason, setReason] = useState("");
  const reopen = useDealWrite<string>(deal.opportunityId, (d, r) => calls.reopen(d.opportunityId, d.version, r));
  const finish = () => {
    reopen.clearError();
    setReason("");
    onDone();
  };
  const formId = `reopen-${deal.opportunityId}`;
  return (
    <Dialog
      open={open}
      title={t("deal.reopen.title")}
      onClose={finish}
      footer={
        <>
          <button type="button" className="button button--ghost" onClick={finish}>
            {t("deal.cancel")}
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={reopen.isPending || !reason.trim()}>
            {t("deal.reopen.confirm")}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => (e.preventDefault(), reopen.mutate(reason.trim(), { onSuccess: finish }))}>
        <label className="field">
          <span className="field__label">{t("deal.reopen.reason")}</span>
          <input value={reason} required maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </label>
        {reopen.error && (
          <p className="deal-error" role="alert">
            {reopen.error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
