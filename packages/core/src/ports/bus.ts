/**
 * A domain event as it travels on the bus. On EventBridge: `Source` = "dealflow", `DetailType` = `name`
 * (past tense, dot-separated, e.g. "opportunity.stage_changed"), `Detail` = JSON of this object minus `name`.
 */
export interface DomainEvent<T = Record<string, unknown>> {
  /** Unique per fact; consumers use it for idempotency. */
  id: string;
  name: string;
  /** Schema version of `data`. */
  version: number;
  occurredAt: string;
  /** User id that caused it, when a person did. */
  actorId?: string;
  data: T;
}

export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}

/** What an EventBridge rule delivers to a Lambda target (the AWS envelope). */
export interface BusEnvelope<D = unknown> {
  version: "0";
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: D;
}
