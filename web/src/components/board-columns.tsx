import { useState } from "react";
import type { Opportunity, Pipeline } from "../api/api-types.ts";
import { groupByStage, todayIsoDate } from "../model/board-summary.ts";
import type { MoveDone, MoveVia } from "../hooks/use-board-deals.ts";
import { canMoveDeal } from "../model/deal-permissions.ts";
import { useSession } from "../session/session-context.ts";
import { DealCard } from "./deal-card.tsx";
import { StageColumn } from "./stage-column.tsx";

interface BoardColumnsProps {
  pipeline: Pipeline;
  deals: readonly Opportunity[];
  stageOptions: readonly { key: string; label: string }[];
  pending: ReadonlySet<string>;
  lastMove: MoveDone | null;
  onMove(deal: Opportunity, toStage: string, via: MoveVia): void;
}

/** The columns side by side; tracks which card is being dragged so only the other columns light up. */
export function BoardColumns({ pipeline, deals, stageOptions, pending, lastMove, onMove }: BoardColumnsProps) {
  const { me, memberName } = useSession();
  const [dragging, setDragging] = useState<string | null>(null);
  const byStage = groupByStage(deals);
  const today = todayIsoDate();
  const dragged = dragging ? deals.find((d) => d.opportunityId === dragging) : undefined;
  const dropOn = (stageKey: string) => (dealId: string) => {
    const deal = deals.find((d) => d.opportunityId === dealId);
    setDragging(null);
    if (deal) onMove(deal, stageKey, "drag");
  };

  return (
    <div className="board" role="list" aria-label={pipeline.name}>
      {stageOptions.map((stage) => (
        <div role="listitem" className="board__lane" key={stage.key}>
          <StageColumn stageKey={stage.key} label={stage.label} deals={byStage.get(stage.key) ?? []} acceptsDrop={!!dragged && dragged.stage !== stage.key} onDropDeal={dropOn(stage.key)}>
            {(byStage.get(stage.key) ?? []).map((deal) => (
              <DealCard
                key={deal.opportunityId}
                deal={deal}
                ownerName={memberName(deal.ownerId)}
                stageOptions={stageOptions}
                movable={canMoveDeal(me, deal)}
                pending={pending.has(deal.opportunityId)}
                overdue={!!deal.expectedCloseDate && deal.expectedCloseDate < today}
                focusMove={lastMove?.via === "keyboard" && lastMove.deal.opportunityId === deal.opportunityId}
                onMove={(to) => onMove(deal, to, "keyboard")}
                onDragStart={setDragging}
                onDragEnd={() => setDragging(null)}
              />
            ))}
          </StageColumn>
        </div>
      ))}
    </div>
  );
}
