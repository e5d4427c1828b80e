import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { useCallback, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/api-error.ts";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { stageName } from "../../i18n/stage-name.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { filterDeals, groupByStage, stageDueAt, todayIsoDate, type BoardFilters } from "../../model/board-summary.ts";
import { canWriteDeal } from "../../model/deal-permissions.ts";
import { useSession } from "../../session/session-context.ts";
import type { BoardDeal, BoardPipeline } from "./board-api.ts";
import { DealCard, DealCardView, type StageOption } from "./deal-card.tsx";
import { StageColumn } from "./stage-column.tsx";
import { useBoard } from "./use-board.ts";

interface BoardViewProps {
  pipeline: BoardPipeline;
  teamId: string | undefined;
  filters: BoardFilters;
  ownerName(userId: string | undefined): string | undefined;
}

/** Columns match on the pointer's x (or the dragged card's centre with the keyboard): columns are tall and side by side. */
const columnCollision: CollisionDetection = ({ droppableContainers, droppableRects, collisionRect, pointerCoordinates }) => {
  const x = pointerCoordinates?.x ?? collisionRect.left + collisionRect.width / 2;
  for (const c of droppableContainers) {
    const r = droppableRects.get(c.id);
    if (r && x >= r.left && x <= r.right) return [{ id: c.id, data: { droppableContainer: c, value: 0 } }];
  }
  return [];
};

const arrival = (d: BoardDeal) => d.stageEnteredAt ?? d.createdAt ?? "";

/** One pipeline's board: every open deal in a column per stage, drag and drop (mouse, touch, keyboard) to move. */
export function BoardView({ pipeline, teamId, filters, ownerName }: BoardViewProps) {
  const { t } = useTranslation("board");
  const { t: tc, locale } = useI18n();
  const { me } = useSession();
  const board = useBoard(pipeline, teamId);
  const { accountNames, rates, pending, failures, conflict, lastMove, move, dismissFailure } = board;
  const [activeId, setActiveId] = useState<string | null>(null);

  const stageOptions = useMemo<StageOption[]>(() => pipeline.stages.map((s) => ({ key: s.key, label: stageName(s, locale) })), [pipeline.stages, locale]);
  const labelOf = useCallback((key: UniqueIdentifier | undefined) => stageOptions.find((o) => o.key === key)?.label ?? String(key ?? ""), [stageOptions]);
  const slaOf = useMemo(() => new Map(pipeline.stages.map((s) => [s.key, s.slaDays])), [pipeline.stages]);

  const all = board.deals.data;
  const shown = useMemo(() => filterDeals(all ?? [], filters, (id) => accountNames.get(id)), [all, filters, accountNames]);
  const byStage = useMemo(() => {
    const groups = groupByStage(shown);
    // Latest arrivals first: a card just moved sits at the top of its new column.
    for (const list of groups.values()) list.sort((a, b) => (arrival(b) > arrival(a) ? 1 : arrival(b) < arrival(a) ? -1 : 0));
    return groups;
  }, [shown]);
  const dealById = useMemo(() => new Map((all ?? []).map((d) => [d.opportunityId, d])), [all]);

  // Arrow keys jump a lifted card from column to column (up and down do nothing: a column's order is by arrival).
  const order = useRef<string[]>([]);
  order.current = stageOptions.map((s) => s.key);
  const coordinateGetter = useCallback<KeyboardCoordinateGetter>((event, { context, currentCoordinates }) => {
    const dir = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
    if (!dir || !context.collisionRect) return undefined;
    event.preventDefault();
    const from = context.over?.id ?? (context.active?.data.current as { deal?: BoardDeal } | undefined)?.deal?.stage;
    const next = order.current[order.current.indexOf(String(from)) + dir];
    const rect = next ? context.droppableRects.get(next) : undefined;
    if (!rect) return undefined;
    return { x: rect.left + (rect.width - context.collisionRect.width) / 2, y: currentCoordinates.y };
  }, []);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter }));

  const via = useRef<"pointer" | "keyboard">("pointer");
  const fromStage = useRef<string | undefined>(undefined);
  const onDragStart = useCallback((e: DragStartEvent) => {
    setActiveId(String(e.active.id));
    fromStage.current = (e.active.data.current as { deal?: BoardDeal } | undefined)?.deal?.stage;
    via.current = e.activatorEvent instanceof KeyboardEvent ? "keyboard" : "pointer";
  }, []);
  const onDragEnd = useCallback(
    ({ active, over }: DragEndEvent) => {
      setActiveId(null);
      const deal = dealById.get(String(active.id));
      if (deal && over && over.id !== deal.stage) move(deal, String(over.id), via.current);
    },
    [dealById, move],
  );

  const nameOf = (id: UniqueIdentifier) => dealById.get(String(id))?.name ?? String(id);
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("board.dnd.picked", { name: nameOf(active.id), stage: labelOf(dealById.get(String(active.id))?.stage) }),
    onDragOver: ({ active, over }) => (over ? t("board.dnd.over", { name: nameOf(active.id), stage: labelOf(over.id) }) : t("board.dnd.notOver", { name: nameOf(active.id) })),
    onDragEnd: ({ active, over }) => {
      const from = fromStage.current;
      return over && over.id !== from ? t("board.dnd.dropped", { name: nameOf(active.id), stage: labelOf(over.id) }) : t("board.dnd.droppedHome", { name: nameOf(active.id), stage: labelOf(from) });
    },
    onDragCancel: ({ active }) => t("board.dnd.cancelled", { name: nameOf(active.id), stage: labelOf(fromStage.current) }),
  };

  const today = todayIsoDate();
  const focusId = lastMove?.via !== "pointer" ? lastMove?.deal.opportunityId : undefined;
  const cardProps = (deal: BoardDeal) => ({
    deal,
    accountName: accountNames.get(deal.accountId),
    ownerName: ownerName(deal.ownerId),
    dueAt: stageDueAt(deal.stageEnteredAt, slaOf.get(deal.stage)),
    overdue: !!deal.expectedCloseDate && deal.expectedCloseDate < today,
    stageOptions,
    movable: canWriteDeal(me, deal),
    pending: pending.has(deal.opportunityId),
    failure: failures.get(deal.opportunityId),
    focusAfterMove: focusId === deal.opportunityId,
    onMove: (d: BoardDeal, to: string) => move(d, to, "menu"),
    onDismissFailure: dismissFailure,
  });
  const moveFromMenu = useCallback((d: BoardDeal, to: string) => move(d, to, "menu"), [move]);
  const renderCard = (deal: BoardDeal) => <DealCard key={deal.opportunityId} {...cardProps(deal)} onMove={moveFromMenu} />;

  if (board.deals.isPending) return <LoadingState label={t("board.loading")} />;
  if (board.deals.isError) return <ErrorState title={t("board.loadFailed")} error={board.deals.error} onRetry={board.reload} />;
  const active = activeId ? dealById.get(activeId) : undefined;
  const revealFor = (stage: string) => {
    const failed = [...failures.values()].find((f) => f.deal.stage === stage);
    if (failed) return failed.deal.opportunityId;
    return lastMove && lastMove.deal.stage === stage ? lastMove.deal.opportunityId : undefined;
  };
  const filtered = shown.length !== (all?.length ?? 0);

  return (
    <>
      <p className="board__summary" aria-live="polite">
        {filtered ? t("board.shownOf", { count: shown.length, total: all?.length ?? 0 }) : t("board.openDeals", { count: shown.length })}
      </p>
      {conflict && (
        <div className="alert alert--error" role="alert" data-error-code={isApiError(conflict.error) ? conflict.error.code : "unknown"}>
          <div className="alert__body">
            <strong>{t("board.moveFailed", { name: conflict.deal.name })}</strong>
            <p className="alert__message">{describeError(conflict.error, tc)}</p>
            <p className="muted">
              {t("board.movedBack", { stage: labelOf(conflict.deal.stage) })} {t("board.conflictHint")}
            </p>
          </div>
          <div className="alert__actions">
            <button type="button" className="button button--primary" onClick={board.reload}>
              {t("board.reload")}
            </button>
            <button type="button" className="button button--ghost" onClick={board.dismissConflict}>
              {t("board.dismiss")}
            </button>
          </div>
        </div>
      )}
      {(all?.length ?? 0) === 0 && <EmptyState message={t("board.empty")} />}
      {(all?.length ?? 0) > 0 && shown.length === 0 && <EmptyState message={t("board.noMatch")} />}
      <DndContext
        sensors={sensors}
        collisionDetection={columnCollision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActiveId(null)}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t("board.dnd.instructions") } }}
      >
        <div className="board" role="list" aria-label={pipeline.name}>
          {stageOptions.map((stage) => (
            <div role="listitem" className="board__lane" key={stage.key}>
              <StageColumn
                stageKey={stage.key}
                label={stage.label}
                deals={byStage.get(stage.key) ?? []}
                rates={rates}
                acceptsDrop={!!active && active.stage !== stage.key}
                revealId={revealFor(stage.key)}
                focused={filters.stage === stage.key}
                renderCard={renderCard}
              />
            </div>
          ))}
        </div>
        <DragOverlay dropAnimation={null}>{active ? <DealCardView {...cardProps(active)} overlay /> : null}</DragOverlay>
      </DndContext>
    </>
  );
}
