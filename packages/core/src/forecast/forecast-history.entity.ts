import { Entity } from "electrodb";

/** A team's forecast for one period as it stood on a day: written once by the weekly job, never changed. */
export const ForecastSnapshotEntity = new Entity({
  model: { entity: "forecastSnapshot", version: "1", service: "dealflow" },
  attributes: {
    teamId: { type: "string", required: true },
    period: { type: "string", required: true },
    takenOn: { type: "string", required: true },
    takenAt: { type: "string", required: true },
    total: { type: "any", required: true },
    byRep: { type: "any", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: ["period", "takenOn"] } },
  },
});

/** A manager's call for a period (the number they commit to), append-only: each submission is kept. */
export const ForecastSubmissionEntity = new Entity({
  model: { entity: "forecastSubmission", version: "1", service: "dealflow" },
  attributes: {
    teamId: { type: "string", required: true },
    period: { type: "string", required: true },
    submittedAt: { type: "string", required: true },
    submittedBy: { type: "string", required: true },
    amount: { type: "number", required: true },
    note: { type: "string" },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["teamId"] }, sk: { field: "sk", composite: ["period", "submittedAt"] } },
  },
});
