import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { describeError } from "../../i18n/describe-error.ts";
import { canWriteDeal } from "../../model/deal-permissions.ts";
import { useSession } from "../../session/session-context.ts";
import { dealApi, dealKeys, type Deal, type DealApi } from "./deal-api.ts";

export function useDealApi(): DealApi {
  const { api } = useSession();
  return useMemo(() => dealApi(api), [api]);
}

/** Whether the screen offers changes to this deal: it is open and the signed-in user may write it (the server judges). */
export function useDealEditable(deal: Deal): boolean {
  const { me } = useSession();
  return deal.status === "open" && canWriteDeal(me, deal);
}

export function useDeal(id: string) {
  const calls = useDealApi();
  return useQuery({ queryKey: dealKeys.deal(id), queryFn: () => calls.deal(id) });
}

/** The server's message for a failed write, in the current language when the server sent none. */
export function useErrorText() {
  const { t } = useTranslation();
  return (error: unknown) => describeError(error, t);
}

/**
 * A write to the deal record itself: the cache shows `optimistic(deal)` at once, the server's answer replaces it
 * (keeping the read-only parts a write does not return: stage history), and a refusal (409 stale, 422 rule) puts
 * the deal back as it was and keeps the server's message in `error` for the caller to show.
 */
export function useDealWrite<V>(id: string, run: (deal: Deal, vars: V) => Promise<Deal>, optimistic?: (deal: Deal, vars: V) => Deal) {
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (vars: V) => {
      const deal = qc.getQueryData<Deal>(dealKeys.deal(id));
      if (!deal) throw new Error("The deal is not loaded");
      return run(deal, vars);
    },
    onMutate: async (vars: V) => {
      setError(null);
      await qc.cancelQueries({ queryKey: dealKeys.deal(id), exact: true });
      const before = qc.getQueryData<Deal>(dealKeys.deal(id));
      // The write reads the version before the optimistic copy replaces it (mutationFn runs after onMutate).
      if (before && optimistic) qc.setQueryData<Deal>(dealKeys.deal(id), { ...optimistic(before, vars), version: before.version });
      return { before };
    },
    onError: (err, _vars, context) => {
      if (context?.before) qc.setQueryData(dealKeys.deal(id), context.before);
      setError(errorText(err));
    },
    onSuccess: (saved) => {
      qc.setQueryData<Deal>(dealKeys.deal(id), (old) => ({ ...old, ...saved, stageHistory: saved.stageHistory ?? old?.stageHistory }));
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ["deal", id] });
    },
  });
  return { ...mutation, error, clearError: () => setError(null) };
}
