import { useMemo, useState } from "react";
import type { Pipeline } from "../api/api-types.ts";
import { groupByStage, todayIsoDate } from "../hooks/board-summary.ts";
import { useBoardDeals } from "../hooks/use-board-deals.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { stageName } from "../i18n/stage-name.ts";
import { canMoveDeal } from "../session/permissions.ts";
import { useSession } from "../session/session-context.ts";
import { DealCard } from "./deal-card.tsx";
import { MoveFailureAlert } from "./move-failure-alert.tsx";
import { StageColumn } from "./stage-column.tsx";
import { EmptyState, ErrorState, LoadingState } from "./status-views.tsx";

/** One column per stage of the pipeline, with every open deal of it; cards move by drag or by the select. */
export function BoardView({ pipeline }: { pipeline: Pipeline }) {
  const { t, locale, plural } = useI18n();
  const { me, memberName } = useSession();
  const { state, pending, failure, lastMove, move, refresh, dismissFailure } = useBoardDeals(pipeline);
  const [dragging, setDragging] = useState<string | null>(null);
  const options = useMemo(() => pipeline.stages.map((s) => ({ key: s.key, label: stageName(s, locale) })), [pipeline.stages, locale]);
  const labelOf = (key: string) => options.find((o) => o.key === key)?.label ?? key;

  if (state.status === "loading") return <LoadingState label={t("board.loading")} />;
  if (state.status === "error") return <ErrorState title={t("board.loadFailed")} error={state.error} onRetry={refresh} />;

  const deals = state.data;
  const byStage = groupByStage(deals);
  const today = todayIsoDate();
  const dragged = dragging ? deals.find((d) => d.opportunityId === dragging) : undefined;
  const dropOn = (stageKey: string) => (dealId: string) => {
    const deal = deals.find((d) => d.opportunityId === dealId);
    setDragging(null);
    if (deal) void move(deal, stageKey, "drag");
  };

  return (
    <>
      <p className="board__summary">{plural("board.openDeals", deals.length)}</p>
      {failure && <MoveFailureAlert failure={failure} fromStageLabel={labelOf(failure.deal.stage)} onReload={refresh} onDismiss={dismissFailure} />}
      <p className="visually-hidden" aria-live="polite">
        {lastMove ? t("board.moved", { name: lastMove.deal.name, stage: labelOf(lastMove.deal.stage) }) : ""}
      </p>
      {deals.length === 0 && <EmptyState message={t("board.empty")} />}
      <div className="board" role="list" aria-label={pipeline.name}>
        {pipeline.stages.map((stage) => (
          <div role="listitem" className="board__lane" key={stage.key}>
            <StageColumn stageKey={stage.key} label={labelOf(stage.key)} deals={byStage.get(stage.key) ?? []} acceptsDrop={!!dragged && dragged.stage !== stage.key} onDropDeal={dropOn(stage.key)}>
              {(byStage.get(stage.key) ?? []).map((deal) => (
                <DealCard
                  key={deal.opportunityId}
                  deal={deal}
                  ownerName={memberName(deal.ownerId)}
                  stageOptions={options}
                  movable={canMoveDeal(me, deal)}
                  pending={pending.has(deal.opportunityId)}
                  overdue={!!deal.expectedCloseDate && deal.expectedCloseDate < today}
                  focusMove={lastMove?.via === "keyboard" && lastMove.deal.opportunityId === deal.opportunityId}
                  onMove={(to) => void move(deal, to, "keyboard")}
                  onDragStart={setDragging}
                  onDragEnd={() => setDragging(null)}
                />
              ))}
            </StageColumn>
          </div>
        ))}
      </div>
    </>
  );
}
