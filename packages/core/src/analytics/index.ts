export * from "./analytics.ts";
export type { Journey, JourneyDeal, Stay } from "./journey.ts";
export { funnel, type Funnel, type FunnelStage } from "./funnel.ts";
export { velocity, type Velocity } from "./velocity.ts";
export { winLoss, type WinLoss, type WinRate } from "./win-loss.ts";
export { leadSourceReport, leadSourceQuery, sourceConversion } from "./lead-source.ts";
export { stageSla, type StageSla } from "./stage-sla.ts";
export { responseSla, responseSlaQuery, responseSlaReport, type ResponseSla } from "./response-sla.ts";
