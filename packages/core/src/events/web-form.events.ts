import { z } from "zod";

const id = z.string().min(1);
const change = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });
const form = z.object({ formId: id, teamId: id, name: z.string(), active: z.boolean(), version: z.number().int() }).loose();

/** Events of public web-form definitions (packages/core/src/web-form); the leads they capture publish lead.* events. */
export const webFormEvents = {
  "web_form.created": {
    version: 1,
    description: "A manager or admin created a public capture form for a team (its link and embed snippet work at once if active).",
    schema: z.object({ formId: id, record: form }),
  },
  "web_form.updated": {
    version: 1,
    description: "A web form's definition changed (fields, texts, campaign, tags, redirect, rate limit, or active: false to take it offline).",
    schema: z.object({ formId: id, changes: z.array(change), record: form }),
  },
} as const;
