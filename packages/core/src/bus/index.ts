export {
  createEventBridgePublisher,
  toEntry,
  EventPublishError,
  type EventBridgePublisherOptions,
  type FailedPublish,
} from "./eventbridge-publisher.ts";
