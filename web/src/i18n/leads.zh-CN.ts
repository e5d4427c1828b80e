import type { Translation } from "./translation.ts";
import type { leadsEn } from "./leads.en.ts";

export const leadsZh = {
  "leads.title": "线索收件箱",
} satisfies Translation<typeof leadsEn>;
