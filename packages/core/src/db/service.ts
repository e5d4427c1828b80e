import { Service } from "electrodb";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { AccountEntity } from "../account/account.entity.ts";
import { ActivityEntity } from "../activity/activity.entity.ts";
import { AuditEntryEntity } from "../audit/audit.entity.ts";
import { ContactEntity } from "../contact/contact.entity.ts";
import { DealFlowEntity, DealFlowNoticeEntity } from "../deal-flow/deal-flow.entity.ts";
import { ForecastLineEntity } from "../forecast/forecast-line.entity.ts";
import { QuotaEntity } from "../forecast/quota.entity.ts";
import { ForecastSnapshotEntity, ForecastSubmissionEntity } from "../forecast/forecast-history.entity.ts";
import { WinModelEntity, WinModelSettingsEntity, WinTrainingRowEntity } from "../win-model/win-model.entity.ts";
import { CurrencySettingsEntity } from "../currency/currency.entity.ts";
import { LeadEntity } from "../lead/lead.entity.ts";
import { ScoringRulesEntity } from "../scoring/scoring-rules.entity.ts";
import { AssignmentCursorEntity, AssignmentSettingsEntity, LeadHoldEntity, RepLoadEntity } from "../assignment/assignment.entity.ts";
import { CaptureReceiptEntity } from "../lead/capture/capture-receipt.entity.ts";
import { LeadActivityEntity } from "../lead/capture/lead-activity.entity.ts";
import { LeadKeyEntity } from "../lead/capture/lead-key.entity.ts";
import { LeadTouchEntity } from "../lead/capture/lead-touch.entity.ts";
import { LeadSlaEntity } from "../lead-sla/lead-sla.entity.ts";
import { LeadSlaSettingsEntity } from "../lead-sla/sla-settings.entity.ts";
import { NotificationEntity } from "../notification/notification.entity.ts";
import { OpportunityEntity } from "../opportunity/opportunity.entity.ts";
import { StageHistoryEntity } from "../opportunity/stage-history.entity.ts";
import { PipelineEntity } from "../pipeline/pipeline.entity.ts";
import { ClaimSlotEntity } from "../pool/claim-slot.entity.ts";
import { PoolEntryEntity } from "../pool/pool-entry.entity.ts";
import { PoolSettingsEntity } from "../pool/pool-settings.entity.ts";
import { LostReasonEntity } from "../settings/lost-reason.entity.ts";
import { TeamEntity } from "../team/team.entity.ts";
import { UserEmailEntity, UserEntity } from "../user/user.entity.ts";
import { OrderEntity, OrderOfDealEntity } from "../order/order.entity.ts";
import { SequenceEntity } from "../order/sequence.entity.ts";
import { ProductEntity, ProductSkuEntity } from "../product/product.entity.ts";
import { QuoteEntity, QuotePrimaryEntity, QuoteSettingsEntity } from "../quote/quote.entity.ts";
import { InstalmentEntity } from "../payment/instalment.entity.ts";
import { PaymentEntity } from "../payment/payment.entity.ts";
import { PaymentPlanEntity } from "../payment/payment-plan.entity.ts";
import { CollectionSettingsEntity } from "../payment/collection-settings.entity.ts";
import { WebFormEntity, WebFormHitsEntity } from "../web-form/web-form.entity.ts";

const entities = {
  lead: LeadEntity,
  leadKey: LeadKeyEntity,
  leadTouch: LeadTouchEntity,
  leadActivity: LeadActivityEntity,
  scoringRules: ScoringRulesEntity,
  captureReceipt: CaptureReceiptEntity,
  account: AccountEntity,
  contact: ContactEntity,
  opportunity: OpportunityEntity,
  stageHistory: StageHistoryEntity,
  pipeline: PipelineEntity,
  lostReason: LostReasonEntity,
  activity: ActivityEntity,
  user: UserEntity,
  userEmail: UserEmailEntity,
  team: TeamEntity,
  audit: AuditEntryEntity,
  notification: NotificationEntity,
  dealFlow: DealFlowEntity,
  dealFlowNotice: DealFlowNoticeEntity,
  poolEntry: PoolEntryEntity,
  claimSlot: ClaimSlotEntity,
  poolSettings: PoolSettingsEntity,
  forecastLine: ForecastLineEntity,
  quota: QuotaEntity,
  forecastSnapshot: ForecastSnapshotEntity,
  forecastSubmission: ForecastSubmissionEntity,
  winTrainingRow: WinTrainingRowEntity,
  winModel: WinModelEntity,
  winModelSettings: WinModelSettingsEntity,
  currencySettings: CurrencySettingsEntity,
  leadSla: LeadSlaEntity,
  leadSlaSettings: LeadSlaSettingsEntity,
  order: OrderEntity,
  orderOfDeal: OrderOfDealEntity,
  sequence: SequenceEntity,
  product: ProductEntity,
  productSku: ProductSkuEntity,
  quote: QuoteEntity,
  quotePrimary: QuotePrimaryEntity,
  quoteSettings: QuoteSettingsEntity,
  assignmentSettings: AssignmentSettingsEntity,
  assignmentCursor: AssignmentCursorEntity,
  repLoad: RepLoadEntity,
  leadHold: LeadHoldEntity,
  paymentPlan: PaymentPlanEntity,
  instalment: InstalmentEntity,
  payment: PaymentEntity,
  collectionSettings: CollectionSettingsEntity,
  webForm: WebFormEntity,
  webFormHits: WebFormHitsEntity,
};

/**
 * The one Service over the single table, plus the document client for multi-entity transactions built from
 * ElectroDB params. The client is injected so tests and the local runtime choose the endpoint.
 */
export function createDb(client: DynamoDBClient, table: string) {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const service = new Service(entities, { client: doc, table });
  return { service, entities: service.entities, collections: service.collections, doc, table };
}

export type Db = ReturnType<typeof createDb>;
export type EntityName = keyof typeof entities;
