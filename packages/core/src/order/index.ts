export * from "./order.ts";
export { orderStatuses, type OrderStatus } from "./order.entity.ts";
