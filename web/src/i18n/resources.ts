import { boardEn } from "./board.en.ts";
import { boardZh } from "./board.zh-CN.ts";
import { commonEn } from "./common.en.ts";
import { commonZh } from "./common.zh-CN.ts";
import { dashboardEn } from "./dashboard.en.ts";
import { dashboardZh } from "./dashboard.zh-CN.ts";
import { dealEn } from "./deal.en.ts";
import { dealZh } from "./deal.zh-CN.ts";
import { leadsEn } from "./leads.en.ts";
import { leadsZh } from "./leads.zh-CN.ts";
import { settingsEn } from "./settings.en.ts";
import { settingsZh } from "./settings.zh-CN.ts";

/**
 * One namespace per area of the app, so each screen's labels live beside each other and load with the app. Keys are
 * flat ("board.moved"); plurals are `<key>_one` / `<key>_other`; values interpolate `{{name}}` and `{{count, number}}`.
 */
export const resources = {
  en: { common: commonEn, board: boardEn, deal: dealEn, leads: leadsEn, dashboard: dashboardEn, settings: settingsEn },
  "zh-CN": { common: commonZh, board: boardZh, deal: dealZh, leads: leadsZh, dashboard: dashboardZh, settings: settingsZh },
} as const;

export type Namespace = keyof (typeof resources)["en"];
export const namespaces = Object.keys(resources.en) as Namespace[];
