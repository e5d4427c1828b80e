import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from "@aws-sdk/client-eventbridge";
import type { DomainEvent, EventPublisher } from "../ports/bus.ts";

export interface EventBridgePublisherOptions {
  client: EventBridgeClient;
  busName: string;
  /** EventBridge `Source` of every entry; rules for domain events match on it. */
  source?: string;
}

export interface FailedPublish {
  eventId: string;
  name: string;
  errorCode: string;
  errorMessage: string;
}

/** Some events could not be put on the bus even after one retry; the write they describe already happened. */
export class EventPublishError extends Error {
  constructor(readonly failures: FailedPublish[]) {
    super(
      `EventBridge rejected ${failures.length} event(s) after a retry: ` +
        failures.map((f) => `${f.name} ${f.eventId} (${f.errorCode}: ${f.errorMessage})`).join("; "),
    );
    this.name = "EventPublishError";
  }
}

const MAX_ENTRIES_PER_CALL = 10;

/**
 * Publishes domain events to an EventBridge bus (AWS, or the local bus through an endpoint override).
 * @example
 * const publisher = createEventBridgePublisher({ client: new EventBridgeClient({}), busName: readEnv("eventBusName") });
 * await publisher.publish([{ id, name: "lead.created", version: 1, occurredAt, data: { leadId } }]);
 */
export function createEventBridgePublisher(options: EventBridgePublisherOptions): EventPublisher {
  const { client, busName, source = "dealflow" } = options;
  return {
    async publish(events) {
      for (let i = 0; i < events.length; i += MAX_ENTRIES_PER_CALL) {
        const batch = events.slice(i, i + MAX_ENTRIES_PER_CALL);
        const pending = batch.map((event) => ({ event, entry: toEntry(event, busName, source) }));
        const firstFailures = await send(client, pending);
        if (firstFailures.length === 0) continue;
        // Entry failures are usually throttling or internal errors: one immediate retry of just those entries.
        const lastFailures = await send(client, firstFailures.map((f) => f.item));
        if (lastFailures.length > 0) throw new EventPublishError(lastFailures.map((f) => f.failure));
      }
    },
  };
}

/** Maps a domain event to its entry: DetailType = name, Detail = the event without its name. */
export function toEntry(event: DomainEvent, busName: string, source: string): PutEventsRequestEntry {
  const time = new Date(event.occurredAt);
  return {
    EventBusName: busName,
    Source: source,
    DetailType: event.name,
    Detail: JSON.stringify({
      id: event.id,
      version: event.version,
      occurredAt: event.occurredAt,
      actorId: event.actorId,
      data: event.data,
    }),
    ...(Number.isNaN(time.getTime()) ? {} : { Time: time }),
  };
}

interface Pending {
  event: DomainEvent;
  entry: PutEventsRequestEntry;
}

async function send(client: EventBridgeClient, items: Pending[]): Promise<{ item: Pending; failure: FailedPublish }[]> {
  const result = await client.send(new PutEventsCommand({ Entries: items.map((i) => i.entry) }));
  const entries: PutEventsResultEntry[] = result.Entries ?? [];
  return items.flatMap((item, index) => {
    const answer = entries[index];
    if (answer?.EventId && !answer.ErrorCode) return [];
    const failure = {
      eventId: item.event.id,
      name: item.event.name,
      errorCode: answer?.ErrorCode ?? "MissingResult",
      errorMessage: answer?.ErrorMessage ?? "EventBridge returned no result for this entry",
    };
    return [{ item, failure }];
  });
}
