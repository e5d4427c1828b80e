import { useEffect, useState } from "react";
import type { TFunction } from "i18next";
import { useI18n } from "../i18n/use-i18n.ts";

const minute = 60_000;

/** "2d 3h", "3h 20m", "12m" (localized), from whole minutes. */
export function formatDuration(ms: number, t: TFunction): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / minute));
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d > 0) return t("duration.dh", { d, h });
  if (h > 0) return t("duration.hm", { h, m });
  return t("duration.m", { m });
}

/** The current time, ticking every `everyMs` (one timer per component; a board of cards re-renders once a minute). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * A live SLA countdown: "3h 20m left", amber under `warnWithinMs`, red and "Overdue 2h" once past due.
 * `now` may be passed by a parent that ticks for many countdowns at once.
 */
export function Countdown({ dueAt, now, warnWithinMs = 4 * 60 * minute }: { dueAt: string; now?: number; warnWithinMs?: number }) {
  const { t, fmt } = useI18n();
  const ticking = useNow();
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const left = due - (now ?? ticking);
  const state = left < 0 ? "overdue" : left < warnWithinMs ? "soon" : "ok";
  const text = left < 0 ? t("countdown.overdue", { time: formatDuration(left, t) }) : t("countdown.left", { time: formatDuration(left, t) });
  return (
    <time className={`countdown countdown--${state}`} dateTime={dueAt} title={t("countdown.due", { at: fmt.dateTime(dueAt) })}>
      {text}
    </time>
  );
}
