import { useId, useState, type DragEvent, type ReactNode } from "react";
import type { Opportunity } from "../api/api-types.ts";
import { totalsByCurrency, type CurrencyTotal } from "../model/board-summary.ts";
import { useI18n } from "../i18n/use-i18n.ts";
import { dealDragType } from "./deal-card.tsx";

interface StageColumnProps {
  stageKey: string;
  label: string;
  deals: readonly Opportunity[];
  /** True while a card from another column is being dragged, so this column shows it can take it. */
  acceptsDrop: boolean;
  onDropDeal(dealId: string): void;
  children: ReactNode;
}

export function StageColumn({ stageKey, label, deals, acceptsDrop, onDropDeal, children }: StageColumnProps) {
  const { t, fmt } = useI18n();
  const headingId = useId();
  const [over, setOver] = useState(false);
  const totals = totalsByCurrency(deals);
  const sum = (pick: (c: CurrencyTotal) => number) => (totals.length ? totals.map((c) => fmt.compactMoney(pick(c), c.currency)).join(" · ") : "—");

  const isDealDrag = (e: DragEvent) => e.dataTransfer.types.includes(dealDragType);
  function dragOver(e: DragEvent<HTMLElement>) {
    if (!acceptsDrop || !isDealDrag(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    setOver(true);
  }
  function dragLeave(e: DragEvent<HTMLElement>) {
    if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(false);
  }
  function drop(e: DragEvent<HTMLElement>) {
    setOver(false);
    const id = e.dataTransfer.getData(dealDragType);
    if (!id) return;
    e.preventDefault();
    onDropDeal(id);
  }

  return (
    <section className={`stage-column${over ? " is-over" : ""}${acceptsDrop ? " accepts-drop" : ""}`} aria-labelledby={headingId} data-stage={stageKey} onDragOver={dragOver} onDragLeave={dragLeave} onDrop={drop}>
      <header className="stage-column__header">
        <h2 id={headingId} className="stage-column__title">
          {label}
        </h2>
        <span className="stage-column__count" aria-label={t("board.dealCount", { count: deals.length })}>
          {fmt.number(deals.length)}
        </span>
        <dl className="stage-column__totals">
          <div>
            <dt>{t("board.total")}</dt>
            <dd data-total="unweighted">{sum((c) => c.total)}</dd>
          </div>
          <div>
            <dt>{t("board.weighted")}</dt>
            <dd data-total="weighted">{sum((c) => c.weighted)}</dd>
          </div>
        </dl>
      </header>
      <div className="stage-column__cards">{deals.length ? children : <p className="stage-column__empty">{t("board.emptyColumn")}</p>}</div>
    </section>
  );
}
