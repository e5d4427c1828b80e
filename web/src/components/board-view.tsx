import { useMemo } from "react";
import type { Pipeline } from "../api/api-types.ts";
import { useBoardDeals } from "../hooks/use-board-deals.ts";
import { useI18n } from "../i18n/use-i18n.ts";
import { stageName } from "../i18n/stage-name.ts";
import { BoardColumns } from "./board-columns.tsx";
import { MoveFailureAlert } from "./move-failure-alert.tsx";
import { EmptyState, ErrorState, LoadingState } from "./status-views.tsx";

/** One pipeline's board: every open deal in a column per stage, with the outcome of the last move. */
export function BoardView({ pipeline }: { pipeline: Pipeline }) {
  const { t, locale } = useI18n();
  const { state, pending, failure, lastMove, move, refresh, dismissFailure } = useBoardDeals(pipeline);
  const options = useMemo(() => pipeline.stages.map((s) => ({ key: s.key, label: stageName(s, locale) })), [pipeline.stages, locale]);
  const labelOf = (key: string) => options.find((o) => o.key === key)?.label ?? key;

  if (state.status === "loading") return <LoadingState label={t("board.loading")} />;
  if (state.status === "error") return <ErrorState title={t("board.loadFailed")} error={state.error} onRetry={refresh} />;
  const deals = state.data;
  return (
    <>
      <p className="board__summary">{t("board.openDeals", { count: deals.length })}</p>
      {failure && <MoveFailureAlert failure={failure} fromStageLabel={labelOf(failure.deal.stage)} onReload={refresh} onDismiss={dismissFailure} />}
      <p className="visually-hidden" aria-live="polite">
        {lastMove ? t("board.moved", { name: lastMove.deal.name, stage: labelOf(lastMove.deal.stage) }) : ""}
      </p>
      {deals.length === 0 && <EmptyState message={t("board.empty")} />}
      <BoardColumns pipeline={pipeline} deals={deals} stageOptions={options} pending={pending} lastMove={lastMove} onMove={(deal, to, via) => void move(deal, to, via)} />
    </>
  );
}
