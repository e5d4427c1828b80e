import type { EntityItem } from "electrodb";
import type { Ctx } from "../records/context.ts";
import { readOwned } from "../records/owned-record.ts";
import type { RecordKind } from "../records/record-writer.ts";
import type { OrderEntity } from "./order.entity.ts";

export type Order = EntityItem<typeof OrderEntity>;
export const orderKind: RecordKind = { type: "order", entity: "order", idField: "orderId" };
/** Index composites ElectroDB needs to rebuild the order's index keys on every update. */
export const orderKeyFields = ["teamId", "createdAt", "opportunityId", "ownerId"] as const;

/** An order the caller may see: their team's (admins: any); others are reported missing. */
export const getOrder = (ctx: Ctx, orderId: string) => readOwned<Order>(ctx, orderKind, orderId);
