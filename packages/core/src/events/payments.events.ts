import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1);
const cents = z.number().int();
const currency = z.string().length(3);
const scope = { orderId: id, orderNumber: z.string().min(1), teamId: id, ownerId: id };

/**
 * Events of payment plans and collection (packages/core/src/payment), in the catalogue's shape: name → version,
 * description, schema. Amounts are integer minor units (cents, 分) of `currency`.
 */
export const paymentEvents = {
  "payment_plan.set": {
    version: 1,
    description: "An order got its payment plan, or a plan with nothing paid was replaced (planVersion counts up). Each instalment gets a collection timer; those of `replaced` are stopped.",
    schema: z.object({
      ...scope,
      planVersion: z.number().int().positive(),
      currency,
      totalCents: cents,
      instalments: z.array(z.object({ instalmentId: id, seq: z.number().int().positive(), amountCents: cents, dueDate: z.string(), dueAt: isoTime, remindAt: isoTime, collectAt: isoTime })),
      replaced: z.array(z.object({ instalmentId: id, planVersion: z.number().int().positive() })),
    }),
  },
  "payment.recorded": {
    version: 1,
    description: "Money received against one instalment was recorded (partial or in full); for the team's ERP or finance system.",
    schema: z.object({
      ...scope,
      paymentId: id,
      instalmentId: id,
      instalmentSeq: z.number().int().positive(),
      currency,
      amountCents: cents,
      /** The value date, "YYYY-MM-DD". */
      receivedOn: z.iso.date(),
      method: z.string().optional(),
      reference: z.string().optional(),
      instalmentPaidCents: cents,
      instalmentOutstandingCents: cents,
      instalmentStatus: z.enum(["partly_paid", "paid", "overdue"]),
      orderPaidCents: cents,
    }),
  },
  "instalment.paid": {
    version: 1,
    description: "An instalment is paid in full; its collection timer stops.",
    schema: z.object({ ...scope, instalmentId: id, seq: z.number().int().positive(), planVersion: z.number().int().positive(), currency, amountCents: cents, paidAt: isoTime, dueAt: isoTime }),
  },
  "instalment.overdue": {
    version: 1,
    description: "An instalment was not paid in full by its due time (plus the team's grace): marked overdue; the owner and the finance contact were emailed.",
    schema: z.object({
      ...scope,
      instalmentId: id,
      seq: z.number().int().positive(),
      planVersion: z.number().int().positive(),
      currency,
      amountCents: cents,
      paidCents: cents,
      outstandingCents: cents,
      dueDate: z.string(),
      dueAt: isoTime,
    }),
  },
} as const;
