/**
 * Scheduled jobs as data: the stacks deploy each as an EventBridge schedule rule (on the default bus, where
 * schedules live) with the same retrying, dead-lettered Lambda target as the bus rules. `handler` names a file,
 * relative to packages/functions/src/events, that exports `handler` (jobs that are not bus consumers live in
 * packages/functions/src/scheduled, named "../scheduled/<file>"); it receives the "Scheduled Event" envelope.
 * Locally nothing runs them on a timer (tests call the handlers).
 */
export interface ScheduleSpec {
  name: string;
  description: string;
  /** An EventBridge schedule expression: `cron(...)` (UTC) or `rate(...)`. */
  schedule: string;
  target: { kind: "lambda"; handler: string };
}

export const schedules: readonly ScheduleSpec[] = [
  {
    name: "WeeklyForecastSnapshot",
    description: "Every Monday 00:30 UTC: store each team's forecast for this month and quarter, immutably",
    schedule: "cron(30 0 ? * MON *)",
    target: { kind: "lambda", handler: "forecast-snapshot" },
  },
  {
    name: "NightlyLeadRescore",
    description: "Every night 02:00 Asia/Shanghai (18:00 UTC): re-score every team's open leads, so decayed interest and changed rules show in stored scores",
    schedule: "cron(0 18 * * ? *)",
    target: { kind: "lambda", handler: "../scheduled/nightly-rescore" },
  },
  {
    name: "NightlyWinModelRebuild",
    description: "Every night 02:30 Asia/Shanghai (18:30 UTC): check each team's win-model training rows against its closed deals and retrain",
    schedule: "cron(30 18 * * ? *)",
    target: { kind: "lambda", handler: "../scheduled/nightly-win-model" },
  },
];
