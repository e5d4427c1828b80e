import { useDeferredValue, useId, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useSession } from "../../session/session-context.ts";
import "../../styles/board.css";
import { BoardView } from "./board-view.tsx";
import { usePipelines, useOwners, useTeams } from "./use-board.ts";

/**
 * The URL's filters: `#/board?pipeline=…&team=…&owner=…&month=YYYY-MM&q=…&stage=…` (a reload or a shared link keeps
 * them). `stage` only brings that column into view.
 */
const filterKeys = ["pipeline", "team", "owner", "month", "q", "stage"] as const;
type FilterKey = (typeof filterKeys)[number];

export function BoardScreen() {
  const { t } = useTranslation("board");
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  // Two changes in one tick (type, then pick an owner) must both land: each builds on the latest params, not the render's.
  const latest = useRef(params);
  latest.current = params;
  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(latest.current);
    change(next);
    latest.current = next;
    setParams(next, { replace: true });
  };
  const get = (k: FilterKey) => params.get(k) ?? "";
  const set = (k: FilterKey, value: string) =>
    update((next) => {
      if (value) next.set(k, value);
      else next.delete(k);
      // Another team has other pipelines and people.
      if (k === "team") for (const dep of ["pipeline", "owner"]) next.delete(dep);
    });

  const isAdmin = me.role === "admin";
  const teamId = isAdmin && get("team") ? get("team") : undefined;
  const teams = useTeams(isAdmin);
  const pipelines = usePipelines(teamId);
  const owners = useOwners(teamId);
  const ownerName = useMemo(() => {
    const names = new Map(owners.map((m) => [m.userId, m.name]));
    return (id: string | undefined) => (id ? (names.get(id) ?? undefined) : undefined);
  }, [owners]);
  const q = useDeferredValue(get("q"));
  const filters = useMemo(() => ({ owner: get("owner") || undefined, month: get("month") || undefined, q: q || undefined, stage: get("stage") || undefined }), [params, q]); // eslint-disable-line react-hooks/exhaustive-deps

  const ids = { pipeline: useId(), team: useId(), owner: useId(), month: useId(), q: useId() };
  const list = pipelines.data ?? [];
  const pipeline = list.find((p) => p.pipelineId === get("pipeline")) ?? list.find((p) => p.isDefault) ?? list[0];
  const anyFilter = !!(get("owner") || get("month") || get("q"));

  return (
    <div className="screen screen--board">
      <div className="screen__header board-header">
        <h1>{t("board.title")}</h1>
        <form className="board-filters" role="search" aria-label={t("board.filters")} onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label className="field__label" htmlFor={ids.pipeline}>
              {t("board.pipeline")}
            </label>
            <select id={ids.pipeline} value={pipeline?.pipelineId ?? ""} disabled={!list.length} onChange={(e) => set("pipeline", e.target.value)}>
              {list.map((p) => (
                <option key={p.pipelineId} value={p.pipelineId}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {isAdmin && (
            <div className="field">
              <label className="field__label" htmlFor={ids.team}>
                {t("board.team")}
              </label>
              <select id={ids.team} value={get("team")} onChange={(e) => set("team", e.target.value)}>
                <option value="">{t("board.myTeam")}</option>
                {(teams.data ?? []).filter((x) => x.teamId !== me.teamId).map((x) => (
                  <option key={x.teamId} value={x.teamId}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label className="field__label" htmlFor={ids.owner}>
              {t("board.owner")}
            </label>
            <select id={ids.owner} value={get("owner")} onChange={(e) => set("owner", e.target.value)}>
              <option value="">{t("board.anyOwner")}</option>
              <option value={me.userId}>{t("board.mine")}</option>
              {owners.filter((m) => m.userId !== me.userId && m.active !== false).map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
              <option value="none">{t("board.unassigned")}</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={ids.month}>
              {t("board.closeMonth")}
            </label>
            <input id={ids.month} type="month" value={get("month")} onChange={(e) => set("month", e.target.value)} />
          </div>
          <div className="field field--grow">
            <label className="field__label" htmlFor={ids.q}>
              {t("board.search")}
            </label>
            <input id={ids.q} type="search" value={get("q")} placeholder={t("board.searchPlaceholder")} onChange={(e) => set("q", e.target.value)} />
          </div>
          {anyFilter && (
            <button
              type="button"
              className="button button--ghost board-filters__clear"
              onClick={() => update((next) => ["owner", "month", "q", "stage"].forEach((k) => next.delete(k)))}
            >
              {t("board.clearFilters")}
            </button>
          )}
        </form>
      </div>
      {pipelines.isPending ? (
        <LoadingState label={t("board.loading")} />
      ) : pipelines.isError ? (
        <ErrorState title={t("board.loadFailed")} error={pipelines.error} onRetry={() => void pipelines.refetch()} />
      ) : !pipeline ? (
        <EmptyState message={t("board.noPipelines")} />
      ) : (
        <BoardView key={`${teamId ?? ""}:${pipeline.pipelineId}`} pipeline={pipeline} teamId={teamId} filters={filters} ownerName={ownerName} />
      )}
    </div>
  );
}
