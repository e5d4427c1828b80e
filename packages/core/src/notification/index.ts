export * from "./notification.ts";
export * from "./mention-notifications.ts";
export * from "./task-reminders.ts";
export { notificationKinds } from "./notification.entity.ts";
