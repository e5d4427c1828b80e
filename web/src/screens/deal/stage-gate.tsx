import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import { dealKeys, type Deal, type DealPipeline } from "./deal-api.ts";
import { activityTypesThisStay, gateChecklist, type GateCheck } from "./gate-checklist.ts";
import { useDealLabel } from "./deal-labels.ts";
import { useDealApi, useDealWrite } from "./use-deal.ts";

/**
 * The current stage's playbook, what its gate asks before the deal may move on, and the move itself (offered only
 * when `movable`: the user may write the deal).
 */
export function StageGate({ deal, pipeline, movable }: { deal: Deal; pipeline: DealPipeline; movable: boolean }) {
  const { t } = useTranslation("deal");
  const { locale } = useLocale();
  const calls = useDealApi();
  const maybe = useDealLabel();
  const timeline = useQuery({ queryKey: dealKeys.timeline(deal.opportunityId), queryFn: () => calls.timeline(deal.opportunityId) });
  const index = pipeline.stages.findIndex((s) => s.key === deal.stage);
  const current = pipeline.stages[index];
  const next = index >= 0 ? pipeline.stages[index + 1] : undefined;
  const move = useDealWrite<string>(deal.opportunityId, (d, stage) => calls.update(d.opportunityId, d.version, { stage }), (d, stage) => ({ ...d, stage }));
  if (!current) return null;
  const checks = gateChecklist(current, deal, activityTypesThisStay(deal, timeline.data?.items ?? []));
  const label = (c: GateCheck) =>
    c.kind === "field" ? t("deal.gate.field", { field: maybe(`deal.field.${c.key}`, c.key) })
    : c.kind === "role" ? t("deal.gate.role", { role: maybe(`deal.role.${c.key}`, c.key) })
    : t("deal.gate.activity", { type: maybe(`deal.activity.${c.key}`, c.key) });
  return (
    <div className="stage-gate">
      <section className="stage-gate__guidance" aria-labelledby="deal-guidance">
        <h2 id="deal-guidance" className="deal-section__title">
          {t("deal.guidance", { stage: stageName(current, locale) })}
        </h2>
        <p>{current.guidance || t("deal.noGuidance")}</p>
      </section>
      {next && (
        <section className="stage-gate__gate" aria-labelledby="deal-gate">
          <h2 id="deal-gate" className="deal-section__title">
            {t("deal.gate.title", { stage: stageName(next, locale) })}
          </h2>
          {checks.length === 0 ? (
            <p className="muted">{t("deal.gate.none")}</p>
          ) : (
            <ul className="gate-list" aria-label={t("deal.gate.listLabel")}>
              {checks.map((c) => (
                <li key={`${c.kind}:${c.key}`} className={`gate-list__item${c.met ? " is-met" : ""}`}>
                  <span className="gate-list__tick" aria-hidden="true">
                    {c.met ? "✓" : "○"}
                  </span>
                  <span>{label(c)}</span>
                  <span className="visually-hidden">{c.met ? t("deal.gate.met") : t("deal.gate.unmet")}</span>
                </li>
              ))}
            </ul>
          )}
          {movable && (
            <button type="button" className="button button--primary" disabled={move.isPending} onClick={() => move.mutate(next.key)}>
              {t("deal.moveNext", { stage: stageName(next, locale) })}
            </button>
          )}
          {move.error && (
            <p className="deal-error" role="alert">
              {move.error}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
