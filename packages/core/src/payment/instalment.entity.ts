import { Entity } from "electrodb";

export const instalmentStatuses = ["pending", "partly_paid", "paid", "overdue", "void"] as const;
export type InstalmentStatus = (typeof instalmentStatuses)[number];

/** Replaced plans keep their instalments for the record, but out of the receivables indexes. */
const live = (a: Record<string, unknown>) => a.status !== "void";

/**
 * One instalment of an order's payment plan, in the order's partition (collection "order") so a plan or a
 * payment commits in one transaction with the order. Amounts are integer minor units of `currency`.
 * `dueAt`, `remindAt` and `collectAt` are instants fixed when the plan is set (team settings of that moment), so
 * the collection timer and a restart agree on them.
 */
export const InstalmentEntity = new Entity({
  model: { entity: "instalment", version: "1", service: "dealflow" },
  attributes: {
    orderId: { type: "string", required: true },
    instalmentId: { type: "string", required: true },
    /** 1-based position in its plan. */
    seq: { type: "number", required: true },
    planVersion: { type: "number", required: true },
    teamId: { type: "string", required: true },
    ownerId: { type: "string", required: true },
    orderNumber: { type: "string", required: true },
    accountId: { type: "string", required: true },
    currency: { type: "string", required: true },
    amountCents: { type: "number", required: true },
    paidCents: { type: "number", required: true },
    status: { type: instalmentStatuses, required: true },
    /** As entered: a date ("2026-03-31", due by the end of that day in the team's zone) or a datetime. */
    dueDate: { type: "string", required: true },
    /** The local date it falls due on: what ageing and monthly reports count in days and months. */
    dueOn: { type: "string", required: true },
    dueAt: { type: "string", required: true },
    remindAt: { type: "string", required: true },
    collectAt: { type: "string", required: true },
    paidAt: { type: "string" },
    overdueAt: { type: "string" },
    reminderMailedAt: { type: "string" },
    overdueMailedAt: { type: "string" },
    createdAt: { type: "string", required: true },
    updatedAt: { type: "string", required: true },
  },
  indexes: {
    primary: { pk: { field: "pk", composite: ["orderId"] }, sk: { field: "sk", composite: ["instalmentId"] }, collection: "order" },
    // The team's receivables by due date: ageing, planned-by-month, DSO.
    byTeamDue: { index: "gsi1", condition: live, pk: { field: "gsi1pk", composite: ["teamId"] }, sk: { field: "gsi1sk", composite: ["dueOn", "instalmentId"] } },
    // One rep's receivables by due date.
    byOwnerDue: { index: "gsi2", condition: live, pk: { field: "gsi2pk", composite: ["ownerId"] }, sk: { field: "gsi2sk", composite: ["dueOn", "instalmentId"] } },
  },
});
