export * from "./capture-lead.ts";
export * from "./capture.schema.ts";
export { listTouches } from "./lead-touch.ts";
export { dedupeKeys, toE164, fold, teamPhoneCountry } from "./normalise.ts";
export { leadActivityTypes, type LeadActivityType } from "./lead-activity.entity.ts";
export { leadActivityDetail, recordMarketingActivity, listMarketingActivities } from "./marketing-activity.ts";
export { backfillLeadKeys } from "./key-backfill.ts";
