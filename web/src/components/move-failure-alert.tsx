import { isApiError } from "../api/api-error.ts";
import type { MoveFailure } from "../hooks/use-board-deals.ts";
import { describeError } from "../i18n/describe-error.ts";
import { useI18n } from "../i18n/use-i18n.ts";

interface Props {
  failure: MoveFailure;
  fromStageLabel: string;
  onReload(): void;
  onDismiss(): void;
}

/** Why a move was refused, in the server's words, and that the card went back; a stale version offers a reload. */
export function MoveFailureAlert({ failure, fromStageLabel, onReload, onDismiss }: Props) {
  const { t } = useI18n();
  const stale = isApiError(failure.error) && failure.error.status === 409;
  return (
    <div className="alert alert--error" role="alert" data-error-code={isApiError(failure.error) ? failure.error.code : "unknown"}>
      <div className="alert__body">
        <strong>{t("board.moveFailed", { name: failure.deal.name })}</strong>
        <p className="alert__message">{describeError(failure.error, t)}</p>
        <p className="muted">
          {t("board.movedBack", { stage: fromStageLabel })} {stale && t("board.conflictHint")}
        </p>
      </div>
      <div className="alert__actions">
        {stale && (
          <button type="button" className="button button--primary" onClick={onReload}>
            {t("board.reload")}
          </button>
        )}
        <button type="button" className="button button--ghost" onClick={onDismiss}>
          {t("board.dismiss")}
        </button>
      </div>
    </div>
  );
}
