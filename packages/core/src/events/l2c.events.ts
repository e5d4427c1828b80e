import { z } from "zod";
import { orderStatuses } from "../order/order.entity.ts";
import { quoteStatuses } from "../quote/quote.entity.ts";

const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1);
const cents = z.number().int();
const currency = z.string().length(3);
const pct = z.number().min(0).max(100);
const stamps = { version: z.number().int().positive(), createdAt: isoTime, updatedAt: isoTime, createdBy: id };
const changes = z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() }));

const product = z.object({ productId: id, name: z.string(), sku: z.string(), unit: z.string(), listPriceCents: cents, currency, active: z.boolean(), description: z.string().optional(), ...stamps }).loose();

const quoteLine = z.object({ productId: id, sku: z.string(), name: z.string(), unit: z.string(), quantity: z.number().positive(), unitPriceCents: cents, discountPct: pct, grossCents: cents, discountCents: cents, lineTotalCents: cents });
const quote = z.object({
  quoteId: id, teamId: id, ownerId: id.optional(), opportunityId: id, accountId: id, quoteNumber: z.string(), quoteVersion: z.number().int().positive(),
  latest: z.boolean(), supersededBy: id.optional(), status: z.enum(quoteStatuses), isPrimary: z.boolean(), currency, lines: z.array(quoteLine),
  overallDiscountPct: pct, taxRatePct: pct, subtotalCents: cents, discountCents: cents, taxCents: cents, totalCents: cents, maxDiscountPct: pct, approvalThresholdPct: pct, ...stamps,
}).loose();

const orderLine = z.object({ productId: id, sku: z.string(), name: z.string(), unit: z.string().optional(), quantity: z.number().positive(), unitPriceCents: cents, discountPct: pct, lineTotalCents: cents });
const order = z.object({
  orderId: id, orderNumber: z.string().regex(/^SO-\d{4}-\d{6}$/), teamId: id, ownerId: id.optional(), opportunityId: id, accountId: id, quoteId: id, currency,
  subtotalCents: cents, discountCents: cents, taxCents: cents, totalCents: cents, lines: z.array(orderLine), status: z.enum(orderStatuses),
  financeEmail: z.string().optional(), paidCents: cents.optional(), ...stamps,
}).loose();

const approval = {
  quoteId: id, quoteNumber: z.string(), quoteVersion: z.number().int().positive(), teamId: id, opportunityId: id, authorId: id, ownerId: id.nullable(),
  totalCents: cents, currency, maxDiscountPct: pct, thresholdPct: pct,
};
const decision = z.object({ ...approval, decidedBy: id, comment: z.string().nullable() });

/**
 * Events of products, quotes and sales orders (packages/core/src/{product,quote,order}), in the catalogue's shape:
 * name → version, description, schema. Amounts are integer minor units (cents, 分) of `currency`.
 */
export const l2cEvents = {
  "product.created": { version: 1, description: "An admin added a product to the price book.", schema: z.object({ productId: id, record: product }) },
  "product.updated": { version: 1, description: "An admin changed a product (price, name, unit, active...); quotes keep the lines they snapshotted.", schema: z.object({ productId: id, record: product, changes }) },
  "quote.created": { version: 1, description: "A quote version was created on an open deal: v1 of a new quote number, or the next version of a family (an edit of a sent, approved or primary version).", schema: z.object({ quoteId: id, record: quote }) },
  "quote.updated": { version: 1, description: "A quote version changed: edited in place, sent, approved or rejected, marked or unmarked primary, or superseded by a newer version.", schema: z.object({ quoteId: id, record: quote, changes }) },
  "quote.approval_requested": { version: 1, description: "A quote version discounts more than its team's threshold and waits for a manager of the team (who is emailed).", schema: z.object(approval) },
  "quote.approved": { version: 1, description: "A manager approved a quote's discount; it may now be sent, made primary and ordered. The author is emailed.", schema: decision },
  "quote.rejected": { version: 1, description: "A manager rejected a quote's discount with a comment; the author is emailed and may edit it.", schema: decision },
  "quote.marked_primary": {
    version: 1,
    description: "A quote became its deal's primary (the one ordered when the deal is won); the previous primary, if any, was unmarked in the same transaction.",
    schema: z.object({ quoteId: id, previousQuoteId: id.nullable(), opportunityId: id, teamId: id, totalCents: cents, currency }),
  },
  "order.created": {
    version: 1,
    description: "A sales order was made from a won deal's primary quote (with the close, or afterwards), numbered SO-<year>-<n> without gaps; for the team's ERP or finance system.",
    schema: z.object({ orderId: id, record: order }),
  },
  "order.cancelled": {
    version: 1,
    description: "An order with nothing paid was cancelled: it is no longer receivable, its instalments' collection timers stop and no more reminders or overdue notices go out.",
    schema: z.object({
      orderId: id, orderNumber: z.string().regex(/^SO-\d{4}-\d{6}$/), teamId: id, ownerId: id, opportunityId: id, currency, totalCents: cents,
      cancelledAt: isoTime, cancelReason: z.string().nullable(),
    }),
  },
  "order.updated": { version: 1, description: "An order was delivered, cancelled or given a finance contact (payments move `paidCents`).", schema: z.object({ orderId: id, record: order, changes }) },
} as const;
