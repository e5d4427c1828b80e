import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import type { Deal, DealPipeline } from "./deal-api.ts";

/** Every stage of the deal's pipeline in order: the ones behind it done, its own marked as current. */
export function StagePath({ deal, pipeline }: { deal: Deal; pipeline: DealPipeline }) {
  const { t } = useTranslation("deal");
  const { locale } = useLocale();
  const current = pipeline.stages.findIndex((s) => s.key === deal.stage);
  return (
    <nav aria-label={t("deal.stagePath")}>
      <ol className="stage-path">
        {pipeline.stages.map((s, i) => {
          const state = i < current ? "done" : i === current ? "current" : "todo";
          return (
            <li key={s.key} className={`stage-path__step stage-path__step--${state}`} aria-current={state === "current" ? "step" : undefined}>
              <span className="stage-path__mark" aria-hidden="true">
                {state === "done" ? "✓" : i + 1}
              </span>
              <span className="stage-path__name">{stageName(s, locale)}</span>
              <span className="visually-hidden">{t(`deal.stageState.${state}`)}</span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
