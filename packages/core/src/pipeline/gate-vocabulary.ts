/** Deal fields a stage gate may require; anything else is refused when the pipeline is saved. */
export const gateFields = ["amount", "currency", "expectedCloseDate", "probability", "priority", "needs", "budget", "decisionProcess", "nextStep", "contacts", "competitors", "teamMemberIds"] as const;
