import { useCallback, useRef, useState } from "react";
import type { Opportunity, Pipeline } from "../api/api-types.ts";
import { useSession } from "../session/session-context.ts";
import { useAsync } from "./use-async.ts";

export type MoveVia = "keyboard" | "drag";
export interface MoveFailure {
  deal: Opportunity;
  toStage: string;
  error: unknown;
}
export interface MoveDone {
  deal: Opportunity;
  via: MoveVia;
}

/**
 * The open deals of one pipeline and the stage move: the card moves at once (optimistic), the PATCH carries
 * the version the user saw, and a refusal (409 stale, 422 rule, 403) puts the card back where it was.
 */
export function useBoardDeals(pipeline: Pipeline) {
  const { api } = useSession();
  const { state, setState, reload } = useAsync(() => api.openDeals(pipeline.pipelineId), [api, pipeline.pipelineId]);
  const inFlight = useRef(new Set<string>());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<MoveFailure | null>(null);
  const [lastMove, setLastMove] = useState<MoveDone | null>(null);

  const replace = useCallback(
    (deal: Opportunity) => setState((s) => (s.status === "ready" ? { ...s, data: s.data.map((d) => (d.opportunityId === deal.opportunityId ? deal : d)) } : s)),
    [setState],
  );
  const track = useCallback((id: string, busy: boolean) => {
    if (busy) inFlight.current.add(id);
    else inFlight.current.delete(id);
    setPending(new Set(inFlight.current));
  }, []);

  const move = useCallback(
    async (deal: Opportunity, toStage: string, via: MoveVia) => {
      const target = pipeline.stages.find((s) => s.key === toStage);
      if (!target || deal.stage === toStage || inFlight.current.has(deal.opportunityId)) return;
      replace({ ...deal, stage: toStage, probability: target.probability });
      track(deal.opportunityId, true);
      setFailure(null);
      try {
        const saved = await api.moveDeal(deal.opportunityId, deal.version, toStage);
        const merged = { ...deal, ...saved };
        replace(merged);
        setLastMove({ deal: merged, via });
      } catch (error) {
        replace(deal);
        setFailure({ deal, toStage, error });
      } finally {
        track(deal.opportunityId, false);
      }
    },
    [api, pipeline.stages, replace, track],
  );

  const refresh = useCallback(() => {
    setFailure(null);
    reload();
  }, [reload]);

  return { state, pending, failure, lastMove, move, refresh, dismissFailure: () => setFailure(null) };
}
