import type { Db } from "@dealflow/core/db/service";

export interface OrderSeed {
  teamId: string;
  ownerId: string;
  totalCents: number;
  currency?: string;
  createdAt?: string;
  financeEmail?: string;
  status?: "confirmed" | "delivered" | "cancelled";
  number?: number;
}

let seq = 0;

/**
 * A signed order as the orders part stores it (one line, tax included in the total). Payments tests start from
 * an order rather than a won deal so they depend only on the Order record the two parts share.
 */
export async function seedOrder(db: Db, o: OrderSeed) {
  seq += 1;
  const at = o.createdAt ?? new Date().toISOString();
  const orderId = `ord-${crypto.randomUUID()}`;
  const taxCents = Math.round(o.totalCents * 0.13 / 1.13);
  const item = {
    orderId, teamId: o.teamId, ownerId: o.ownerId, version: 1, createdAt: at, updatedAt: at, createdBy: o.ownerId,
    orderNumber: `SO-${at.slice(0, 4)}-${String(o.number ?? 900_000 + seq).padStart(6, "0")}`, opportunityId: `opp-${orderId}`, accountId: "acc-fixture",
    quoteId: `quo-${orderId}`, currency: o.currency ?? "CNY", subtotalCents: o.totalCents - taxCents, discountCents: 0, taxCents, totalCents: o.totalCents,
    lines: [{ productId: "prd-1", sku: "ERP-STD", name: "ERP 标准版, \"Standard\"", quantity: 1, unitPriceCents: o.totalCents - taxCents, discountPct: 0, lineTotalCents: o.totalCents - taxCents }],
    status: o.status ?? "confirmed", ...(o.financeEmail && { financeEmail: o.financeEmail }),
  };
  await db.entities.order.create(item).go();
  return item;
}
