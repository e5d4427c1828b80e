/** The slice of a deal its risk flags depend on. */
export interface FlaggedDeal {
  contacts?: { contactId: string; role: string; attitude?: string | undefined }[] | undefined;
  competitors?: { name: string }[] | undefined;
}

/** Risk flags shown on the deal and its committee graph; computed on read, so they are never out of date. */
export interface DealFlags {
  /** One contact or none: the deal hangs on a single relationship. */
  singleThreaded: boolean;
  noDecisionMaker: boolean;
  /** A decision maker is on the committee but against us. */
  decisionMakerNegative: boolean;
  opponentPresent: boolean;
  competitorPresent: boolean;
}

export function dealFlags(deal: FlaggedDeal): DealFlags {
  const contacts = deal.contacts ?? [];
  const deciders = contacts.filter((c) => c.role === "decision_maker");
  return {
    singleThreaded: contacts.length <= 1,
    noDecisionMaker: deciders.length === 0,
    decisionMakerNegative: deciders.some((c) => c.attitude === "negative"),
    opponentPresent: contacts.some((c) => c.role === "opponent"),
    competitorPresent: (deal.competitors ?? []).length > 0,
  };
}
