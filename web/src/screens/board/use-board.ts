import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState } from "react";
import { isApiError } from "../../api/api-error.ts";
import type { ApiClient } from "../../api/api-client.ts";
import type { RiskAlert } from "../../api/api-types.ts";
import { batched } from "../../api/batch.ts";
import { useSession } from "../../session/session-context.ts";
import { boardApi, type BoardDeal, type BoardPipeline } from "./board-api.ts";

export type MoveVia = "keyboard" | "pointer" | "menu";

/** A refused move, kept on the card it concerns (422 gate, 403) or above the board (409 stale version). */
export interface MoveFailure {
  deal: BoardDeal;
  toStage: string;
  error: unknown;
}

const minutes = 60_000;
export const boardKeys = {
  pipelines: (teamId: string | undefined) => ["board", "pipelines", teamId ?? "own"] as const,
  deals: (pipelineId: string, teamId: string | undefined) => ["board", "deals", pipelineId, teamId ?? "own"] as const,
  accounts: (teamId: string | undefined) => ["board", "accounts", teamId ?? "own"] as const,
  members: (teamId: string) => ["board", "members", teamId] as const,
  teams: ["board", "teams"] as const,
  risks: (opportunityId: string) => ["board", "risks", opportunityId] as const,
  currency: ["board", "currency"] as const,
};

/** The pipelines of the team on screen (an admin may pick another team). */
export function usePipelines(teamId: string | undefined) {
  const { api } = useSession();
  const calls = useMemo(() => boardApi(api), [api]);
  return useQuery({ queryKey: boardKeys.pipelines(teamId), queryFn: () => calls.pipelines(teamId) });
}

/** Teams for an admin's team filter; nobody else may list them. */
export function useTeams(enabled: boolean) {
  const { api } = useSession();
  return useQuery({ queryKey: boardKeys.teams, queryFn: () => boardApi(api).teams(), enabled, staleTime: 10 * minutes });
}

/** The people a deal can belong to: the session's team directory, or another team's for an admin. */
export function useOwners(teamId: string | undefined) {
  const { api, members, me } = useSession();
  const other = !!teamId && teamId !== me.teamId;
  const query = useQuery({ queryKey: boardKeys.members(teamId ?? me.teamId), queryFn: () => boardApi(api).members(teamId ?? me.teamId), enabled: other, staleTime: 10 * minutes });
  return other ? (query.data ?? []) : members;
}

/**
 * One risk batcher per signed-in client: cards mounted until 100 ms pass without a new one (a scroll settles; at
 * most 1 s) share a GET /risks/deals of up to 50 ids.
 */
const riskLoaders = new WeakMap<ApiClient, (opportunityId: string, signal: AbortSignal) => Promise<RiskAlert[] | undefined>>();
function riskLoader(api: ApiClient) {
  let load = riskLoaders.get(api);
  if (!load) {
    const calls = boardApi(api);
    const many = async (ids: string[]) => new Map((await calls.dealRisks(ids)).deals.map((d) => [d.opportunityId, d.alerts]));
    load = batched(many, { max: 50, waitMs: 100, maxWaitMs: 1000 });
    riskLoaders.set(api, load);
  }
  return load;
}

/**
 * A card's risk alerts, asked when the card is mounted: a column renders only the cards in view, so a board of
 * 2,000 deals judges the few dozen on screen, never the whole team. A card scrolled past before its batch leaves
 * unmounts, TanStack Query aborts its signal, and it is not asked at all. Kept 5 minutes.
 */
export function useDealAlerts(opportunityId: string): readonly RiskAlert[] | undefined {
  const { api } = useSession();
  const query = useQuery({ queryKey: boardKeys.risks(opportunityId), queryFn: async ({ signal }) => (await riskLoader(api)(opportunityId, signal)) ?? [], staleTime: 5 * minutes, retry: false });
  return query.data;
}

/**
 * Everything one pipeline's board shows: every open deal (all pages), account names and the currency
 * table; and the stage move: the card moves at once, the PATCH carries the version the user saw, and a refusal puts
 * the card back where it was with the reason.
 */
export function useBoard(pipeline: BoardPipeline, teamId: string | undefined) {
  const { api } = useSession();
  const calls = useMemo(() => boardApi(api), [api]);
  const qc = useQueryClient();
  const dealsKey = boardKeys.deals(pipeline.pipelineId, teamId);

  const deals = useQuery({ queryKey: dealsKey, queryFn: () => calls.openDeals(pipeline.pipelineId, teamId) });
  const accounts = useQuery({ queryKey: boardKeys.accounts(teamId), queryFn: () => calls.accounts(teamId), staleTime: 5 * minutes });
  const currency = useQuery({ queryKey: boardKeys.currency, queryFn: () => calls.currency(), staleTime: 10 * minutes, retry: false });

  const accountNames = useMemo(() => new Map((accounts.data ?? []).map((a) => [a.accountId, a.name])), [accounts.data]);

  const [failures, setFailures] = useState<ReadonlyMap<string, MoveFailure>>(new Map());
  const [conflict, setConflict] = useState<MoveFailure | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const inFlight = useRef(new Set<string>());
  const [lastMove, setLastMove] = useState<{ deal: BoardDeal; via: MoveVia } | null>(null);

  const putDeal = useCallback(
    (deal: BoardDeal) => qc.setQueryData<BoardDeal[]>(dealsKey, (list) => list?.map((d) => (d.opportunityId === deal.opportunityId ? deal : d))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [qc, pipeline.pipelineId, teamId],
  );
  const track = useCallback((id: string, busy: boolean) => {
    if (busy) inFlight.current.add(id);
    else inFlight.current.delete(id);
    setPending(new Set(inFlight.current));
  }, []);
  const forget = useCallback((id: string) => {
    setFailures((m) => {
      if (!m.has(id)) return m;
      const next = new Map(m);
      next.delete(id);
      return next;
    });
  }, []);

  const mutation = useMutation({
    mutationFn: ({ deal, toStage }: { deal: BoardDeal; toStage: string; via: MoveVia }) => calls.moveDeal(deal.opportunityId, deal.version, toStage),
    onMutate: ({ deal, toStage }) => {
      const target = pipeline.stages.find((s) => s.key === toStage);
      track(deal.opportunityId, true);
      forget(deal.opportunityId);
      setConflict(null);
      // The card lands at the top of its new column at once (columns list the latest arrivals first).
      putDeal({ ...deal, stage: toStage, probability: target?.probability ?? deal.probability, stageEnteredAt: new Date().toISOString() });
    },
    onSuccess: (saved, { deal, via }) => {
      const merged = { ...deal, ...saved };
      putDeal(merged);
      setLastMove({ deal: merged, via });
      // The deal's alerts depend on its stage; they refresh quietly, the board does not wait for them.
      void qc.invalidateQueries({ queryKey: boardKeys.risks(deal.opportunityId) });
    },
    onError: (error, { deal, toStage }) => {
      putDeal(deal);
      const failure = { deal, toStage, error };
      if (isApiError(error) && error.status === 409) setConflict(failure);
      else setFailures((m) => new Map(m).set(deal.opportunityId, failure));
    },
    onSettled: (_saved, _error, { deal }) => track(deal.opportunityId, false),
  });

  const move = useCallback(
    (deal: BoardDeal, toStage: string, via: MoveVia) => {
      if (deal.stage === toStage || inFlight.current.has(deal.opportunityId)) return;
      mutation.mutate({ deal, toStage, via });
    },
    // mutate is stable across renders in TanStack Query 5.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [mutation.mutate],
  );

  const reload = useCallback(() => {
    setConflict(null);
    setFailures(new Map());
    // The stale cards leave the screen until the fresh list is in, so nobody moves them again with an old version.
    void qc.resetQueries({ queryKey: dealsKey });
    void qc.invalidateQueries({ queryKey: ["board", "risks"] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qc, pipeline.pipelineId, teamId]);

  return {
    deals,
    accountNames,
    rates: currency.data,
    pending,
    failures,
    conflict,
    lastMove,
    move,
    reload,
    dismissFailure: forget,
    dismissConflict: useCallback(() => setConflict(null), []),
  };
}
