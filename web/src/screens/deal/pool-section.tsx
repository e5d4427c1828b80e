import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Dialog } from "../../components/dialog.tsx";
import type { Me } from "../../api/api-types.ts";
import { useLocale } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";
import { dealKeys, type Deal } from "./deal-api.ts";
import { useDealApi, useErrorText } from "./use-deal.ts";

/** packages/core/src/pool/pool-release.ts: the owner, a manager of the deal's team, or an admin. */
export function mayRelease(me: Me, deal: Deal): boolean {
  return me.role === "admin" || (me.role === "manager" && me.teamId === deal.teamId) || (!!deal.ownerId && deal.ownerId === me.userId);
}

/** pool-claim.ts: anyone of the deal's own team (the server also applies the claim limit and the cool-down). */
export const mayClaim = (me: Me, deal: Deal): boolean => me.teamId === deal.teamId;

/**
 * A release or claim answers with the whole record, owner removed or set: it replaces the cached deal (a merge
 * would keep the old owner), keeping the stage history the answer leaves out.
 */
function usePoolWrite<V>(deal: Deal, run: (vars: V) => Promise<Deal>) {
  const qc = useQueryClient();
  const errorText = useErrorText();
  const key = dealKeys.deal(deal.opportunityId);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onMutate: () => setError(null),
    onError: (err) => setError(errorText(err)),
    onSuccess: (saved) => qc.setQueryData<Deal>(key, (old) => ({ ...saved, stageHistory: saved.stageHistory ?? old?.stageHistory })),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["deal", deal.opportunityId] }),
  });
  return { ...mutation, error, clearError: () => setError(null) };
}

/** The team pool (公海) on the 360° view: release a stale deal, or claim a pooled one. Shown only when either applies. */
export function PoolSection({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const { fmt } = useLocale();
  const { me, memberName } = useSession();
  const calls = useDealApi();
  const [releasing, setReleasing] = useState(false);
  const [reason, setReason] = useState("");
  const release = usePoolWrite<string>(deal, (why) => calls.release(deal.opportunityId, deal.version, why.trim() || undefined));
  const claim = usePoolWrite<void>(deal, () => calls.claim(deal.opportunityId));
  const open = deal.status === "open";
  const canRelease = open && deal.stale === true && !deal.pooled && mayRelease(me, deal);
  const canClaim = open && deal.pooled === true && mayClaim(me, deal);
  if (!canRelease && !deal.pooled) return null;

  const finish = () => {
    release.clearError();
    setReason("");
    setReleasing(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    release.mutate(reason, { onSuccess: finish });
  };
  const formId = `release-${deal.opportunityId}`;
  const lastOwner = deal.lastOwnerId ? (memberName(deal.lastOwnerId) ?? deal.lastOwnerId) : null;
  return (
    <section className="deal-panel deal-pool" aria-labelledby="deal-pool">
      <h2 id="deal-pool" className="deal-section__title">
        {t("deal.pool.title")}
      </h2>
      {deal.pooled ? (
        <>
          <p>
            {deal.pooledAt ? t("deal.pool.pooledSince", { date: fmt.dateTime(deal.pooledAt) }) : t("deal.pool.pooled")}
            {lastOwner && <span className="muted"> · {t("deal.pool.lastOwner", { name: lastOwner })}</span>}
          </p>
          {claim.error && (
            <p className="deal-error" role="alert">
              {t("deal.pool.claimFailed", { message: claim.error })}
            </p>
          )}
          {canClaim && (
            <button type="button" className="button button--primary deal-pool__action" disabled={claim.isPending} onClick={() => claim.mutate()}>
              {t("deal.pool.claim")}
            </button>
          )}
        </>
      ) : (
        <>
          <p>{t("deal.pool.staleHint")}</p>
          <button type="button" className="button deal-pool__action" onClick={() => setReleasing(true)}>
            {t("deal.pool.release")}
          </button>
        </>
      )}
      <Dialog
        open={releasing}
        title={t("deal.pool.releaseTitle")}
        onClose={finish}
        footer={
          <>
            <button type="button" className="button button--ghost" onClick={finish}>
              {t("deal.cancel")}
            </button>
            <button type="submit" form={formId} className="button button--primary" disabled={release.isPending}>
              {t("deal.pool.releaseConfirm")}
            </button>
          </>
        }
      >
        <form id={formId} className="close-form" onSubmit={submit}>
          <p className="muted">{t("deal.pool.releaseHelp")}</p>
          <label className="field">
            <span className="field__label">{t("deal.pool.reason")}</span>
            <textarea value={reason} maxLength={200} rows={3} onChange={(e) => setReason(e.target.value)} />
          </label>
          {release.error && (
            <p className="deal-error" role="alert">
              {t("deal.pool.releaseFailed", { message: release.error })}
            </p>
          )}
        </form>
      </Dialog>
    </section>
  );
}
