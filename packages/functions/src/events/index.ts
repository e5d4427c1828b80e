import type { BusEnvelope } from "@dealflow/core/ports/bus";
import type { RuntimeDeps } from "../runtime/deps.ts";
import { leadCapturedHandler } from "./lead-captured.ts";
import { leadActivityHandler } from "./lead-activity.ts";
import { leadScoringHandler } from "./lead-scoring.ts";
import { nightlyRescoreHandler } from "../scheduled/nightly-rescore.ts";
import { nightlyWinModelHandler } from "../scheduled/nightly-win-model.ts";
import { dealClosedHandler } from "./deal-closed.ts";
import { dealOpenedHandler } from "./deal-opened.ts";
import { dealStageChangedHandler } from "./deal-stage-changed.ts";
import { activityMentionsHandler } from "./activity-mentions.ts";
import { activityTaskRemindersHandler } from "./activity-task-reminders.ts";
import { forecastLinesHandler } from "./forecast-lines.ts";
import { leadSlaStartHandler } from "./lead-sla-start.ts";
import { leadFirstContactHandler } from "./lead-first-contact.ts";
import { leadAssignmentHandler } from "./lead-assignment.ts";
import { leadLoadHandler } from "./lead-load.ts";
import { winModelHandler } from "./win-model.ts";
import { forecastSnapshotHandler } from "./forecast-snapshot.ts";
import { quoteApprovalMailHandler } from "./quote-approval-mail.ts";
import { instalmentCollectionStartHandler } from "./instalment-collection-start.ts";
import { instalmentCollectionStopHandler } from "./instalment-collection-stop.ts";

/** Every bus consumer by the handler name the rules in infra/rules.ts target; the local bus wires these. */
export const eventHandlers: Record<string, (deps: RuntimeDeps) => (event: BusEnvelope) => Promise<void>> = {
  "lead-captured": leadCapturedHandler,
  "lead-activity": leadActivityHandler,
  "lead-scoring": leadScoringHandler,
  "../scheduled/nightly-rescore": nightlyRescoreHandler,
  "../scheduled/nightly-win-model": nightlyWinModelHandler,
  "deal-opened": dealOpenedHandler,
  "deal-stage-changed": dealStageChangedHandler,
  "deal-closed": dealClosedHandler,
  "activity-mentions": activityMentionsHandler,
  "activity-task-reminders": activityTaskRemindersHandler,
  "forecast-lines": forecastLinesHandler,
  "lead-sla-start": leadSlaStartHandler,
  "lead-first-contact": leadFirstContactHandler,
  "lead-assignment": leadAssignmentHandler,
  "lead-load": leadLoadHandler,
  "win-model": winModelHandler,
  "forecast-snapshot": forecastSnapshotHandler,
  "quote-approval-mail": quoteApprovalMailHandler,
  "instalment-collection-start": instalmentCollectionStartHandler,
  "instalment-collection-stop": instalmentCollectionStopHandler,
};
