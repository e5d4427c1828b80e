/** English labels of the deal screens; deal.zh-CN.ts must fill every key. */
export const dealEn = {
  "deal.title": "Opportunity",
} as const;
