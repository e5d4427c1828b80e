import { Entity } from "electrodb";
import { forecastCategories, opportunityStatuses } from "../opportunity/opportunity.entity.ts";

/**
 * A deal's contribution to the forecast of its close month, kept by an event consumer (forecast-lines.ts). Small
 * items on their own index, so a quarter's forecast is one Query of ~150-byte lines, not a read of every deal.
 * Lives in the deal's partition; `month` is "none" for a deal without a close date (sorts after every month).
 */
export const ForecastLineEntity = new Entity({
  model: { entity: "forecastLine", version: "1", service: "dealflow" },
  attributes: {
    opportunityId: { type: "string", required: true },
    teamId: { type: "string", required: true },
    month: { type: "string", required: true },
    ownerId: { type: "string" },
    pipelineId: { type: "string", required: true },
    status: { type: opportunityStatuses, required: true },
    category: { type: forecastCategories, required: true },
    amount: { type: "number", required: true },
    /** The deal's currency; reports convert to the reporting currency (lines written before it read as CNY). */
    currency: { type: "string" },
    probability: { type: "number", required: true },
    /** The deal version this line reflects: a line never goes back to an older version. */
    dealVersion: { type: "number", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["opportunityId"] }, sk: { field: "sk", composite: [] } },
    byTeamMonth: { index: "gsi1", pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["month", "opportunityId"] } },
  },
});
