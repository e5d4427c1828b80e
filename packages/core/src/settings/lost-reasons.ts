import { z } from "zod";
import type { EntityItem } from "electrodb";
import { NotFoundError, UnprocessableError } from "../errors.ts";
import { canRead, listTeam, requireRole } from "../records/access.ts";
import type { Ctx } from "../records/context.ts";
import { createRecord, getRecord, updateRecord, type RecordKind } from "../records/record-writer.ts";
import { shortText, versionField, parse } from "../records/schema.ts";
import { assertTeamExists } from "../team/team.ts";
import { closeOutcomesWithReason, type LostReasonEntity } from "./lost-reason.entity.ts";
import { defaultLostReasons } from "./default-lost-reasons.ts";

export type LostReason = EntityItem<typeof LostReasonEntity>;
export type ReasonOutcome = (typeof closeOutcomesWithReason)[number];
export const lostReasonKind: RecordKind = { type: "lostReason", entity: "lostReason", idField: "lostReasonId" };

const reasonFields = {
  label: shortText,
  labelZh: shortText.optional(),
  active: z.boolean().optional(),
  outcomes: z.array(z.enum(closeOutcomesWithReason)).min(1).max(2).optional(),
};
export const createLostReasonSchema = z
  .object({ ...reasonFields, key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Use lower-case letters, digits and _"), teamId: z.string().min(1).optional() })
  .strict();
export const updateLostReasonSchema = z.object({ ...versionField, ...z.object(reasonFields).partial().shape, teamId: z.string().min(1).optional() }).strict();
export const listLostReasonsQuery = z.object({ teamId: z.string().min(1).optional() });

/** A reason as the close dialog and the settings page show it; `stored` is false for the built-in defaults. */
export interface ReasonView {
  key: string;
  label: string;
  labelZh?: string | undefined;
  active: boolean;
  outcomes: ReasonOutcome[];
  version?: number;
  stored: boolean;
}

const lostReasonId = (teamId: string, key: string) => `${teamId}:${key}`;

async function storedReasons(ctx: Ctx, teamId: string): Promise<LostReason[]> {
  const { data } = await ctx.db.entities.lostReason.query.byTeam({ teamId }).go({ pages: "all" });
  return data;
}

/** The team's list, or the built-in defaults while the team has stored none. */
export async function effectiveReasons(ctx: Ctx, teamId: string): Promise<{ source: "team" | "defaults"; items: ReasonView[] }> {
  const stored = await storedReasons(ctx, teamId);
  if (stored.length === 0) return { source: "defaults", items: defaultLostReasons.map((r) => ({ ...r, stored: false })) };
  const items = stored.map((r) => ({ key: r.key, label: r.label, labelZh: r.labelZh, active: r.active, outcomes: [...r.outcomes].sort() as ReasonOutcome[], version: r.version, stored: true }));
  return { source: "team", items };
}

export async function listLostReasons(ctx: Ctx, raw: z.input<typeof listLostReasonsQuery>) {
  const q = parse(listLostReasonsQuery, raw);
  const teamId = listTeam(ctx.actor, q.teamId);
  return { teamId, ...(await effectiveReasons(ctx, teamId)) };
}

export async function createLostReason(ctx: Ctx, raw: z.input<typeof createLostReasonSchema>): Promise<LostReason> {
  const input = parse(createLostReasonSchema, raw);
  requireRole(ctx.actor, "admin");
  const teamId = input.teamId ?? ctx.actor.teamId;
  await assertTeamExists(ctx, teamId);
  const fields = { ...input, teamId, lostReasonId: lostReasonId(teamId, input.key), active: input.active ?? true, outcomes: input.outcomes ?? ["lost", "invalid"] };
  return (await createRecord(ctx, lostReasonKind, fields)) as LostReason;
}

export async function updateLostReason(ctx: Ctx, key: string, raw: z.input<typeof updateLostReasonSchema>): Promise<LostReason> {
  const input = parse(updateLostReasonSchema, raw);
  requireRole(ctx.actor, "admin");
  const { version, teamId: requested, ...patch } = input;
  const teamId = requested ?? ctx.actor.teamId;
  const current = (await getRecord(ctx.db, lostReasonKind, lostReasonId(teamId, key))) as LostReason | null;
  if (!current || !canRead(ctx.actor, current)) throw new NotFoundError("lost reason", key);
  return (await updateRecord(ctx, lostReasonKind, current, version, patch, { keyFields: ["teamId", "key"] })).record as LostReason;
}

/** The active reason `key` of the team for this outcome, or a 422 naming the keys that would do. */
export async function resolveReason(ctx: Ctx, teamId: string, outcome: ReasonOutcome, key: string): Promise<ReasonView> {
  const { items } = await effectiveReasons(ctx, teamId);
  const usable = items.filter((r) => r.active && r.outcomes.includes(outcome));
  const found = usable.find((r) => r.key === key);
  if (!found) {
    const keys = usable.map((r) => r.key).join(", ");
    throw new UnprocessableError("unknown_reason", `"${key}" is not an active ${outcome} reason of this team (use one of: ${keys})`, "reasonKey", { allowed: usable.map((r) => r.key) });
  }
  return found;
}
