import { useDraggable } from "@dnd-kit/core";
import { memo, useEffect, useRef, useState, type FormEvent, type HTMLAttributes, type Ref } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/api-error.ts";
import { Avatar } from "../../components/avatar.tsx";
import { Countdown } from "../../components/countdown.tsx";
import { describeError } from "../../i18n/describe-error.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { unmetFromError } from "../../model/board-summary.ts";
import type { BoardDeal } from "./board-api.ts";
import { useDealAlerts, type MoveFailure } from "./use-board.ts";

export interface StageOption {
  key: string;
  label: string;
}

export interface DealCardProps {
  deal: BoardDeal;
  accountName: string | undefined;
  ownerName: string | undefined;
  /** When the deal's time in its stage runs out (stage SLA), if the stage has one. */
  dueAt: string | undefined;
  overdue: boolean;
  stageOptions: readonly StageOption[];
  movable: boolean;
  pending: boolean;
  failure: MoveFailure | undefined;
  /** Set after a keyboard move, so focus follows the card into its new column. */
  focusAfterMove: boolean;
  onMove(deal: BoardDeal, toStage: string): void;
  onDismissFailure(id: string): void;
}

/** A card in its column: draggable (mouse, touch on its handle, or keyboard: space, arrows, space). */
export const DealCard = memo(function DealCard(props: DealCardProps) {
  const { deal, movable, pending } = props;
  const { t } = useTranslation("board");
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: deal.opportunityId,
    data: { deal },
    disabled: !movable || pending,
    attributes: { roleDescription: t("board.dnd.roleDescription") },
  });
  const handle = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (props.focusAfterMove) handle.current?.focus();
  }, [props.focusAfterMove]);
  return (
    <DealCardView
      {...props}
      cardRef={setNodeRef}
      cardProps={listeners}
      placeholder={isDragging}
      handleRef={(el) => {
        handle.current = el;
        setActivatorNodeRef(el);
      }}
      handleProps={attributes}
    />
  );
});

interface ViewProps extends DealCardProps {
  cardRef?: Ref<HTMLElement>;
  cardProps?: HTMLAttributes<HTMLElement> | undefined;
  handleRef?: Ref<HTMLButtonElement>;
  handleProps?: HTMLAttributes<HTMLElement>;
  /** The card's place while it is being dragged (the overlay shows the card itself). */
  placeholder?: boolean;
  /** The copy under the pointer while dragging. */
  overlay?: boolean;
}

const severityOrder = { high: 0, medium: 1, low: 2 } as const;

/** What a card shows; the drag overlay renders it too, without the drag wiring. */
export function DealCardView({ deal, accountName, ownerName, dueAt, overdue, stageOptions, movable, pending, failure, onMove, onDismissFailure, cardRef, cardProps, handleRef, handleProps, placeholder, overlay }: ViewProps) {
  const { t } = useTranslation("board");
  const { fmt, locale } = useI18n();
  const owner = ownerName ?? t("board.unassigned");
  const alerts = useDealAlerts(deal.opportunityId);
  const shownAlerts = alerts ? [...alerts].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]) : [];
  const classes = ["deal-card", pending && "is-pending", placeholder && "is-placeholder", overlay && "is-overlay", failure && "has-failure", movable && "is-draggable"].filter(Boolean).join(" ");
  return (
    <article ref={cardRef} className={classes} aria-label={deal.name} aria-busy={pending} aria-hidden={overlay || undefined} data-deal-id={deal.opportunityId} {...cardProps}>
      <div className="deal-card__top">
        <Link className="deal-card__name" to={`/deals/${encodeURIComponent(deal.opportunityId)}`} draggable={false} tabIndex={overlay ? -1 : undefined}>
          {deal.name}
        </Link>
        {movable && (
          <button type="button" ref={handleRef} className="deal-card__handle" aria-label={t("board.dragHandle", { name: deal.name })} tabIndex={overlay ? -1 : 0} {...handleProps}>
            <span aria-hidden="true">⠿</span>
          </button>
        )}
      </div>
      <p className="deal-card__account">{accountName ?? "\u00a0"}</p>
      <p className="deal-card__amount">
        <span>{fmt.money(deal.amount, deal.currency)}</span>
        <span className="deal-card__probability" title={t("board.probability", { value: fmt.percent(deal.probability) })}>
          {fmt.percent(deal.probability)}
        </span>
      </p>
      <p className={`deal-card__date${overdue ? " is-overdue" : ""}`}>
        {deal.expectedCloseDate ? t("board.closes", { date: fmt.date(deal.expectedCloseDate) }) : t("board.noCloseDate")}
        {overdue && <span className="visually-hidden"> {t("board.closeDatePassed")}</span>}
      </p>
      <div className="deal-card__footer">
        <span className="deal-card__owner">
          <Avatar name={owner} small />
          <span className="deal-card__owner-name">{owner}</span>
        </span>
        {dueAt && (
          <span className="deal-card__sla" title={t("board.slaHint")}>
            <Countdown dueAt={dueAt} />
          </span>
        )}
      </div>
      <p className="deal-card__risks">
        {shownAlerts.slice(0, 2).map((a) => (
          <span key={a.code} className={`risk-badge risk-badge--${a.severity}`} data-risk={a.code} title={locale === "zh-CN" ? a.message.zh : a.message.en}>
            {t(`board.risk.${a.code}`)}
          </span>
        ))}
        {shownAlerts.length > 2 && (
          <span className="risk-badge" title={shownAlerts.slice(2).map((a) => (locale === "zh-CN" ? a.message.zh : a.message.en)).join("\n")}>
            {t("board.risk.more", { count: shownAlerts.length - 2 })}
          </span>
        )}
        {pending && (
          <span className="deal-card__saving" role="status">
            {t("board.moving")}
          </span>
        )}
      </p>
      {movable && !overlay ? <MoveMenu deal={deal} stageOptions={stageOptions} pending={pending} onMove={onMove} /> : !movable && <p className="deal-card__locked">{t("board.readOnly")}</p>}
      {failure && !overlay && <FailureNote failure={failure} stageOptions={stageOptions} onDismiss={() => onDismissFailure(deal.opportunityId)} />}
    </article>
  );
}

/** The menu alternative to dragging: pick a stage, then Move (arrow keys change a closed select, so it waits for the button). */
function MoveMenu({ deal, stageOptions, pending, onMove }: { deal: BoardDeal; stageOptions: readonly StageOption[]; pending: boolean; onMove(deal: BoardDeal, to: string): void }) {
  const { t } = useTranslation("board");
  const [target, setTarget] = useState("");
  useEffect(() => setTarget(""), [deal.stage]);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (target && target !== deal.stage) onMove(deal, target);
  }
  return (
    <form className="deal-card__move" onSubmit={submit} onPointerDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
      <select value={target} disabled={pending} aria-label={t("board.moveLabel", { name: deal.name })} onChange={(e) => setTarget(e.target.value)}>
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
  );
}

/** Why the move was refused, on the card that went back: the server's message and each unmet gate requirement. */
function FailureNote({ failure, stageOptions, onDismiss }: { failure: MoveFailure; stageOptions: readonly StageOption[]; onDismiss(): void }) {
  const { t } = useTranslation("board");
  const { t: tc } = useI18n();
  const unmet = isApiError(failure.error) && failure.error.code === "gate_blocked" ? unmetFromError(failure.error) : [];
  const to = stageOptions.find((s) => s.key === failure.toStage)?.label ?? failure.toStage;
  return (
    <div className="deal-card__failure" role="alert" data-error-code={isApiError(failure.error) ? failure.error.code : "unknown"}>
      <p className="deal-card__failure-title">{unmet.length ? t("board.gateRefused", { stage: to, count: unmet.length }) : t("board.moveRefused", { stage: to })}</p>
      {unmet.length ? (
        <ul className="deal-card__unmet" aria-label={t("board.unmetLabel")}>
          {unmet.map((u) => (
            <li key={u}>{u}</li>
          ))}
        </ul>
      ) : (
        <p>{describeError(failure.error, tc)}</p>
      )}
      <p className="deal-card__failure-back">{t("board.stayed")}</p>
      <button type="button" className="button button--small button--ghost" onClick={onDismiss} aria-label={t("board.dismissFor", { name: failure.deal.name })}>
        {t("board.dismiss")}
      </button>
    </div>
  );
}
