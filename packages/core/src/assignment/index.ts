export { assignLead, type AssignOptions, type AssignOutcome } from "./assign-lead.ts";
export { assignManually, assignLeadSchema } from "./manual-assign.ts";
export { assignScoredLead, reassignAfterBreach, type AutoAssignDeps } from "./auto-assign.ts";
export { effectiveSettings, getAssignmentSettings, updateAssignmentSettings, updateAssignmentSettingsSchema, methodOf, type AssignmentSettings } from "./assignment-settings.ts";
export { holderOf, isOpenLead, loadsOf, resyncLeadLoads, syncLeadHold, AtCapacityError, type SyncOutcome } from "./rep-load.ts";
export { teamLoads, teamLoadsQuery } from "./team-loads.ts";
export * from "./territory.ts";
