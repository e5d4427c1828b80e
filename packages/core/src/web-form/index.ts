export * from "./web-form.ts";
export * from "./web-form.schema.ts";
export * from "./submit-web-form.ts";
export { RateLimitedError, takeSubmissionSlot, type RateLimit } from "./rate-limit.ts";
export { formLang, escapeHtml, type FormLang } from "./form-html.ts";
export { formPage, thankYouPage, embedOf } from "./form-page.ts";
