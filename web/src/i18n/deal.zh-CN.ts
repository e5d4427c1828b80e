import type { Translation } from "./translation.ts";
import type { dealEn } from "./deal.en.ts";

export const dealZh = {
  "deal.title": "商机",
} satisfies Translation<typeof dealEn>;
