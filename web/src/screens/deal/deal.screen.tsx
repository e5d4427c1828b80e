import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isApiError } from "../../api/api-error.ts";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import "../../styles/deal.css";
import { CloseDialog, ReopenDialog } from "./close-dialog.tsx";
import { CommitteeSection } from "./committee-section.tsx";
import { CompetitorsSection } from "./competitors-section.tsx";
import { dealKeys, type CloseOutcome, type Deal } from "./deal-api.ts";
import { DealDetails } from "./deal-details.tsx";
import { DealHeader } from "./deal-header.tsx";
import { DealTeamSection } from "./deal-team-section.tsx";
import { PoolSection } from "./pool-section.tsx";
import { RisksSection, WinProbabilitySection } from "./insights-section.tsx";
import { StageHistorySection } from "./stage-history-section.tsx";
import { TimelineSection } from "./timeline-section.tsx";
import { useDeal, useDealApi } from "./use-deal.ts";

/** The opportunity 360° view (`#/deals/:dealId`). */
export function DealScreen() {
  const { t } = useTranslation("deal");
  const { dealId = "" } = useParams();
  const deal = useDeal(dealId);
  if (deal.isPending) return <LoadingState label={t("deal.loading")} />;
  if (deal.isError) {
    if (isApiError(deal.error) && deal.error.status === 404) {
      return (
        <EmptyState message={t("deal.notFound")}>
          <Link className="button" to="/board">
            {t("deal.backToBoard")}
          </Link>
        </EmptyState>
      );
    }
    return <ErrorState title={t("deal.loadError")} error={deal.error} onRetry={() => void deal.refetch()} />;
  }
  return <DealView deal={deal.data} />;
}

function DealView({ deal }: { deal: Deal }) {
  const { t } = useTranslation("deal");
  const { locale } = useLocale();
  const calls = useDealApi();
  const pipeline = useQuery({ queryKey: dealKeys.pipeline(deal.pipelineId), queryFn: () => calls.pipeline(deal.pipelineId), staleTime: 5 * 60_000 });
  const account = useQuery({ queryKey: dealKeys.account(deal.accountId), queryFn: () => calls.account(deal.accountId), staleTime: 5 * 60_000 });
  const [closing, setClosing] = useState<CloseOutcome | null>(null);
  const [reopening, setReopening] = useState(false);
  return (
    <div className="deal-screen">
      <Link to="/board" className="deal-screen__back">
        ← {t("deal.backToBoard")}
      </Link>
      <DealHeader deal={deal} pipeline={pipeline.data} account={account.data} onClose={setClosing} onReopen={() => setReopening(true)} />
      {pipeline.isError && <ErrorState title={t("deal.pipelineError")} error={pipeline.error} onRetry={() => void pipeline.refetch()} />}
      <PoolSection deal={deal} />
      <div className="deal-grid">
        <div className="deal-grid__main">
          <DealDetails deal={deal} />
          <CommitteeSection deal={deal} />
          <TimelineSection dealId={deal.opportunityId} pipeline={pipeline.data} />
        </div>
        <aside className="deal-grid__side" aria-label={t("deal.insights")}>
          <WinProbabilitySection deal={deal} stageLabel={(key) => {
            const stage = pipeline.data?.stages.find((x) => x.key === key);
            return stage && stageName(stage, locale);
          }} />
          <DealTeamSection deal={deal} />
          <RisksSection deal={deal} />
          <CompetitorsSection deal={deal} />
          <StageHistorySection deal={deal} pipeline={pipeline.data} />
        </aside>
      </div>
      <CloseDialog deal={deal} outcome={closing} onDone={() => setClosing(null)} />
      <ReopenDialog deal={deal} open={reopening} onDone={() => setReopening(false)} />
    </div>
  );
}
