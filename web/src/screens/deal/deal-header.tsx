import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import { useSession } from "../../session/session-context.ts";
import { canWriteDeal } from "../../model/deal-permissions.ts";
import { dealKeys, type Account, type Deal, type DealPipeline } from "./deal-api.ts";
import { useDealApi } from "./use-deal.ts";
import { StagePath } from "./stage-path.tsx";
import { StageGate } from "./stage-gate.tsx";

interface Props {
  deal: Deal;
  pipeline: DealPipeline | undefined;
  account: Account | undefined;
  onClose(outcome: "won" | "lost" | "invalid"): void;
  onReopen(): void;
}

export function DealHeader({ deal, pipeline, account, onClose, onReopen }: Props) {
  const { t } = useTranslation("deal");
  const { fmt, locale } = useLocale();
  const { me, memberName } = useSession();
  const stage = pipeline?.stages.find((s) => s.key === deal.stage);
  const open = deal.status === "open";
  // Closing and reopening are writes: offered to whoever may write the deal (the server judges).
  const mayWrite = canWriteDeal(me, deal);
  const calls = useDealApi();
  const reasons = useQuery({ queryKey: dealKeys.lostReasons, queryFn: () => calls.lostReasons(), enabled: !open && !!deal.closeReason });
  const reason = reasons.data?.items.find((r) => r.key === deal.closeReason);
  const reasonLabel = reason ? (locale === "zh-CN" && reason.labelZh ? reason.labelZh : reason.label) : (deal.closeReason ?? "");
  const winnerLabel = (name: string) => (name === "none" ? t("deal.close.noWinner") : name === "unknown" ? t("deal.close.unknownWinner") : name);
  return (
    <header className="deal-header">
      <div className="deal-header__top">
        <div className="deal-header__title">
          <p className="muted">{account?.name ?? t("deal.accountUnknown")}</p>
          <h1>{deal.name}</h1>
          <dl className="deal-header__facts">
            <div>
              <dt>{t("deal.field.amount")}</dt>
              <dd>{fmt.money(deal.amount, deal.currency)}</dd>
            </div>
            <div>
              <dt>{t("deal.owner")}</dt>
              <dd>{memberName(deal.ownerId) ?? t("deal.unassigned")}</dd>
            </div>
            <div>
              <dt>{t("deal.stage")}</dt>
              <dd>{stage ? stageName(stage, locale) : deal.stage}</dd>
            </div>
            <div>
              <dt>{t("deal.statusLabel")}</dt>
              <dd>
                <span className={`deal-status deal-status--${deal.status}`}>{t(`deal.status.${deal.status}`)}</span>
              </dd>
            </div>
          </dl>
        </div>
        <div className="deal-header__actions">
          {!mayWrite ? null : open ? (
            <>
              <button type="button" className="button" onClick={() => onClose("won")}>
                {t("deal.close.won")}
              </button>
              <button type="button" className="button" onClick={() => onClose("lost")}>
                {t("deal.close.lost")}
              </button>
              <button type="button" className="button button--ghost" onClick={() => onClose("invalid")}>
                {t("deal.close.invalid")}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={onReopen}>
              {t("deal.reopen.action")}
            </button>
          )}
        </div>
      </div>
      {pipeline && <StagePath deal={deal} pipeline={pipeline} />}
      {pipeline && open && <StageGate deal={deal} pipeline={pipeline} movable={mayWrite} />}
      {!open && deal.closeReason && (
        <p className="muted">
          {t("deal.closedBecause", { reason: reasonLabel })}
          {deal.winningCompetitor ? ` · ${t("deal.closedWinner", { name: winnerLabel(deal.winningCompetitor) })}` : ""}
        </p>
      )}
    </header>
  );
}
