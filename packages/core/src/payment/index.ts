export { getPlan, setPlan } from "./plan.ts";
export { setPlanSchema, maxInstalments, type SetPlanInput } from "./plan-input.ts";
export { recordPayment, listPayments, recordPaymentSchema, type RecordPaymentInput, type PaymentResult } from "./payment.ts";
export { planView, type PlanView, type InstalmentView } from "./plan-view.ts";
export { statusAt, readOrderFacts, type Instalment, type Payment, type PaymentPlan, type OrderFacts } from "./order-facts.ts";
export { collectionSettingsOf, getCollectionSettings, updateCollectionSettings, updateCollectionSettingsSchema, defaultCollectionSettings, type CollectionSettings } from "./collection-settings.ts";
export { formatMoney, splitTotal } from "./money.ts";
export { dueTimesOf, durationSeconds } from "./due-times.ts";
export { instalmentStatuses, type InstalmentStatus } from "./instalment.entity.ts";
