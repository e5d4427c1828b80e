import type { Translation } from "./translation.ts";
import type { dashboardEn } from "./dashboard.en.ts";

export const dashboardZh = {
  "dashboard.title": "仪表盘",
} satisfies Translation<typeof dashboardEn>;
