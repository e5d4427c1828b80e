import type { ScoringRuleSet } from "./scoring-rules.schema.ts";

/**
 * What a team scores with until its manager saves rules of its own. Fit tops out at 55, so a lead that fits
 * perfectly still needs some behaviour (a demo request, a webinar...) to cross the default threshold of 60.
 */
export const defaultScoringRules: ScoringRuleSet = {
  fitRules: [
    { field: "title", op: "contains", values: ["CEO", "CTO", "CIO", "VP", "Head", "Director", "总监", "总经理"], points: 15, label: "Decision-maker title" },
    { field: "companySize", op: "in", values: ["201-1000", "1000+"], points: 15, label: "Mid-size or large company" },
    { field: "companySize", op: "equals", value: "51-200", points: 8, label: "Growing company" },
    { field: "industry", op: "in", values: ["software", "manufacturing", "finance"], points: 10, label: "Target industry" },
    { field: "source", op: "in", values: ["web_form", "landing_page", "trade_show"], points: 5, label: "Inbound source" },
    { field: "email", op: "exists", points: 5, label: "Has an email" },
    { field: "phone", op: "exists", points: 5, label: "Has a phone" },
  ],
  interestRules: [
    { activityType: "demo_request", points: 15 },
    { activityType: "trial_signup", points: 15 },
    { activityType: "webinar", points: 8 },
    { activityType: "event_attended", points: 8 },
    { activityType: "form_submit", points: 5 },
    { activityType: "content_download", points: 4 },
    { activityType: "pricing_page", points: 3 },
    { activityType: "chat", points: 3 },
    { activityType: "email_click", points: 2 },
    { activityType: "page_visit", points: 1 },
    { activityType: "email_open", points: 1 },
    { activityType: "unsubscribe", points: -10 },
  ],
  touchPoints: 2,
  halfLifeDays: 14,
  qualifyThreshold: 60,
  grades: { A: 75, B: 50, C: 25 },
};
