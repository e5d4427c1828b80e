import type { Translation } from "./translation.ts";
import type { settingsEn } from "./settings.en.ts";

export const settingsZh = {
  "settings.title": "设置",
} satisfies Translation<typeof settingsEn>;
