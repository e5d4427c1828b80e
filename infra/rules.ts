/**
 * EventBridge rules as data: the stacks deploy them and the local bus runs them, so both see the same patterns.
 * `handler` names a file under packages/functions/src/events (without extension) that exports `handler`.
 */
export interface RuleSpec {
  /** Logical name, unique; used for the CDK construct id and the local rule name. */
  name: string;
  description: string;
  /** An EventBridge event pattern (the JSON a rule is created with). */
  pattern: Record<string, unknown>;
  target: { kind: "lambda"; handler: string };
}

export const DOMAIN_EVENT_SOURCE = "dealflow";

export const rules: readonly RuleSpec[] = [
  {
    name: "MarketingLeadCaptured",
    description: "Leads that marketing systems put on the bus become leads in Dealflow",
    pattern: { source: [{ prefix: "marketing." }], "detail-type": ["Lead Captured"] },
    target: { kind: "lambda", handler: "lead-captured" },
  },
  {
    name: "MarketingLeadActivity",
    description: "Behaviour that marketing systems report about known leads (page visit, demo request, email open...) is stored on the lead",
    pattern: { source: [{ prefix: "marketing." }], "detail-type": ["Lead Activity"] },
    target: { kind: "lambda", handler: "lead-activity" },
  },
  {
    name: "LeadScoring",
    description: "A lead captured, touched, with a marketing activity, or edited in a scored field is scored (fit + decaying interest) under its team's rules; lead.scored, once lead.qualified",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["lead.created", "lead.touched", "lead.activity_recorded", "lead.updated"] },
    target: { kind: "lambda", handler: "lead-scoring" },
  },
  {
    name: "DealOpened",
    description: "A created or reopened deal gets its deal-flow execution (stage SLA timer)",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["opportunity.created", "opportunity.reopened"] },
    target: { kind: "lambda", handler: "deal-opened" },
  },
  {
    name: "DealStageChanged",
    description: "A stage move signals the deal's execution, which restarts the stage timer",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["opportunity.stage_changed"] },
    target: { kind: "lambda", handler: "deal-stage-changed" },
  },
  {
    name: "DealClosed",
    description: "A closed deal's deal-flow execution is stopped",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["opportunity.closed"] },
    target: { kind: "lambda", handler: "deal-closed" },
  },
  {
    name: "ActivityMentions",
    description: "Users @mentioned in a new activity get an in-app notification and an email",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["activity.created"], detail: { data: { record: { mentions: [{ exists: true }] } } } },
    target: { kind: "lambda", handler: "activity-mentions" },
  },
  {
    name: "TaskReminders",
    description: "Tasks with a due time get a task-reminder execution; done or rescheduled tasks stop theirs",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["activity.created", "activity.updated"], detail: { data: { record: { type: ["task"] } } } },
    target: { kind: "lambda", handler: "activity-task-reminders" },
  },
  {
    name: "LeadSlaStart",
    description: "Each lead assignment gets its response-SLA execution (lead-sla); a newer assignment stops the older one",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["lead.assigned"] },
    target: { kind: "lambda", handler: "lead-sla-start" },
  },
  {
    name: "LeadFirstContact",
    description: "A call, meeting, visit or email logged on a lead is its first contact: status contacted, response SLA ended",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["activity.created"], detail: { data: { record: { subjectType: ["lead"], type: ["call", "meeting", "visit", "email"] } } } },
    target: { kind: "lambda", handler: "lead-first-contact" },
  },
  {
    name: "LeadAssignment",
    description: "A scored lead nobody owns gets an owner (territory, then round-robin or least-loaded under capacity); a lead the response SLA took back (level 3) goes to another rep",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["lead.scored", "lead.sla_breached"] },
    target: { kind: "lambda", handler: "lead-assignment" },
  },
  {
    name: "LeadLoad",
    description: "Reps' open-lead counts (for capacity) follow every lead change: created owned, reassigned, claimed, pooled, converted, disqualified",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["lead.created", "lead.updated"] },
    target: { kind: "lambda", handler: "lead-load" },
  },
  {
    name: "ForecastLines",
    description: "Every deal change brings the deal's forecast line (close month, category, amount, status) up to date",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": [{ prefix: "opportunity." }] },
    target: { kind: "lambda", handler: "forecast-lines" },
  },
  {
    name: "WinModel",
    description: "A closed or reopened deal updates the team's win-model training rows and retrains the model",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["opportunity.closed", "opportunity.reopened"] },
    target: { kind: "lambda", handler: "win-model" },
  },
  {
    name: "QuoteApprovalMail",
    description: "A quote over the discount threshold is mailed to the team's manager; the approval or rejection to its author",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["quote.approval_requested", "quote.approved", "quote.rejected"] },
    target: { kind: "lambda", handler: "quote-approval-mail" },
  },
  {
    name: "InstalmentCollectionStart",
    description: "A payment plan set or replaced: one instalment-collection execution per instalment (reminder, overdue notice); the replaced plan's executions stop",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["payment_plan.set"] },
    target: { kind: "lambda", handler: "instalment-collection-start" },
  },
  {
    name: "InstalmentCollectionStop",
    description: "An instalment paid in full stops its instalment-collection execution; a cancelled order stops all of its",
    pattern: { source: [DOMAIN_EVENT_SOURCE], "detail-type": ["instalment.paid", "order.cancelled"] },
    target: { kind: "lambda", handler: "instalment-collection-stop" },
  },
];
