import { useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/status-views.tsx";
import { useLocale } from "../../i18n/use-i18n.ts";
import { stageName } from "../../i18n/stage-name.ts";
import { useSession } from "../../session/session-context.ts";
import { dealKeys, type DealPipeline, type TimelineItem } from "./deal-api.ts";
import { useDealLabel } from "./deal-labels.ts";
import { LogActivity } from "./log-activity.tsx";
import { useDealApi, useErrorText } from "./use-deal.ts";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** What happened on the deal, newest first, with the form to log something new on top. */
export function TimelineSection({ dealId, pipeline }: { dealId: string; pipeline: DealPipeline | undefined }) {
  const { t } = useTranslation("deal");
  const calls = useDealApi();
  const timeline = useQuery({ queryKey: dealKeys.timeline(dealId), queryFn: () => calls.timeline(dealId) });
  const older = useOlderItems(dealId, timeline.data?.before ?? null);
  return (
    <section className="deal-panel" aria-labelledby="deal-timeline">
      <h2 id="deal-timeline" className="deal-section__title">
        {t("deal.timeline.title")}
      </h2>
      <LogActivity dealId={dealId} />
      {timeline.isPending ? (
        <LoadingState label={t("deal.timeline.loading")} />
      ) : timeline.isError ? (
        <ErrorState title={t("deal.timeline.error")} error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : timeline.data.items.length === 0 ? (
        <EmptyState message={t("deal.timeline.empty")} />
      ) : (
        <>
          <ol className="deal-timeline" aria-label={t("deal.timeline.listLabel")}>
            {[...timeline.data.items, ...older.items].map((item, i) => (
              <TimelineEntry key={`${item.at}:${item.kind}:${i}`} item={item} pipeline={pipeline} />
            ))}
          </ol>
          {older.error && (
            <p className="deal-error" role="alert">
              {older.error}
            </p>
          )}
          {older.cursor && (
            <button type="button" className="button button--ghost" disabled={older.loading} onClick={older.load}>
              {t("deal.timeline.older")}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/**
 * Pages older than the first one, read on demand with the previous page's `before`. When the first page shifts (an
 * activity was logged, so its oldest item moved on), the older pages read against the old cursor are dropped:
 * kept, they would show an item twice or skip one.
 */
function useOlderItems(dealId: string, firstBefore: string | null) {
  const calls = useDealApi();
  const errorText = useErrorText();
  const [items, setItems] = useState<TimelineItem[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [readAfter, setReadAfter] = useState(firstBefore);
  if (readAfter !== firstBefore) {
    setReadAfter(firstBefore);
    setItems([]);
    setNext(undefined);
  }
  const current = useRef(firstBefore);
  current.current = firstBefore;
  const cursor = next === undefined ? firstBefore : next;
  const load = () => {
    if (!cursor) return;
    const from = firstBefore;
    setLoading(true);
    setError(null);
    calls
      .timeline(dealId, cursor)
      .then((page) => {
        // A page asked before the first page shifted belongs to the old reading: drop it.
        if (current.current !== from) return;
        setItems((list) => [...list, ...page.items]);
        setNext(page.before);
      })
      .catch((err: unknown) => setError(errorText(err)))
      .finally(() => setLoading(false));
  };
  return { items, cursor, loading, error, load };
}

function TimelineEntry({ item, pipeline }: { item: TimelineItem; pipeline: DealPipeline | undefined }) {
  const { t } = useTranslation("deal");
  const { fmt, locale } = useLocale();
  const { memberName } = useSession();
  const maybe = useDealLabel();
  const stage = (key: unknown) => {
    const s = pipeline?.stages.find((x) => x.key === key);
    return s ? stageName(s, locale) : str(key);
  };
  const d = item.data;
  let text: string;
  if (item.kind === "activity") text = `${maybe(`deal.activity.${str(d.type)}`, str(d.type))} · ${str(d.title)}`;
  else if (item.kind === "stage") {
    text = d.how === "reopened" ? t("deal.timeline.reopened", { stage: stage(d.stage) })
      : d.fromStage ? t(d.how === "backward" ? "deal.timeline.movedBack" : "deal.timeline.moved", { from: stage(d.fromStage), to: stage(d.stage) })
      : t("deal.timeline.started", { stage: stage(d.stage) });
  } else if (item.kind === "field") {
    const changes = Array.isArray(d.changes) ? (d.changes as { field: string }[]) : [];
    text = t("deal.timeline.changed", { fields: new Intl.ListFormat(locale).format(changes.map((c) => maybe(`deal.field.${c.field}`, c.field))) });
  } else text = t("deal.timeline.email", { to: memberName(str(d.to)) ?? str(d.to), subject: str(d.subject) });
  const mentions = Array.isArray(d.mentions) ? (d.mentions as string[]) : [];
  return (
    <li className={`deal-timeline__item deal-timeline__item--${item.kind}${d.pending ? " is-pending" : ""}`}>
      <span className="deal-timeline__dot" aria-hidden="true" />
      <div className="deal-timeline__body">
        <p className="deal-timeline__text">{text}</p>
        {item.kind === "activity" && str(d.body) && <p className="deal-timeline__note">{str(d.body)}</p>}
        {mentions.length > 0 && (
          <p className="deal-timeline__mentions">
            {t("deal.timeline.mentioned")} {mentions.map((id) => `@${memberName(id) ?? id}`).join(" ")}
          </p>
        )}
        <p className="muted">
          {item.actor ? `${memberName(item.actor) ?? item.actor} · ` : ""}
          {d.pending ? t("deal.timeline.saving") : fmt.dateTime(item.at)}
        </p>
      </div>
    </li>
  );
}
