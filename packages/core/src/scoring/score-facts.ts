import type { Db } from "../db/service.ts";
import type { InterestFact } from "./score-engine.ts";

/**
 * A lead's behaviour facts: the marketing activities and repeat captures stored in its partition by the
 * capture pipeline. Strongly consistent, so the fact behind the event being handled is always included.
 */
export async function interestFacts(db: Db, leadId: string): Promise<InterestFact[]> {
  const [activities, touches] = await Promise.all([
    db.entities.leadActivity.query.primary({ leadId }).go({ pages: "all", consistent: true }),
    db.entities.leadTouch.query.primary({ leadId }).go({ pages: "all", consistent: true }),
  ]);
  return [
    ...activities.data.map((a): InterestFact => ({ kind: "activity", id: a.eventId, activityType: a.activityType, at: a.at })),
    ...touches.data.map((t): InterestFact => ({ kind: "touch", id: t.touchId, channel: t.channel, at: t.at })),
  ].sort((a, b) => a.at.localeCompare(b.at));
}
