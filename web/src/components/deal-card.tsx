import { useEffect, useRef, useState, type DragEvent, type FormEvent } from "react";
import type { Opportunity } from "../api/api-types.ts";
import { useI18n } from "../i18n/use-i18n.ts";

export const dealDragType = "application/x-dealflow-deal";

interface DealCardProps {
  deal: Opportunity;
  ownerName: string | undefined;
  stageOptions: readonly { key: string; label: string }[];
  movable: boolean;
  pending: boolean;
  overdue: boolean;
  /** Set after a keyboard move, so focus follows the card into its new column. */
  focusMove: boolean;
  onMove(toStage: string): void;
  onDragStart(id: string): void;
  onDragEnd(): void;
}

export function DealCard({ deal, ownerName, stageOptions, movable, pending, overdue, focusMove, onMove, onDragStart, onDragEnd }: DealCardProps) {
  const { t, fmt } = useI18n();
  const select = useRef<HTMLSelectElement>(null);
  const [target, setTarget] = useState("");
  useEffect(() => {
    if (focusMove) select.current?.focus();
  }, [focusMove]);
  useEffect(() => setTarget(""), [deal.stage]);

  // Choosing a stage is not enough: arrow keys change a closed select, so the move waits for the button.
  function submitMove(e: FormEvent) {
    e.preventDefault();
    if (target && target !== deal.stage) onMove(target);
  }

  function startDrag(e: DragEvent<HTMLElement>) {
    e.dataTransfer.setData(dealDragType, deal.opportunityId);
    e.dataTransfer.setData("text/plain", deal.name);
    e.dataTransfer.effectAllowed = "move";
    onDragStart(deal.opportunityId);
  }

  const canDrag = movable && !pending;
  const owner = ownerName ?? t("board.unassigned");
  return (
    <article
      className={`deal-card${pending ? " is-pending" : ""}${canDrag ? " is-draggable" : ""}`}
      aria-label={deal.name}
      aria-busy={pending}
      data-deal-id={deal.opportunityId}
      draggable={canDrag}
      onDragStart={canDrag ? startDrag : undefined}
      onDragEnd={onDragEnd}
    >
      <h3 className="deal-card__name">{deal.name}</h3>
      <p className="deal-card__amount">
        {fmt.money(deal.amount, deal.currency)}
        <span className="deal-card__probability" title={t("board.probability", { value: fmt.percent(deal.probability) })}>
          {fmt.percent(deal.probability)}
        </span>
      </p>
      <p className={`deal-card__date${overdue ? " is-overdue" : ""}`}>
        {deal.expectedCloseDate ? t("board.closes", { date: fmt.date(deal.expectedCloseDate) }) : t("board.noCloseDate")}
        {overdue && <span className="badge badge--warn">{t("board.overdue")}</span>}
      </p>
      <div className="deal-card__footer">
        <span className="deal-card__owner">
          <span className="avatar avatar--small" aria-hidden="true">{owner.slice(0, 1).toUpperCase()}</span>
          {owner}
        </span>
        {pending && <span className="deal-card__saving" role="status">{t("board.moving")}</span>}
      </div>
      {movable ? (
        <form className="deal-card__move" onSubmit={submitMove}>
          <select ref={select} value={target} disabled={pending} aria-label={t("board.moveLabel", { name: deal.name })} onChange={(e) => setTarget(e.target.value)}>
            <option value="" disabled>
              {t("board.moveTo")}
            </option>
            {stageOptions.map((s) => (
              <option key={s.key} value={s.key} disabled={s.key === deal.stage}>
                {s.label}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small" disabled={pending || !target} aria-label={t("board.moveDeal", { name: deal.name })}>
            {t("board.move")}
          </button>
        </form>
      ) : (
        <p className="deal-card__locked">{t("board.readOnly")}</p>
      )}
    </article>
  );
}
