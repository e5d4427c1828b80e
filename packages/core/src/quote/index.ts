export * from "./quote.ts";
export * from "./quote-store.ts";
export * from "./quote-approval.ts";
export * from "./quote-primary.ts";
export * from "./quote-settings.ts";
export * from "./quote-totals.ts";
export { quoteStatuses, type QuoteStatus } from "./quote.entity.ts";
export { sendQuoteApprovalMail } from "./quote-mail.ts";
