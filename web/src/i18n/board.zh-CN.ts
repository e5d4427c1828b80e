import type { Translation } from "./translation.ts";
import type { boardEn } from "./board.en.ts";

export const boardZh = {
  "board.title": "销售管道",
} satisfies Translation<typeof boardEn>;
