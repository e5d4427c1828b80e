import type { PipelineInput } from "./pipeline.ts";

/** The default B2B pipeline of the spec: 初步接洽 → 需求调研 → 方案/报价 → 商务谈判 → 合同签署. */
export const defaultB2bPipeline: PipelineInput = {
  name: "B2B sales",
  businessLine: "default",
  isDefault: true,
  allowSkip: false,
  stages: [
    { key: "initial_contact", name: "Initial contact", nameZh: "初步接洽", probability: 10, forecastCategory: "pipeline", slaDays: 7, guidance: "Confirm the pain and who owns it; book a needs-analysis meeting.", requiredFields: [], requiredActivities: [], requiredRoles: [] },
    { key: "needs_analysis", name: "Needs analysis", nameZh: "需求调研", probability: 25, forecastCategory: "pipeline", slaDays: 14, guidance: "Map the buying committee and the decision process; log a visit.", requiredFields: ["amount", "expectedCloseDate"], requiredActivities: [], requiredRoles: [] },
    { key: "proposal", name: "Proposal / quote", nameZh: "方案/报价", probability: 50, forecastCategory: "best_case", slaDays: 14, guidance: "Present the solution to the decision maker; agree on next steps in writing.", requiredFields: ["amount", "expectedCloseDate", "needs"], requiredActivities: ["visit"], requiredRoles: ["decision_maker"] },
    { key: "negotiation", name: "Negotiation", nameZh: "商务谈判", probability: 70, forecastCategory: "commit", slaDays: 10, guidance: "Trade concessions, never give them; confirm budget and signing authority.", requiredFields: ["budget", "decisionProcess"], requiredActivities: [], requiredRoles: ["decision_maker"] },
    { key: "contract", name: "Contract", nameZh: "合同签署", probability: 90, forecastCategory: "commit", slaDays: 10, guidance: "Route the contract; chase legal and procurement daily.", requiredFields: [], requiredActivities: [], requiredRoles: [] },
  ],
};
