import { useDroppable } from "@dnd-kit/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useI18n } from "../../i18n/use-i18n.ts";
import { columnTotals, type RateTable } from "../../model/board-summary.ts";
import type { BoardDeal } from "./board-api.ts";

/** A card's fixed height and the gap under it (board.css .deal-card): cards never change size while dragging. */
export const cardHeight = 194;
const gap = 8;

interface StageColumnProps {
  stageKey: string;
  label: string;
  deals: readonly BoardDeal[];
  rates: RateTable | undefined;
  /** A card from another column is being dragged: this column can take it. */
  acceptsDrop: boolean;
  /** A deal whose card must be brought into view (it just moved here, or came back refused). */
  revealId: string | undefined;
  /** The stage a link pointed at (`?stage=`): scrolled into view and marked. */
  focused: boolean;
  renderCard(deal: BoardDeal): React.ReactNode;
}

/**
 * One stage: header with count and totals, and its cards in a scroll box of its own that renders only the cards in
 * view (a column of 1,000 deals mounts a dozen cards).
 */
export const StageColumn = memo(function StageColumn({ stageKey, label, deals, rates, acceptsDrop, revealId, focused, renderCard }: StageColumnProps) {
  const { t } = useTranslation("board");
  const { fmt } = useI18n();
  const headingId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const { setNodeRef, isOver } = useDroppable({ id: stageKey });
  const virtual = useVirtualizer({
    count: deals.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => cardHeight + gap,
    getItemKey: (i) => deals[i]?.opportunityId ?? i,
    overscan: 4,
  });
  useEffect(() => {
    if (!revealId) return;
    const i = deals.findIndex((d) => d.opportunityId === revealId);
    if (i >= 0) virtual.scrollToIndex(i, { align: "auto" });
  }, [revealId, deals, virtual]);

  const totals = columnTotals(deals, rates);
  const show = (pick: "total" | "weighted") => (totals.lines.length ? totals.lines.map((c) => fmt.compactMoney(c[pick], c.currency)).join(" · ") : "—");
  const section = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (focused) section.current?.scrollIntoView({ block: "nearest", inline: "start" });
  }, [focused]);
  const classes = ["stage-column", acceptsDrop && "accepts-drop", acceptsDrop && isOver && "is-over", focused && "is-focused"].filter(Boolean).join(" ");
  const ref = (el: HTMLElement | null) => {
    section.current = el;
    setNodeRef(el);
  };
  return (
    <section ref={ref} className={classes} aria-labelledby={headingId} aria-current={focused ? "location" : undefined} data-stage={stageKey}>
      <header className="stage-column__header">
        <h2 id={headingId} className="stage-column__title">
          {label}
        </h2>
        <span className="stage-column__count" aria-label={t("board.dealCount", { count: deals.length })} data-count={deals.length}>
          {fmt.number(deals.length)}
        </span>
        <dl className="stage-column__totals">
          <div>
            <dt>{t("board.total")}</dt>
            <dd data-total="unweighted">{show("total")}</dd>
          </div>
          <div>
            <dt>{t("board.weighted")}</dt>
            <dd data-total="weighted">{show("weighted")}</dd>
          </div>
          <p className="stage-column__note">
            {totals.kind === "converted" ? t("board.convertedNote", { currency: totals.lines[0]?.currency ?? "" }) : totals.kind === "split" ? t("board.splitNote") : "\u00a0"}
          </p>
        </dl>
      </header>
      <div ref={scroller} className="stage-column__scroll">
        {deals.length === 0 ? (
          <p className="stage-column__empty">{t("board.emptyColumn")}</p>
        ) : (
          <div className="stage-column__track" style={{ height: virtual.getTotalSize() }}>
            {virtual.getVirtualItems().map((item) => {
              const deal = deals[item.index];
              if (!deal) return null;
              return (
                <div key={item.key} className="stage-column__slot" data-index={item.index} ref={virtual.measureElement} style={{ transform: `translateY(${item.start}px)` }}>
                  {renderCard(deal)}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
});
