import type { Stage } from "../api/api-types.ts";
import type { Locale } from "./locale.ts";

/** Pipelines carry their own stage names per language; Chinese falls back to the English name if none is set. */
export function stageName(stage: Stage, locale: Locale): string {
  return locale === "zh-CN" && stage.nameZh ? stage.nameZh : stage.name;
}
