import { useId, useState } from "react";
import { BoardView } from "../../components/board-view.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useAsync } from "../../hooks/use-async.ts";
import { useI18n } from "../../i18n/use-i18n.ts";
import { useSession } from "../../session/session-context.ts";

export function BoardScreen() {
  const { t } = useI18n();
  const { api } = useSession();
  const { state, reload } = useAsync(() => api.pipelines(), [api]);
  const [picked, setPicked] = useState<string | null>(null);
  const pickerId = useId();

  if (state.status === "loading") return <LoadingState label={t("app.loading")} />;
  if (state.status === "error") return <ErrorState title={t("board.loadFailed")} error={state.error} onRetry={reload} />;
  const pipelines = state.data;
  const pipeline = pipelines.find((p) => p.pipelineId === picked) ?? pipelines.find((p) => p.isDefault) ?? pipelines[0];
  if (!pipeline) return <EmptyState message={t("board.noPipelines")} />;

  return (
    <div className="screen screen--board">
      <div className="screen__header">
        <h1>{t("board.title")}</h1>
        <div className="field field--inline">
          <label className="field__label" htmlFor={pickerId}>
            {t("board.pipeline")}
          </label>
          <select id={pickerId} value={pipeline.pipelineId} onChange={(e) => setPicked(e.target.value)}>
            {pipelines.map((p) => (
              <option key={p.pipelineId} value={p.pipelineId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <BoardView key={pipeline.pipelineId} pipeline={pipeline} />
    </div>
  );
}
