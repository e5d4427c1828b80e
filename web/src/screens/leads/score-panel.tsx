import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useI18n } from "../../i18n/use-i18n.ts";
import { leadKeys, useLeadsApi } from "./use-leads-api.ts";

/** The score as of now, rule by rule: fit points, and behaviour points with their decay. */
export function ScorePanel({ leadId }: { leadId: string }) {
  const { t } = useTranslation("leads");
  const { fmt } = useI18n();
  const leads = useLeadsApi();
  const score = useQuery({ queryKey: leadKeys.part(leadId, "score"), queryFn: () => leads.score(leadId) });
  const points = (n: number) => fmt.number(Math.round(n * 10) / 10);
  return (
    <section className="panel" aria-labelledby="lead-score">
      <h2 id="lead-score">{t("leads.scoreTitle")}</h2>
      {score.isPending && <LoadingState label={t("leads.loadingScore")} />}
      {score.isError && <ErrorState title={t("leads.scoreFailed")} error={score.error} onRetry={() => void score.refetch()} />}
      {score.data && (
        <>
          <p className="score-summary">
            <span className="score-summary__total">{points(score.data.current.totalScore)}</span>
            <span className={`grade grade--${score.data.current.grade}`}>{score.data.current.grade}</span>
            <span className="muted">
              {t("leads.scoreParts", { fit: points(score.data.current.fitScore), interest: points(score.data.current.interestScore), threshold: fmt.number(score.data.current.threshold) })}
            </span>
          </p>
          {score.data.current.explanation.length === 0 ? (
            <EmptyState message={t("leads.noScoreRules")} />
          ) : (
            <table className="score-table">
              <caption className="visually-hidden">{t("leads.scoreExplanation")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("leads.scoreRule")}</th>
                  <th scope="col" className="num">{t("leads.scorePoints")}</th>
                </tr>
              </thead>
              <tbody>
                {score.data.current.explanation.map((line, i) => (
                  <tr key={`${line.kind}-${line.rule}-${i}`}>
                    <td>
                      <span className={`score-kind score-kind--${line.kind}`}>{t(`leads.scoreKind.${line.kind}`)}</span> {line.rule}
                      {line.at && <span className="muted"> · {fmt.dateTime(line.at)}</span>}
                    </td>
                    <td className="num">
                      {line.points >= 0 ? "+" : ""}{points(line.decayedPoints)}
                      {line.decayedPoints !== line.points && <span className="muted"> {t("leads.decayedFrom", { points: points(line.points) })}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
