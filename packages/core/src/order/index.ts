export * from "./order.ts";
export * from "./order-create.ts";
export * from "./order-status.ts";
export { orderHasPayments } from "./order-payments.ts";
export { orderStatuses, type OrderStatus } from "./order.entity.ts";
