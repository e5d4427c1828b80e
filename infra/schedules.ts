/**
 * Scheduled jobs as data: the stacks deploy each as an EventBridge schedule rule (on the default bus, where
 * schedules live) with the same retrying, dead-lettered Lambda target as the bus rules. `handler` names a file
 * under packages/functions/src/events that exports `handler`; it receives the "Scheduled Event" envelope.
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
];
